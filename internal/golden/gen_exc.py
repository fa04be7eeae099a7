#!/usr/bin/env python3
"""Generate exc/testdata/golden_exc.json from Python WebOb's webob.exc.

Every case describes an exception (class by status code, constructor
arguments) and a WSGI environ as data, so that exc/golden_test.go can build
the same *exc.HTTPError and request and compare. For each case the script
records what req.get_response(exc) gives: the status line, the header list
in order and the body (base64). A case whose constructor raises records
{"error": "<PythonExceptionClass>"} instead.

Cases:

  * every class in webob.exc.status_map, constructed without arguments, for
    each Accept header in ACCEPTS (including none at all), plus a HEAD
    request;
  * codes WebOb has no class for (418, 299, 306, 499, 599), as the subclass
    of HTTPOk, HTTPRedirection, HTTPClientError or HTTPServerError that
    exc.New builds, titled with webob.util.status_reasons;
  * detail, comment and extra headers, with HTML, quotes, non-ASCII and
    control characters; custom body templates using environ keys, header
    names, "$$", missing and invalid placeholders; tags for strip_tags;
  * redirects with relative, absolute, "//evil" and empty locations, with
    a Location only in the headers, and add_slash with query strings,
    SCRIPT_NAME, ports and https;
  * 405 and 501 with a REQUEST_METHOD, 406 with an HTTP_ACCEPT and 415 with
    a CONTENT_TYPE, including "<script>";
  * a location with CR/LF, which WebOb refuses with ValueError;
  * for each case but redirects and empty-body codes, "bodies": what
    html_body, plain_body and json_body return when called directly.

Environ values are WSGI native strings: one char per byte (latin-1), so
"\u00c3\u00a9" is the UTF-8 encoding of "e acute". Run with Debian's
/usr/bin/python3 (WebOb 1.8.6); the output is deterministic:

    /usr/bin/python3 internal/golden/gen_exc.py > exc/testdata/golden_exc.json
"""

import base64
import io
import json
import sys

import webob
from webob import Request, exc
from webob.util import status_generic_reasons, status_reasons

ACCEPTS = [
    ("none", None),
    ("html", "text/html"),
    ("plain", "text/plain"),
    ("json", "application/json"),
    ("any", "*/*"),
    ("jsonq", "application/json;q=0.5, text/html"),
]

MOVES = {300, 301, 302, 303, 305, 307, 308}


def environ(method="GET", path="/a/b", query="", script="", host="example.com",
            scheme="http", port="80", accept=None, extra=None):
    env = {
        "REQUEST_METHOD": method,
        "SCRIPT_NAME": script,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "example.com",
        "SERVER_PORT": port,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": scheme,
    }
    if host is not None:
        env["HTTP_HOST"] = host
    if accept is not None:
        env["HTTP_ACCEPT"] = accept
    env.update(extra or {})
    return env


