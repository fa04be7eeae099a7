#!/usr/bin/env python3
"""Generate response/testdata/golden_response.json from Python WebOb.

Every case is a script of operations on a webob.Response, described as data
(a list of [op, args...]) so that response/golden_test.go can replay the same
script against the Go API. After the operations the script records:

  * "errors": for each op, null or the name of the exception WebOb raised;
  * "props": the response's properties (status, content_type, charset, etag,
    str(resp), ...) read before it is sent;
  * "status", "headers" (the list, in order) and "body" (base64): what
    req.get_response(resp) produces for the case's request environ, i.e.
    what WebOb's __call__ / conditional_response_app send.

The clock WebOb reads (datetime.utcnow, for cookie expiry and cache_expires)
is frozen at FROZEN so that the output is deterministic. Run with Debian's
/usr/bin/python3 (WebOb 1.8.6):

    /usr/bin/python3 internal/golden/gen_response.py > response/testdata/golden_response.json
"""

import base64
import datetime
import gzip
import io
import json
import sys
import warnings
import zlib

import webob
import webob.cookies
import webob.response
from webob import Response
from webob.cachecontrol import CacheControl
from webob.request import BaseRequest

warnings.simplefilter("ignore")

FROZEN_EPOCH = 1623760496  # 2021-06-15 12:34:56 UTC


class FrozenDatetime(datetime.datetime):
    """datetime with a frozen utcnow; arithmetic keeps the subclass."""

    @classmethod
    def utcnow(cls):
        return cls(2021, 6, 15, 12, 34, 56)


webob.response.datetime = FrozenDatetime
webob.cookies.datetime = FrozenDatetime

BODY26 = "abcdefghijklmnopqrstuvwxyz"
LM = 1577836800  # 2020-01-01 00:00:00 UTC
LM_HTTP = "Wed, 01 Jan 2020 00:00:00 GMT"
BEFORE_LM_HTTP = "Tue, 31 Dec 2019 23:59:59 GMT"
AFTER_LM_HTTP = "Thu, 02 Jan 2020 00:00:00 GMT"


def environ(method="GET", host="example.com", path="/a/b", script="",
            scheme="http", server_name="example.com", server_port="80",
            headers=None, no_script=False):
    env = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": server_name,
        "SERVER_PORT": server_port,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": scheme,
    }
    if not no_script:
        env["SCRIPT_NAME"] = script
    if host is not None:
        env["HTTP_HOST"] = host
    for k, v in (headers or {}).items():
        env["HTTP_" + k.upper().replace("-", "_")] = v
    return env


def py_disposition(kind, filename):
    """The Content-Disposition value the Go port builds (RFC 6266)."""
    from urllib.parse import quote
    kind = kind or "attachment"
    if not filename:
        return kind
    fallback = "".join(
        "\\" + c if c in '"\\' else ("_" if ord(c) >= 0x80 else c)
        for c in filename)
    v = '%s; filename="%s"' % (kind, fallback)
    if any(ord(c) >= 0x80 for c in filename):
        v += "; filename*=UTF-8''" + quote(filename.encode("utf-8"), safe="!#$&+-.^_`|~")
    return v


