#!/usr/bin/python3
"""Generate request/testdata/golden_small.json from Python WebOb.

Covers the small pieces of webob.Request and webob.multidict.MultiDict that
have no golden data elsewhere: remote_host, max_forwards, pragma,
copy_get, remove_conditional_headers (with each keyword), and MultiDict
pop, popitem, setdefault, update and extend; the text and json setters,
GET's write-back to QUERY_STRING, RequestCookies writes and
NestedMultiDict getone, mixed, dict_of_lists and copy; Request.decode. Run
with:

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


def remove_options():
    out = []
    names = ["remove_encoding", "remove_range", "remove_match", "remove_modified"]
    for mask in range(16):
        kw = {n: not (mask >> i) & 1 for i, n in enumerate(names)}
        r = Request.blank("/", headers={
            "If-Range": '"x"', "Range": "bytes=0-1", "If-None-Match": '"y"',
            "If-Modified-Since": "Sat, 29 Oct 1994 19:43:31 GMT", "Accept-Encoding": "gzip",
            "If-Match": '"z"', "If-Unmodified-Since": "Sat, 29 Oct 1994 19:43:31 GMT"})
        r.remove_conditional_headers(**kw)
        out.append({"kw": kw, "left": sorted(k for k in r.environ if k.startswith("HTTP_") and k != "HTTP_HOST")})
    return out


def b64(b):
    import base64
    return base64.b64encode(b).decode()


def setters():
    out = []
    texts = ["", "hello", "caf\u00e9", "\u20ac uro", "\U0001f600"]
    for ct in [None, "text/plain", "text/plain; charset=UTF-8", "text/plain; charset=latin-1",
               "text/plain; charset=us-ascii", "text/plain; charset=utf-16", "text/plain; charset=utf-16-be",
               "application/json; charset=utf-16-le", "text/plain; charset=x-nonesuch"]:
        for t in texts:
            env = {} if ct is None else {"CONTENT_TYPE": ct}
            r = Request.blank("/", environ=dict(env))
            try:
                r.text = t
                res = {"body_b64": b64(r.body), "content_length": r.environ["CONTENT_LENGTH"]}
            except UnicodeEncodeError:
                res = {"error": "UnicodeEncodeError"}
            except LookupError:
                res = {"error": "LookupError"}
            out.append({"op": "text", "environ": env, "value": t, "result": res})
    for ct in [None, "application/json; charset=utf-16"]:
        for v in [{"a": 1}, [1, "x", None, True, 2.5], "caf\u00e9 <&>", {"k": {"n": [1, 2]}}, None]:
            env = {} if ct is None else {"CONTENT_TYPE": ct}
            r = Request.blank("/", environ=dict(env))
            r.json = v
            out.append({"op": "json", "environ": env, "value": v,
                        "result": {"body_b64": b64(r.body), "content_length": r.environ["CONTENT_LENGTH"],
                                   "content_type": r.environ.get("CONTENT_TYPE")}})
    return out


def get_writes():
    out = []
    for qs, ops in [
        ("a=1&b=2&a=3", [["set", "a", "x"]]),
        ("a=1&b=2&a=3", [["add", "c", "a b&c=d"]]),
        ("a=1&b=2&a=3", [["del", "a"]]),
        ("a=1;b=2", [["add", "\u00e9", "\u20ac/~-_.!*'()"]]),
        ("", [["add", "k", ""], ["add", "", "v"]]),
        ("x=%41+%42", [["pop", "x"]]),
        ("a=1&b=2", [["clear"]]),
        ("q=a+b&r=%2B", [["setdefault", "s", "1"]]),
    ]:
        r = Request.blank("/", environ={"QUERY_STRING": qs})
        g = r.GET
        for op in ops:
            if op[0] == "set":
                g[op[1]] = op[2]
            elif op[0] == "add":
                g.add(op[1], op[2])
            elif op[0] == "del":
                del g[op[1]]
            elif op[0] == "pop":
                g.pop(op[1])
            elif op[0] == "clear":
                g.clear()
            elif op[0] == "setdefault":
                g.setdefault(op[1], op[2])
        out.append({"query_string": qs, "ops": ops, "result": r.environ["QUERY_STRING"],
                    "items": [list(i) for i in r.GET.items()]})
    return out


def cookie_writes():
    out = []
    headers = [None, "", "a=1", "a=1; b=2", "b=2; a=1; a=3", "a=1;b=2;c=3", 'x="q; y"; a=1',
               "$Version=1; a=1", "path=/; a=1", "a = 1 ; b=2"]
    ops = [["set", "a", "9"], ["set", "n", "v"], ["set", "a", "sp ace;\"q\u00e9"], ["set", "$x", "1"],
           ["set", "path", "1"], ["set", "b c", "1"], ["set", "\u00e9", "1"], ["del", "a"], ["del", "zz"],
           ["del", "b"], ["pop", "a"], ["pop", "zz"], ["setdefault", "a", "d"], ["setdefault", "z", "d"],
           ["update", [["a", "u"], ["c", "w"]]], ["clear"]]
    for h in headers:
        for op in ops:
            env = {} if h is None else {"HTTP_COOKIE": h}
            r = Request.blank("/", environ=dict(env))
            c = r.cookies
            try:
                if op[0] == "set":
                    c[op[1]] = op[2]
                    res = None
                elif op[0] == "del":
                    del c[op[1]]
                    res = None
                elif op[0] == "pop":
                    res = c.pop(op[1])
                elif op[0] == "setdefault":
                    res = c.setdefault(op[1], op[2])
                elif op[0] == "update":
                    c.update([tuple(p) for p in op[1]])
                    res = None
                elif op[0] == "clear":
                    c.clear()
                    res = None
            except (KeyError, TypeError, ValueError) as e:
                res = {"error": type(e).__name__}
            out.append({"header": h, "op": op, "result": res, "after": r.environ.get("HTTP_COOKIE")})
    return out


def params():
    r = Request.blank("/?a=1&b=2&a=3", POST={"a": "p", "c": "4"})
    p = r.params
    out = {"getone": {}, "mixed": p.mixed(), "dict_of_lists": p.dict_of_lists(),
           "copy": [list(i) for i in p.copy().items()]}
    for k in ["a", "b", "c", "zz"]:
        try:
            out["getone"][k] = p.getone(k)
        except KeyError:
            out["getone"][k] = {"error": "KeyError"}
    return out


def decodes():
    """Request.decode(charset): the transcoded query string, content type and
    body, or the exception. Bodies and query strings are latin-1 native
    strings in the JSON (one char per byte)."""
    out = []
    cases = [
        ("q=caf%E9&x=1", "application/x-www-form-urlencoded; charset=latin-1", b"name=J%F6rg&b=%E9t%E9+ok&c", None),
        ("q=caf%E9;y=%2B+", "text/plain; charset=ISO-8859-1", b"caf\xe9", None),
        ("plain%E9", "application/x-www-form-urlencoded; charset=latin-1", b"noequals%E9", None),
        ("a=%E9", None, b"", "latin-1"),
        ("a=%E9", "application/x-www-form-urlencoded", b"b=%E9", "latin-1"),
        ("a=%E9", "application/x-www-form-urlencoded", b"b=%E9", "UTF-8"),
        ("a=%C3%A9", "application/x-www-form-urlencoded", b"b=%C3%A9", "utf-8"),
        ("a=%E9", "application/x-www-form-urlencoded; charset=us-ascii", b"b=1", None),
        ("a=1&&b&=2", "application/x-www-form-urlencoded;Charset=latin-1 ; x=y", b"k%zz=v%2", None),
        ("a=%E9", "application/x-www-form-urlencoded; charset=x-nonesuch", b"b=1", None),
        ("", "multipart/form-data; boundary=XX; charset=latin-1",
         b'--XX\r\nContent-Disposition: form-data; name="a"\r\n\r\nJ\xf6rg\r\n--XX--\r\n', None),
    ]
    for qs, ct, body, charset in cases:
        env = {"QUERY_STRING": qs}
        if ct is not None:
            env["CONTENT_TYPE"] = ct
        r = Request.blank("/", environ=dict(env))
        r.body = body
        try:
            d = r.decode(charset) if charset else r.decode()
            res = {"same": d is r, "query_string": d.environ.get("QUERY_STRING"),
                   "content_type": d.environ.get("CONTENT_TYPE"),
                   "body": d.body.decode("latin-1"), "content_length": d.environ.get("CONTENT_LENGTH")}
        except (UnicodeDecodeError, LookupError) as e:
            res = {"error": type(e).__name__}
        out.append({"environ": env, "body": body.decode("latin-1"), "charset": charset, "result": res})
    return out


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
    data = {"webob_version": "1.8.6", "props": props(), "environ": envcases(), "multidict": multidict(),
            "remove_options": remove_options(), "setters": setters(), "get_writes": get_writes(),
            "cookie_writes": cookie_writes(), "params": params(), "decode": decodes()}
    with open(OUT, 'w') as f:
        json.dump(data, f, indent=1, sort_keys=True)
        f.write('\n')


if __name__ == '__main__':
    main()
