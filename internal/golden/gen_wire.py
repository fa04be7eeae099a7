#!/usr/bin/python3
"""Generate request/testdata/golden_wire.json from Python WebOb.

Covers the HTTP/1.x bytes of requests and responses: Request.as_bytes
(with skip_body False, True and a length) and Request.from_bytes for
requests built with Request.blank, and Request.from_bytes and
Response.from_file for hand-written messages, including malformed ones.
For each parsed message it records the environ keys the Go test compares
(or the response's status, header list and body). Bytes are base64
("*_b64"). Run with:

    /usr/bin/python3 internal/golden/gen_wire.py
"""

import base64
import io
import json
import os
import warnings

warnings.simplefilter('ignore')

from webob import Request, Response  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, 'request', 'testdata', 'golden_wire.json')

KEYS = ['REQUEST_METHOD', 'SCRIPT_NAME', 'PATH_INFO', 'QUERY_STRING', 'SERVER_NAME', 'SERVER_PORT',
        'SERVER_PROTOCOL', 'HTTP_HOST', 'CONTENT_TYPE', 'CONTENT_LENGTH', 'wsgi.url_scheme']


def b64(b):
    return base64.b64encode(b).decode('ascii')


def env_of(r):
    out = {k: r.environ[k] for k in KEYS if k in r.environ}
    for k, v in r.environ.items():
        if k.startswith('HTTP_'):
            out[k] = v
    return out


BLANKS = [
    {"path": "/", "kw": {}},
    {"path": "/a%20b/c?x=1&y=2", "kw": {"headers": {"Accept": "text/html", "X-Custom": "v"}}},
    {"path": "https://example.com:8443/app/page?q", "kw": {"method": "PUT", "body": b"payload",
                                                         "content_type": "text/plain"}},
    {"path": "/form", "kw": {"POST": {"a": "1", "b": "x y"}}},
    {"path": "/big", "kw": {"method": "POST", "body": b"x" * 50, "content_type": "application/octet-stream"}},
]


def blank_cases():
    out = []
    for c in BLANKS:
        kw = dict(c["kw"])
        body = kw.pop("body", None)
        r = Request.blank(c["path"], **kw)
        if body is not None:
            r.body = body
        case = {"path": c["path"], "kw": {k: v for k, v in c["kw"].items() if k != "body"},
                "body_b64": b64(r.body),
                "environ": env_of(r)}
        for skip in (False, True, 10):
            r2 = r.copy()
            case["as_bytes_%s" % str(skip).lower()] = b64(r2.as_bytes(skip_body=skip))
        out.append(case)
    return out


RAW = [
    b"GET / HTTP/1.1\r\nHost: example.com\r\n\r\n",
    b"get /x?y=1 HTTP/1.0\r\n\r\n",
    b"POST /submit HTTP/1.1\r\nHost: h\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 3\r\n\r\na=1",
    b"POST /submit HTTP/1.1\r\nContent-Length: 3\r\n\r\na=1extra",
    b"PUT /p HTTP/1.1\r\nX-A: 1\r\nX-A: 2\r\nX-B:  spaced  \r\n\r\nall the rest",
    b"GET http://other.example:8080/abs?q HTTP/1.1\r\n\r\n",
    b"GET /only-two\r\n\r\n",
    b"GET / HTTP/1.1\r\nNoColon\r\n\r\n",
    b"GET   /spaces   HTTP/1.1  \r\n\r\n",
    b"GET / HTTP/1.1\nBare: lf\n\n",
    b"",
]


def raw_cases():
    out = []
    for raw in RAW:
        case = {"input_b64": b64(raw)}
        try:
            r = Request.from_bytes(raw)
            case["environ"] = env_of(r)
            case["body_b64"] = b64(r.body)
        except Exception as e:  # noqa: BLE001
            case["error"] = type(e).__name__
        out.append(case)
    return out


RESP = [
    b"200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello",
    b"HTTP/1.1 404 Not Found\r\nContent-Length: 3\r\nX-A: 1\r\n\r\nnopeextra",
    b"HTTP/1.0 301 Moved Permanently\r\nLocation: /x\r\n\r\n",
    b"302 Found\r\nBad header\r\n\r\n",
    b"HTTP/1.1 200\r\n\r\n",
    b"204 No Content\r\n\r\n",
    # bytes.split(None, 2) splits on ASCII whitespace only, runs of it at
    # once, and leaves the reason as it stands.
    b"HTTP/1.1\t200\tOK\r\n\r\n",
    b"HTTP/1.1  200   Fine  day\r\n\r\n",
    b"HTTP/1.1\xc2\x85200 OK\r\n\r\n",
    b"HTTP/1.1 200\xc2\xa0OK x\r\n\r\n",
    b"HTTP/ 1\r\n\r\n",
    b"\x0b200 OK\x0c\r\n\r\n",
]


def resp_cases():
    out = []
    for raw in RESP:
        case = {"input_b64": b64(raw)}
        try:
            r = Response.from_file(io.BytesIO(raw))
            case["status"] = r.status
            case["headerlist"] = [[k, v] for k, v in r.headerlist]
            case["body_b64"] = b64(r.body)
        except Exception as e:  # noqa: BLE001
            case["error"] = type(e).__name__
        out.append(case)
    return out


def main():
    data = {"webob_version": "1.8.6", "blank": blank_cases(), "raw": raw_cases(), "response": resp_cases()}
    with open(OUT, 'w') as f:
        json.dump(data, f, indent=1, sort_keys=True)
        f.write('\n')


if __name__ == '__main__':
    main()