def apply(resp, op):
    """Apply one op to resp; return the (possibly new) response."""
    name, args = op[0], op[1:]
    if name == "new_json":
        return Response(json_body=args[0])
    if name == "new_defaults":
        # A Response subclass with per-application defaults; a key set to
        # None is WebOb's None (no Content-Type, no charset).
        attrs = {"default_" + k: v for k, v in args[0].items()}
        return type("AppResponse", (Response,), attrs)()
    if name == "status":
        resp.status = args[0]
    elif name == "status_code":
        resp.status_code = args[0]
    elif name == "content_type":
        resp.content_type = args[0]
    elif name == "charset":
        resp.charset = args[0]
    elif name == "content_type_params":
        resp.content_type_params = args[0]
    elif name == "body":
        resp.body = args[0].encode("utf-8")
    elif name == "body_b64":
        resp.body = base64.b64decode(args[0])
    elif name == "text":
        resp.text = args[0]
    elif name == "json":
        resp.json = args[0]
    elif name == "write":
        resp.write(args[0].encode("utf-8"))
    elif name == "write_text":
        resp.write(args[0])
    elif name == "app_iter":
        resp.app_iter = [c.encode("utf-8") for c in args[0]]
        if args[1] >= 0:
            resp.content_length = args[1]
    elif name == "header_add":
        resp.headers.add(args[0], args[1])
    elif name == "header_set":
        resp.headers[args[0]] = args[1]
    elif name == "header_del":
        del resp.headers[args[0]]
    elif name == "set_cookie":
        kw = dict(args[2])
        if "expires" in kw:
            kw["expires"] = FrozenDatetime.utcfromtimestamp(kw["expires"])
        resp.set_cookie(args[0], args[1], **kw)
    elif name == "delete_cookie":
        resp.delete_cookie(args[0], path=args[1] or "/", domain=args[2] or None)
    elif name == "unset_cookie":
        resp.unset_cookie(args[0], strict=args[1])
    elif name == "cache_control":
        setattr(resp.cache_control, args[0], args[1])
    elif name == "cache_expires":
        resp.cache_expires(args[0])
    elif name in ("expires", "last_modified", "date"):
        setattr(resp, name, args[0])
    elif name == "etag":
        resp.etag = (args[0], args[1])
    elif name == "md5_etag":
        if len(args) == 0:
            resp.md5_etag()
        else:
            body = None if args[0] is None else args[0].encode("utf-8")
            resp.md5_etag(body=body, set_content_md5=args[1])
    elif name == "content_md5":
        resp.content_md5 = args[0]
    elif name == "location":
        resp.location = args[0]
    elif name in ("vary", "allow", "content_language"):
        setattr(resp, name, args[0])
    elif name == "content_encoding":
        resp.content_encoding = args[0]
    elif name == "content_disposition":
        resp.content_disposition = py_disposition(args[0], args[1])
    elif name == "encode_content":
        resp.encode_content(args[0])
    elif name == "decode_content":
        resp.decode_content()
    elif name == "conditional":
        resp.conditional_response = args[0]
    else:
        raise SystemExit("unknown op %r" % name)
    return resp


def props(resp, streaming):
    def get(f):
        try:
            v = f()
        except Exception as e:  # recorded, compared as "error"
            return {"error": type(e).__name__}
        if isinstance(v, tuple):
            v = list(v)
        return v

    p = {
        "status": get(lambda: resp.status),
        "status_code": get(lambda: resp.status_code),
        "content_type": get(lambda: resp.content_type),
        "charset": get(lambda: resp.charset),
        "content_type_params": get(lambda: resp.content_type_params),
        "content_length": get(lambda: resp.content_length),
        "etag": get(lambda: resp.etag),
        "etag_strong": get(lambda: resp.etag_strong),
        "location": get(lambda: resp.location),
        "vary": get(lambda: resp.vary),
        "allow": get(lambda: resp.allow),
        "content_language": get(lambda: resp.content_language),
        "content_encoding": get(lambda: resp.content_encoding),
        "content_disposition": get(lambda: resp.content_disposition),
        # Not resp.cache_control: reading it re-parses a changed header and
        # rewrites it at the end of the list, which would alter the case.
        "cache_control": get(lambda: str(CacheControl.parse(resp.headers.get("Cache-Control", ""),
                                                            type="response"))),
        "has_body": get(lambda: resp.has_body),
    }
    if not streaming:
        p["text"] = get(lambda: resp.text)
        p["str"] = get(lambda: str(resp))
    return p


def run(case):
    resp = Response()
    errors = []
    for op in case["ops"]:
        try:
            resp = apply(resp, op)
            errors.append(None)
        except Exception as e:
            errors.append(type(e).__name__)
    streaming = any(op[0] == "app_iter" for op in case["ops"])
    case["errors"] = errors
    case["props"] = props(resp, streaming)
    env = case["environ"]
    req = BaseRequest(dict(env))
    status, headers, app_iter = req.call_application(resp)
    body = b"".join(app_iter)
    if hasattr(app_iter, "close"):
        app_iter.close()
    case["status"] = status
    case["headers"] = [[k, v] for k, v in headers]
    case["body"] = base64.b64encode(body).decode("ascii")
    return case


