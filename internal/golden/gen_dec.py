#!/usr/bin/python3
"""Generate webob/testdata/golden_dec.json from Python WebOb.

Covers webob.dec.wsgify's one-call helpers get(url, **kw),
post(url, POST, **kw) and request(url, **kw): the wrapped function echoes
what it was given (method, URL, query, content type and body), and the
golden file records it for each call. Run with:

    /usr/bin/python3 internal/golden/gen_dec.py
"""

import json
import os
import warnings

warnings.simplefilter('ignore')

from webob import Response  # noqa: E402
from webob.dec import wsgify  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, 'webob', 'testdata', 'golden_dec.json')


@wsgify
def echo(req):
    return Response(json_body={
        "method": req.method, "url": req.url, "query": req.query_string,
        "content_type": req.content_type, "body": req.body.decode("latin-1"),
        "x": req.headers.get("X-Test", ""),
    })


def main():
    cases = []

    def rec(call, args, resp):
        cases.append({"call": call, "args": args, "status": resp.status, "echo": resp.json})

    rec("get", {"url": "/a?b=1"}, echo.get("/a?b=1"))
    rec("get", {"url": "/h", "headers": {"X-Test": "yes"}}, echo.get("/h", headers={"X-Test": "yes"}))
    rec("get", {"url": "/m", "method": "DELETE"}, echo.get("/m", method="DELETE"))
    rec("post", {"url": "/p", "POST": [["a", "1"], ["b", "x y"]]}, echo.post("/p", POST=[("a", "1"), ("b", "x y")]))
    rec("post", {"url": "/p"}, echo.post("/p"))
    rec("post", {"url": "/put", "POST": [["a", "1"]], "method": "PUT"}, echo.post("/put", POST=[("a", "1")], method="PUT"))
    rec("request", {"url": "/r"}, echo.request("/r"))
    rec("request", {"url": "https://example.com:8443/s?q=%20"}, echo.request("https://example.com:8443/s?q=%20"))
    rec("request", {"url": "/b", "method": "PATCH", "body": "raw", "content_type": "text/plain"},
        echo.request("/b", method="PATCH", body=b"raw", content_type="text/plain"))
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, 'w') as f:
        json.dump({"webob_version": "1.8.6", "cases": cases}, f, indent=1, sort_keys=True)
        f.write('\n')


if __name__ == '__main__':
    main()