def exc_class(code):
    """The webob.exc class for code, or the subclass exc.New mirrors."""
    if code in exc.status_map:
        return exc.status_map[code]
    base = {2: exc.HTTPOk, 3: exc.HTTPRedirection,
            4: exc.HTTPClientError, 5: exc.HTTPServerError}[code // 100]
    title = status_reasons.get(code) or status_generic_reasons[code // 100]
    return type("HTTP%d" % code, (base,), {"code": code, "title": title})


CASES = []


def case(name, code, env, **kw):
    CASES.append({"name": name, "code": code, "args": kw, "environ": env})


def build_cases():
    codes = sorted(exc.status_map)
    for code in codes:
        for aname, accept in ACCEPTS:
            case("%d/%s" % (code, aname), code, environ(accept=accept))
        case("%d/head" % code, code, environ(method="HEAD", accept="text/html"))

    # Codes without a class: what exc.New builds.
    for code in (418, 299, 306, 499, 599):
        for aname, accept in ACCEPTS[:4]:
            case("new%d/%s" % (code, aname), code, environ(accept=accept))

    # Other Accept headers: invalid, empty, q=0, case.
    for aname, accept in [
            ("empty", ""), ("blank", " "), ("comma", ","),
            ("invalid", "text/html;;q=x"), ("htmlq0", "text/html;q=0, */*"),
            ("jsonfirst", "application/json, text/html"),
            ("textstar", "text/*"), ("appstar", "application/*"),
            ("upper", "TEXT/HTML"), ("xhtml", "application/xhtml+xml"),
            ("q0all", "*/*;q=0"), ("jsonhtmlq", "text/html;q=0.9, application/json")]:
        case("404/accept-%s" % aname, 404, environ(accept=accept))

    # detail, comment, headers.
    nasty = 'a <b>&amp; "q" \'s\' \u00e9\u20ac\U0001F600 <script>alert(1)</script>'
    ctrl = "tab\tcr\rlf\nnul\x00bell\x07del\x7f back\\slash /"
    for aname, accept in ACCEPTS[:4]:
        env = environ(accept=accept)
        case("detail/%s" % aname, 404, env, detail="No such user: 42")
        case("nasty/%s" % aname, 400, env, detail=nasty)
        case("ctrl/%s" % aname, 400, env, detail=ctrl)
        case("comment/%s" % aname, 403, env, detail="d", comment="internal <note> -->")
        case("commentonly/%s" % aname, 500, env, comment="trace id 7")
        case("headers/%s" % aname, 429, env,
             headers=[["Retry-After", "120"], ["X-A", "1"], ["X-A", "2"]])
        case("hdrcl/%s" % aname, 404, env,
             headers=[["Content-Length", "5"], ["X-B", "2"], ["Location", "/y"]])
        case("allow/%s" % aname, 405, env, headers=[["Allow", "GET, HEAD"]])
        case("www-auth/%s" % aname, 401, env,
             headers=[["WWW-Authenticate", 'Basic realm="x"']])
        case("nocontent-hdr/%s" % aname, 204, env,
             headers=[["X-A", "1"], ["Content-Type", "text/xml"]])
        case("notmod-etag/%s" % aname, 304, env, headers=[["ETag", '"abc"']])
    for method in ("HEAD",):
        env = environ(method=method, accept="text/html")
        case("headers/head", 429, env, headers=[["Retry-After", "120"], ["X-A", "1"]])
        case("hdrcl/head", 404, env,
             headers=[["Content-Length", "5"], ["X-B", "2"], ["Location", "/y"]])
        case("hdrct/head", 404, env, headers=[["Content-Type", "text/xml"]])
        case("nocontent-hdr/head", 204, env, headers=[["X-A", "1"]])

    # Custom body templates.
    tmpl = ("T ${detail}|${comment}|${html_comment}|${explanation}|$REQUEST_METHOD|"
            "${HTTP_X_FOO}|${x_hdr}|$$|${missing}|$missing|$ {x}|${bad-id}|$1|"
            "${detail}x$detailx|end$")
    tags = ("<p>para</p><br>one<BR/>two<br\nclass=x>three<!-- hidden -->"
            "<b\n>bold</b> 1 < 2 > 0 <unterminated")
    for aname, accept in ACCEPTS[:4]:
        env = environ(accept=accept, extra={"HTTP_X_FOO": "<foo & bar>"})
        case("tmpl/%s" % aname, 404, env, detail="<d>", comment="c",
             headers=[["X_Hdr", "<h>"]], body_template=tmpl)
        case("tmpl-tags/%s" % aname, 400, env, body_template=tags)
        case("tmpl-405/%s" % aname, 405, env, detail="d", body_template="${detail} only")
        case("tmpl-move/%s" % aname, 302, env, location="/next",
             body_template="go to ${location} (${detail})")

    # Redirects.
    locations = [
        ("rel", "x"), ("relq", "x?y=1#f"), ("abs-path", "/abs/path"),
        ("up", "../up"), ("dot", "./"), ("query", "?q=1"), ("frag", "#frag"),
        ("http", "http://other.example/x"), ("https", "https://other.example"),
        ("evil", "//evil.example/x"), ("evil-sp", " //evil.example/x"),
        ("evil-tab", "\t//evil.example/x"), ("evil3", "///evil.example"),
        ("backslash", "/\\evil.example"), ("empty", ""), ("none", None),
        ("mailto", "mailto:a@example.com"), ("space", "/a b"),
        ("html", '/x"><script>alert(1)</script>'),
    ]
    for lname, loc in locations:
        for aname, accept in ACCEPTS[:4]:
            kw = {} if loc is None else {"location": loc}
            case("move-%s/%s" % (lname, aname), 302, environ(accept=accept), **kw)
    for code in sorted(MOVES):
        case("move%d-rel/html" % code, code, environ(accept="text/html"), location="next")
        case("move%d-rel/head" % code, code, environ(method="HEAD"), location="next")
    case("move-hdrloc/html", 301, environ(accept="text/html"),
         headers=[["Location", "/from-header"], ["X-A", "1"]])
    case("move-hdrloc-override/plain", 301, environ(accept="text/plain"),
         headers=[["Location", "/from-header"], ["X-A", "1"]], location="/arg")
    case("move-detail/html", 303, environ(accept="text/html"), location="/x",
         detail="<see>", comment="moved")
    case("move-detail/plain", 303, environ(accept="text/plain"), location="/x",
         detail="<see>", comment="moved")
    case("move-script/json", 307, environ(accept="application/json", script="/app",
                                          path="/a/b"), location="c")
    case("move-port/plain", 308, environ(host="example.com:8080", port="8080"),
         location="/p")
    case("move-tls/plain", 301, environ(scheme="https", host="example.com:443",
                                          port="443"), location="/p")
    case("move-nohost/plain", 301, environ(host=None, port="8080"), location="p")
    case("move-crlf", 302, environ(), location="/x\r\nSet-Cookie: a=b")
    case("move-lf", 302, environ(), location="/x\nX: y")

    slash_envs = [
        ("plain", environ()),
        ("query", environ(query="x=1&y=%20")),
        ("trailing", environ(path="/a/b/")),
        ("root", environ(path="")),
        ("script", environ(script="/app", path="/a", query="q")),
        ("space", environ(path="/a b/\u00c3\u00a9")),  # UTF-8 bytes of "é"
        ("dslash", environ(path="//evil.example")),
        ("port", environ(host="example.com:8080", port="8080")),
        ("https", environ(scheme="https", host="example.com", port="443")),
    ]
    for sname, env in slash_envs:
        case("addslash-%s/plain" % sname, 301, env, add_slash=True)
    case("addslash/html", 302, environ(accept="text/html", query="a=<b>"), add_slash=True)
    case("addslash/json", 307, environ(accept="application/json"), add_slash=True)
    case("addslash/head", 308, environ(method="HEAD", query="x=1"), add_slash=True)

    # Templates that read the environ.
    xss = "<script>alert(1)</script>"
    for aname, accept in ACCEPTS[:4]:
        case("405-method/%s" % aname, 405, environ(method="DELETE", accept=accept),
             detail="Use GET.")
        case("405-xss/%s" % aname, 405, environ(method=xss, accept=accept))
        case("501-method/%s" % aname, 501, environ(method="BREW", accept=accept))
        case("501-xss/%s" % aname, 501, environ(method=xss, accept=accept))
        case("415-ct/%s" % aname, 415, environ(accept=accept,
                                              extra={"CONTENT_TYPE": "text/x-foo"}))
        case("415-xss/%s" % aname, 415, environ(accept=accept,
                                               extra={"CONTENT_TYPE": xss}))
    case("415-noct/plain", 415, environ())
    for aname, accept in [("xss", xss), ("xss-param", 'text/html;x="<script>"'),
                          ("plain", "text/plain"), ("json", "application/json"),
                          ("jsonxss", 'application/json;a="<b>&"'),
                          ("quote", "text/html;a=\"'\\\"\"")]:
        case("406-accept-%s" % aname, 406, environ(accept=accept), detail="Only text/csv.")


def run(c):
    env = dict(c["environ"])
    env["wsgi.input"] = io.BytesIO(b"")
    cls = exc_class(c["code"])
    kw = {}
    args = c["args"]
    for k in ("detail", "comment", "body_template", "location", "add_slash"):
        if k in args:
            kw[k] = args[k]
    if "headers" in args:
        kw["headers"] = [tuple(h) for h in args["headers"]]
    out = dict(c)
    try:
        e = cls(**kw)
    except Exception as ex:  # recorded, compared as "error"
        out["error"] = type(ex).__name__
        return out
    out["str"] = str(e)
    try:
        resp = Request(env).get_response(e)
    except Exception as ex:  # recorded, compared as "error"
        out["error"] = type(ex).__name__
        return out
    out["status"] = resp.status
    out["headers"] = [list(h) for h in resp.headerlist]
    out["body_b64"] = base64.b64encode(resp.body).decode("ascii")
    # html_body, plain_body and json_body called directly render one format
    # whatever the Accept header. Redirects are left out: their Location is
    # made absolute only by __call__, so a direct call sees it as given.
    if c["code"] not in MOVES and not e.empty_body:
        env2 = dict(c["environ"])
        env2["wsgi.input"] = io.BytesIO(b"")
        e2 = cls(**kw)
        out["bodies"] = {"html": e2.html_body(env2), "plain": e2.plain_body(env2),
                         "json": e2.json_body(env2)}
    return out


def main():
    build_cases()
    out = [run(c) for c in CASES]
    names = [c["name"] for c in out]
    if len(set(names)) != len(names):
        dup = sorted({n for n in names if names.count(n) > 1})
        raise SystemExit("duplicate case names: %s" % dup)
    json.dump({"webob": getattr(webob, "__version__", "1.8"), "cases": out},
              sys.stdout, indent=1, ensure_ascii=True, sort_keys=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