CASES = []


def case(name, ops, env=None, **kw):
    c = {"name": name, "ops": ops, "environ": env or environ()}
    c.update(kw)
    CASES.append(c)


def b64(b):
    return base64.b64encode(b).decode("ascii")


# --- defaults, content type and charset -----------------------------------
case("default", [])
for ct in ["application/json", "text/plain", "application/xml", "application/atom+xml",
           "image/svg+xml", "text/plain; charset=latin-1", "application/octet-stream",
           "Text/HTML", "application/xml-dtd", "text/html", "application/json; charset=utf-8"]:
    case("content_type " + ct, [["content_type", ct]])
case("content_type empty deletes", [["content_type", ""]])
case("charset latin-1", [["charset", "latin-1"]])
case("charset None deletes", [["charset", None]])
case("json type then charset", [["content_type", "application/json"], ["charset", "utf-8"]])
case("charset without content type", [["content_type", ""], ["charset", "utf-8"]])
case("content_type_params", [["content_type_params", {"charset": "utf-8", "boundary": "a b", "q": "x\"y"}]])
case("content_type_params empty", [["content_type_params", {}]])
case("charset replaces in middle", [["header_set", "Content-Type", "text/html;charset=x; a=1"], ["charset", "y"]])
case("charset delete then css", [["charset", None], ["content_type", "text/css"]])
case("content_type params read", [["header_set", "Content-Type", "text/plain; Charset=\"utf-8\"; format=flowed; x=\"a;b\""]])
case("charset spaces", [["header_set", "Content-Type", "text/plain;   CHARSET=iso-8859-1 ; x=1"]])

# --- bodies ----------------------------------------------------------------
case("body bytes", [["body", "hello"]])
case("body empty", [["body", ""]])
case("text default utf-8", [["text", "h\u00e9llo \u20ac"]])
case("text latin-1", [["charset", "latin-1"], ["text", "h\u00e9llo"]])
case("text ascii unencodable", [["charset", "ascii"], ["text", "h\u00e9llo"]])
case("text without charset uses utf-8", [["content_type", "application/json"], ["text", "\u00e9"]])
case("json object", [["content_type", "application/json"], ["json", {"a": 1, "b": [1, 2, "<>&"], "c": None, "d": True}]])
case("json non-ascii", [["json", {"k": "\u00e9\U0001F600\u2028"}]])
case("json list", [["json", [1, "two", 3.5, False]]])
case("json control chars", [["json", "a\nb\tc\u0001\u001f\"\\/\x7f"]])
case("new_json object", [["new_json", {"x": 1, "y": "\u00fc"}]])
case("new_json list", [["new_json", [1, "\u00fc", {"a": []}]]])
case("defaults json", [["new_defaults", {"content_type": "application/json"}]])
case("defaults xml", [["new_defaults", {"content_type": "application/xml"}]])
case("defaults plain latin-1", [["new_defaults", {"content_type": "text/plain", "charset": "latin-1"}],
                                ["text", "caf\u00e9"]])
case("defaults no charset", [["new_defaults", {"charset": None}]])
case("defaults no content type", [["new_defaults", {"content_type": None}]])
case("defaults content type with charset", [["new_defaults", {"content_type": "text/csv; charset=ascii"}]])
case("defaults body encoding", [["new_defaults", {"content_type": "application/octet-stream",
                                                  "body_encoding": "latin-1"}], ["text", "\u00e9t\u00e9"]])
case("defaults conditional", [["new_defaults", {"conditional_response": True}], ["body", "hello"],
                              ["etag", "v1", True]],
     env=environ(headers={"If-None-Match": "\"v1\""}))
case("defaults all", [["new_defaults", {"content_type": "text/plain", "charset": "latin-1",
                                        "body_encoding": "latin-1", "conditional_response": True}],
                      ["body", "0123456789"]], env=environ(headers={"Range": "bytes=2-4"}))
