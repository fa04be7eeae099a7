#!/usr/bin/python3
"""Generate request/testdata/golden_small.json from Python WebOb.

Covers the small pieces of webob.Request and webob.multidict.MultiDict that
have no golden data elsewhere: remote_host, max_forwards, pragma,
copy_get, remove_conditional_headers, and MultiDict pop, popitem,
setdefault, update and extend. Run with:

    /usr/bin/python3 internal/golden/gen_small.py
"""

import json
import os
import warnings

warnings.simplefilter('ignore')

from webob import Request  # noqa: E402
from webob.multidict import MultiDict  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, 'request', 'testdata', 'golden_small.json')


def props():
    out = []
    for env in [{}, {"REMOTE_HOST": "client.example", "HTTP_MAX_FORWARDS": "10", "HTTP_PRAGMA": "no-cache"},
                {"HTTP_MAX_FORWARDS": " 3 "}, {"HTTP_MAX_FORWARDS": "x"}, {"HTTP_MAX_FORWARDS": "-1"},
                {"HTTP_MAX_FORWARDS": ""}]:
        r = Request.blank("/", environ=dict(env))
        try:
            mf = r.max_forwards
        except ValueError:
            mf = {"error": "ValueError"}
        out.append({"environ": env, "remote_host": r.remote_host, "max_forwards": mf,
                    "pragma": r.pragma})
    return out


KEYS = ['REQUEST_METHOD', 'CONTENT_TYPE', 'CONTENT_LENGTH', 'HTTP_IF_RANGE', 'HTTP_RANGE', 'HTTP_IF_NONE_MATCH',
        'HTTP_IF_MODIFIED_SINCE', 'HTTP_ACCEPT_ENCODING', 'HTTP_IF_MATCH', 'HTTP_X']


def envcases():
    r = Request.blank("/p?q=1", POST={"a": "1"}, headers={
        "If-Range": '"x"', "Range": "bytes=0-1", "If-None-Match": '"y"', "If-Modified-Since": "Sat, 29 Oct 1994 19:43:31 GMT",
        "Accept-Encoding": "gzip", "If-Match": '"z"', "X": "kept"})
    start = {k: r.environ[k] for k in KEYS if k in r.environ}
    g = r.copy_get()
    copy_get = {k: g.environ[k] for k in KEYS if k in g.environ}
    copy_get["body"] = g.body.decode()
    r2 = r.copy()
    r2.remove_conditional_headers()
    removed = {k: r2.environ[k] for k in KEYS if k in r2.environ}
    return {"start": start, "copy_get": copy_get, "remove_conditional_headers": removed,
            "original_after": {k: r.environ[k] for k in KEYS if k in r.environ}}


def md(items):
    return MultiDict([tuple(i) for i in items])


def multidict():
    base = [["a", "1"], ["b", "2"], ["a", "3"]]
    out = []

    def rec(op, arg, fn):
        m = md(base)
        try:
            result = fn(m)
        except KeyError:
            result = {"error": "KeyError"}
        if isinstance(result, tuple):
            result = list(result)
        out.append({"op": op, "arg": arg, "result": result, "items": [list(i) for i in m.items()]})

    rec("pop", "a", lambda m: m.pop("a"))
    rec("pop", "zz", lambda m: m.pop("zz"))
    rec("popitem", None, lambda m: m.popitem())
    rec("setdefault", ["a", "9"], lambda m: m.setdefault("a", "9"))
    rec("setdefault", ["c", "9"], lambda m: m.setdefault("c", "9"))
    rec("update", [["a", "x"], ["c", "y"]], lambda m: m.update([("a", "x"), ("c", "y")]))
    rec("update", [["b", "x"], ["b", "y"]], lambda m: m.update([("b", "x"), ("b", "y")]))
    rec("extend", [["a", "x"], ["c", "y"]], lambda m: m.extend([("a", "x"), ("c", "y")]))
    return {"base": base, "cases": out}


def main():
    data = {"webob_version": "1.8.6", "props": props(), "environ": envcases(), "multidict": multidict()}
    with open(OUT, 'w') as f:
        json.dump(data, f, indent=1, sort_keys=True)
        f.write('\n')


if __name__ == '__main__':
    main()