case("write twice", [["write", "abc"], ["write", "def"]])
case("write after body", [["body", "xy"], ["header_add", "X-A", "1"], ["write", "z"]])
case("write_text without charset", [["content_type", "application/octet-stream"], ["write_text", "abc"]])
case("write_text latin-1", [["charset", "latin-1"], ["write_text", "\u00e9"]])
case("app_iter with length", [["app_iter", ["ab", "cd"], 4]])
case("app_iter unknown length", [["app_iter", ["ab", "cd"], -1]])
case("body clears content-md5", [["header_set", "Content-MD5", "xyz"], ["body", "new"]])
case("body binary", [["body_b64", b64(bytes(range(256)))], ["content_type", "application/octet-stream"]])

# --- status ----------------------------------------------------------------
for s in ["404", "404 Custom", "abc", "999 Whatever", "", " 200 ", "201 Created",
          "200", "301", "  302 Found", "abc 200"]:
    case("status %r" % s, [["status", s]])
for code in [418, 299, 499, 599, 199, 399, 600, 99, 207, 451, 308]:
    case("status_code %d" % code, [["status_code", code]])

# --- cookies ---------------------------------------------------------------
def ck(name, ops, **kw):
    case("cookie " + name, ops, **kw)


ck("basic", [["set_cookie", "a", "b", {}]])
ck("value space", [["set_cookie", "a", "a b", {}]])
ck("value specials", [["set_cookie", "a", "x;y,z\"w\\v", {}]])
ck("value non-ascii", [["set_cookie", "a", "\u00e9\u20ac", {}]])
ck("value empty", [["set_cookie", "a", "", {}]])
ck("value allowed punctuation", [["set_cookie", "a", "!#$%&'()*+-./:<=>?@[]^_`{|}~", {}]])
ck("max_age", [["set_cookie", "a", "b", {"max_age": 3600}]])
ck("max_age zero", [["set_cookie", "a", "b", {"max_age": 0}]])
ck("path domain", [["set_cookie", "a", "b", {"path": "/sub", "domain": "example.com"}]])
ck("secure httponly", [["set_cookie", "a", "b", {"secure": True, "httponly": True}]])
ck("samesite Lax", [["set_cookie", "a", "b", {"samesite": "Lax"}]])
ck("samesite strict", [["set_cookie", "a", "b", {"samesite": "strict"}]])
ck("samesite none secure", [["set_cookie", "a", "b", {"samesite": "none", "secure": True}]])
ck("samesite none insecure", [["set_cookie", "a", "b", {"samesite": "None"}]])
ck("samesite bogus", [["set_cookie", "a", "b", {"samesite": "bogus"}]])
ck("comment", [["set_cookie", "a", "b", {"comment": "hello world"}]])
ck("comment token", [["set_cookie", "a", "b", {"comment": "hello"}]])
ck("comment semicolon", [["set_cookie", "a", "b", {"comment": "a;b"}]])
ck("expires future", [["set_cookie", "a", "b", {"expires": FROZEN_EPOCH + 86400}]])
ck("expires past", [["set_cookie", "a", "b", {"expires": FROZEN_EPOCH - 10}]])
ck("max_age beats expires", [["set_cookie", "a", "b", {"max_age": 60, "expires": FROZEN_EPOCH + 86400}]])
ck("overwrite", [["set_cookie", "a", "1", {}], ["set_cookie", "b", "2", {}], ["set_cookie", "a", "3", {"overwrite": True}]])
ck("overwrite missing", [["set_cookie", "a", "3", {"overwrite": True}]])
ck("all options", [["set_cookie", "sid", "v a l", {"max_age": 120, "path": "/p", "domain": ".example.com",
                                                    "secure": True, "httponly": True, "samesite": "Strict",
                                                    "comment": "c"}]])
for bad in ["a b", "a;b", "$x", "path", "Expires", "", "\u00e9", "a\r\nb", "a=b", "a,b", "a\tb", "(a)"]:
    ck("bad name %r" % bad, [["set_cookie", bad, "v", {}]])
ck("good name punctuation", [["set_cookie", "a!#$%&'*+-.^_`|~", "v", {}]])
ck("value crlf", [["set_cookie", "a", "x\r\nSet-Cookie: evil=1", {}]])
ck("path semicolon", [["set_cookie", "a", "b", {"path": "/x; Domain=evil"}]])
ck("path crlf", [["set_cookie", "a", "b", {"path": "/x\r\nX: y"}]])
ck("domain crlf", [["set_cookie", "a", "b", {"domain": "e.com\r\nX: y"}]])
ck("domain semicolon", [["set_cookie", "a", "b", {"domain": "e.com;secure"}]])
ck("comment crlf", [["set_cookie", "a", "b", {"comment": "x\ny"}]])
ck("path space", [["set_cookie", "a", "b", {"path": "/a b"}]])
ck("path comma quote", [["set_cookie", "a", "b", {"path": "/a,\"b\\"}]])
ck("path non-ascii", [["set_cookie", "a", "b", {"path": "/\u00e9"}]])
ck("domain comma", [["set_cookie", "a", "b", {"domain": "a,b"}]])
ck("delete", [["delete_cookie", "a", "", ""]])
ck("delete path domain", [["delete_cookie", "a", "/p", "example.com"]])
ck("delete bad name", [["delete_cookie", "a b", "", ""]])
ck("unset only", [["set_cookie", "a", "1", {}], ["unset_cookie", "a", True]])
ck("unset first of two", [["set_cookie", "a", "1", {}], ["set_cookie", "b", "2", {}], ["unset_cookie", "a", True]])
ck("unset keeps flags", [["set_cookie", "a", "1", {}], ["set_cookie", "b", "2", {"httponly": True, "secure": True}],
                         ["unset_cookie", "a", True]])
ck("unset reorders", [["set_cookie", "b", "2", {}], ["set_cookie", "a", "1", {}], ["set_cookie", "c", "3", {}],
                      ["unset_cookie", "c", True]])
ck("unset strict missing", [["set_cookie", "a", "1", {}], ["unset_cookie", "z", True]])
ck("unset strict none set", [["unset_cookie", "z", True]])
ck("unset lenient missing", [["set_cookie", "a", "1", {}], ["unset_cookie", "z", False]])
ck("same name two paths", [["set_cookie", "a", "1", {"path": "/x"}], ["set_cookie", "a", "2", {"path": "/y"}]])
ck("unset same name two paths", [["set_cookie", "a", "1", {"path": "/x"}], ["set_cookie", "a", "2", {"path": "/y"}],
                                 ["unset_cookie", "a", True]])

# --- cache control, cache_expires, dates -------------------------------------
for attr, val in [("max_age", 3600), ("public", True), ("private", True), ("private", "x"),
                  ("no_cache", True), ("no_cache", "Set-Cookie"), ("no_store", True),
                  ("must_revalidate", True), ("s_maxage", 10), ("stale_while_revalidate", 30),
                  ("proxy_revalidate", True), ("no_transform", True), ("private", "a b"),
                  ("stale_if_error", 60)]:
    case("cache_control %s=%r" % (attr, val), [["cache_control", attr, val]])
case("cache_control set then unset", [["cache_control", "max_age", 10], ["cache_control", "public", True],
                                      ["cache_control", "max_age", None]])
case("cache_control reserialises", [["header_set", "Cache-Control", "public,max-age=10"],
                                    ["cache_control", "no_cache", True]])
case("cache_control quoted value", [["header_set", "Cache-Control", "private=\"a, b\", max-age=5"],
                                    ["cache_control", "public", True]])
case("cache_control false removes", [["cache_control", "public", True], ["cache_control", "public", False]])
case("cache_expires 0", [["cache_expires", 0]])
case("cache_expires 0 keeps last_modified", [["last_modified", LM], ["cache_expires", 0]])
case("cache_expires 3600", [["cache_expires", 3600]])
case("cache_expires 0 then 3600", [["cache_expires", 0], ["cache_expires", 3600]])
case("cache_expires negative", [["cache_expires", -10]])
case("cache_expires keeps other directives", [["cache_control", "public", True], ["cache_expires", 0]])
case("cache_expires clears other directives", [["cache_control", "public", True], ["cache_expires", 60]])
case("expires", [["expires", LM]])
case("last_modified", [["last_modified", LM]])
case("date", [["date", LM + 3661]])

# --- other header properties -------------------------------------------------
case("etag strong", [["etag", "abc", True]])
case("etag weak", [["etag", "abc", False]])
case("etag with quote", [["etag", "a\"b", True]])
case("etag crlf", [["etag", "a\r\nb", True]])
case("md5_etag", [["body", "hello world"], ["md5_etag"]])
case("md5_etag empty", [["md5_etag"]])
case("md5_etag set_content_md5", [["body", "hello world"], ["md5_etag", None, True]])
case("md5_etag explicit body", [["body", "hello world"], ["md5_etag", "other", False]])
case("md5_etag explicit empty body", [["body", "hello world"], ["md5_etag", "", True]])
case("content_md5", [["content_md5", "XrY7u+Ae7tCTyyK7j1rNww=="]])
case("content_md5 cleared by body", [["content_md5", "XrY7u+Ae7tCTyyK7j1rNww=="], ["body", "x"]])
case("content_md5 crlf", [["content_md5", "a\r\nb"]])
case("etag raw unquoted", [["header_set", "ETag", "abc"]])
case("etag raw weak", [["header_set", "ETag", "W/\"xyz\""]])
case("etag raw escaped", [["header_set", "ETag", "\"a\\\"b\""]])
case("etag raw leading space", [["header_set", "ETag", " \"sp\""]])
case("location absolute", [["location", "http://other.example/x"]])
case("location crlf", [["location", "/x\r\nX-Evil: 1"]])
case("vary", [["vary", ["Accept", "Cookie"]]])
case("vary read", [["header_set", "Vary", " Accept ,, Cookie,"]])
case("allow", [["allow", ["GET", "HEAD"]]])
case("content_language", [["content_language", ["en", "fr"]]])
case("content_encoding", [["content_encoding", "br"]])
case("content_disposition ascii", [["content_disposition", "attachment", "report.pdf"]])
case("content_disposition non-ascii", [["content_disposition", "attachment", "r\u00e9sum\u00e9 \u20ac.pdf"]])
case("content_disposition quotes", [["content_disposition", "inline", "a \"b\" \\c.txt"]])
case("content_disposition no filename", [["content_disposition", "inline", ""]])
case("header add duplicate", [["header_add", "X-A", "1"], ["header_add", "x-a", "2"]])
case("header set replaces all", [["header_add", "X-A", "1"], ["header_add", "X-B", "b"], ["header_add", "x-a", "2"],
                                 ["header_set", "X-a", "3"]])
case("header del", [["header_add", "X-A", "1"], ["header_add", "x-a", "2"], ["header_del", "X-A"]])

# --- location absolutisation --------------------------------------------------
LOCS = ["/foo", "foo", "../x", "../../../../x", "./x", ".", "..", "?q=1", "#frag", "x;p?q#f",
        "http://other/x", "mailto:a@b", "svn+ssh://h/x", "//evil.example/x", "///evil",
        "/\t/evil.example", "\t//evil.example", " //evil.example", "a/./b/../c", "foo/", "",
        "\\\\evil.example", "/a b"]
for i, loc in enumerate(LOCS):
    case("location %r" % loc, [["location", loc]] if loc else [["header_set", "Location", ""]],
         env=environ(path="/a/b/c"))
for label, env in [
        ("https 443", environ(scheme="https", host="example.com:443", path="/d/")),
        ("http 8080", environ(host="example.com:8080", path="/d/e")),
        ("http 80", environ(host="example.com:80", path="/")),
        ("server name", environ(host=None, server_name="srv", server_port="8000", path="/p")),
        ("server name 80", environ(host=None, server_name="srv", server_port="80", path="/p")),
        ("script name", environ(script="/app", path="/b/c")),
        ("no script name", environ(no_script=True, path="/b/c")),
        ("quoted path", environ(path="/a b/\u00c3\u00bc/c")),
        ("empty path", environ(path="")),
        ("https 8443", environ(scheme="https", host="h:8443", path="/x/y"))]:
    case("location base " + label, [["location", "rel"]], env=env)
    case("location base abs " + label, [["location", "/abs?x=1"]], env=env)
case("location via header_add twice", [["header_add", "Location", "/one"], ["header_add", "location", "two"]])

# --- conditional responses -----------------------------------------------------
def cond(name, headers, ops=None, method="GET", conditional=True, base=True):
    o = []
    if base:
        o = [["body", BODY26], ["etag", "abc", True], ["last_modified", LM]]
    o += ops or []
    if conditional:
        o.append(["conditional", True])
    case("conditional " + name, o, env=environ(method=method, headers=headers))


cond("inm match", {"If-None-Match": "\"abc\""})
cond("inm weak match", {"If-None-Match": "W/\"abc\""})
cond("inm list match", {"If-None-Match": "\"x\", \"abc\""})
cond("inm no match", {"If-None-Match": "\"xyz\""})
cond("inm star", {"If-None-Match": "*"})
cond("inm no match ignores ims", {"If-None-Match": "\"xyz\"", "If-Modified-Since": AFTER_LM_HTTP})
cond("inm without etag uses ims", {"If-None-Match": "\"xyz\"", "If-Modified-Since": AFTER_LM_HTTP},
     ops=[["header_del", "ETag"]])
cond("ims after", {"If-Modified-Since": AFTER_LM_HTTP})
cond("ims equal", {"If-Modified-Since": LM_HTTP})
cond("ims before", {"If-Modified-Since": BEFORE_LM_HTTP})
cond("ims garbage", {"If-Modified-Since": "yesterday"})
cond("ims without last_modified", {"If-Modified-Since": AFTER_LM_HTTP}, ops=[["header_del", "Last-Modified"]])
cond("post inm match", {"If-None-Match": "\"abc\""}, method="POST")
cond("head inm match", {"If-None-Match": "\"abc\""}, method="HEAD")
cond("off inm match", {"If-None-Match": "\"abc\""}, conditional=False)
cond("304 keeps other headers", {"If-None-Match": "\"abc\""},
     ops=[["set_cookie", "a", "b", {}], ["location", "/next"], ["header_add", "X-A", "1"]])
cond("weak etag inm", {"If-None-Match": "\"abc\""}, ops=[["etag", "abc", False]])
for rng in ["bytes=0-4", "bytes=5-", "bytes=-3", "bytes=-100", "bytes=100-200", "bytes=0-4,6-8",
            "bytes=5-2", "items=0-1", "bytes=-0", "bytes=0-0", "bytes=20-100", "bytes=25-", "bytes=26-",
            "BYTES = 1 - 2", "bytes=0-25", "bytes=abc"]:
    cond("range " + rng, {"Range": rng})
cond("range if-range etag match", {"Range": "bytes=0-4", "If-Range": "\"abc\""})
cond("range if-range etag mismatch", {"Range": "bytes=0-4", "If-Range": "\"xyz\""})
cond("range if-range weak response", {"Range": "bytes=0-4", "If-Range": "\"abc\""}, ops=[["etag", "abc", False]])
cond("range if-range weak request", {"Range": "bytes=0-4", "If-Range": "W/\"abc\""})
cond("range if-range date after", {"Range": "bytes=0-4", "If-Range": AFTER_LM_HTTP})
cond("range if-range date equal", {"Range": "bytes=0-4", "If-Range": LM_HTTP})
cond("range if-range date before", {"Range": "bytes=0-4", "If-Range": BEFORE_LM_HTTP})
cond("range head", {"Range": "bytes=0-4"}, method="HEAD")
cond("range 416 head", {"Range": "bytes=100-"}, method="HEAD")
cond("range on 404", {"Range": "bytes=0-4"}, ops=[["status_code", 404]])
cond("range with content-range", {"Range": "bytes=0-4"}, ops=[["header_set", "Content-Range", "bytes 0-25/26"]])
cond("range with invalid content-range", {"Range": "bytes=0-4"}, ops=[["header_set", "Content-Range", "bytes 5-1/26"]])
cond("range post", {"Range": "bytes=0-4"}, method="POST")
cond("range off", {"Range": "bytes=0-4"}, conditional=False)
cond("range stream with length", {"Range": "bytes=3-7"}, ops=[["app_iter", ["abcdef", "ghijkl"], 12]])
cond("range stream unknown length", {"Range": "bytes=3-7"}, ops=[["app_iter", ["abcdef", "ghijkl"], -1]])
cond("range 416 keeps headers", {"Range": "bytes=100-"}, ops=[["set_cookie", "a", "b", {}], ["header_add", "X-A", "1"]])
cond("range and inm match", {"Range": "bytes=0-4", "If-None-Match": "\"abc\""})
cond("range and inm mismatch", {"Range": "bytes=0-4", "If-None-Match": "\"nope\""})
cond("range json", {"Range": "bytes=1-3"}, ops=[["content_type", "application/json"], ["json", [1, 2, 3]]])
case("head plain", [["body", "hello"]], env=environ(method="HEAD"))
case("head stream", [["app_iter", ["he", "llo"], 5]], env=environ(method="HEAD"))
case("post plain", [["body", "hello"]], env=environ(method="POST"))

# --- content encoding ------------------------------------------------------------
HELLO = "hello world " * 10
case("encode gzip", [["body", HELLO], ["encode_content", "gzip"]])
case("encode gzip twice", [["body", HELLO], ["encode_content", "gzip"], ["encode_content", "gzip"]])
case("encode gzip then identity", [["body", HELLO], ["encode_content", "gzip"], ["encode_content", "identity"]])
case("encode br", [["body", HELLO], ["encode_content", "br"]])
case("encode identity plain", [["body", HELLO], ["encode_content", "identity"]])


def gz(data):
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0) as f:
        f.write(data)
    return buf.getvalue()


def raw_deflate(data):
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


case("decode gzip", [["body_b64", b64(gz(HELLO.encode()))], ["content_encoding", "gzip"], ["decode_content"]])
case("decode deflate raw", [["body_b64", b64(raw_deflate(HELLO.encode()))], ["content_encoding", "deflate"],
                            ["decode_content"]])
case("decode deflate zlib", [["body_b64", b64(zlib.compress(HELLO.encode()))], ["content_encoding", "deflate"],
                             ["decode_content"]])
case("decode br", [["body", "x"], ["content_encoding", "br"], ["decode_content"]])
case("decode identity", [["body", "x"], ["decode_content"]])
case("encode gzip conditional range", [["body", HELLO], ["encode_content", "gzip"], ["conditional", True]],
     env=environ(headers={"Range": "bytes=0-9"}))


def merge_cookies_app():
    """Response.merge_cookies given a WSGI app: the headers the wrapped
    app's start_response receives, for responses with and without cookies."""
    out = []
    for cookies in [[], [["a", "1"]], [["a", "1"], ["b", "x y"]]]:
        for app_headers in [[["Content-Type", "text/plain"]],
                            [["Set-Cookie", "app=1; Path=/"], ["Content-Type", "text/plain"]]]:
            resp = Response()
            for name, value in cookies:
                resp.set_cookie(name, value)
            got = {}

            def app(environ, start_response, app_headers=app_headers):
                start_response("200 OK", [tuple(h) for h in app_headers])
                return [b"ok"]

            def start_response(status, headers, exc_info=None, got=got):
                got["headers"] = [list(h) for h in headers]

            wrapped = resp.merge_cookies(app)
            body = b"".join(wrapped({"REQUEST_METHOD": "GET"}, start_response))
            out.append({"cookies": cookies, "app_headers": app_headers, "headers": got["headers"],
                        "body": body.decode()})
    return out


def main():
    out = [run(c) for c in CASES]
    names = [c["name"] for c in out]
    if len(set(names)) != len(names):
        raise SystemExit("duplicate case names")
    json.dump({"webob": webob.__version__ if hasattr(webob, "__version__") else "1.8",
               "frozen_now": FROZEN_EPOCH, "cases": out, "merge_cookies_app": merge_cookies_app()},
              sys.stdout, indent=1, ensure_ascii=True, sort_keys=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
