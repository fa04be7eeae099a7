#!/usr/bin/python3
"""Generate request/testdata/golden_requests.json from Python WebOb.

Each case is a WSGI environ (+ body).  For every expectation key a *fresh*
``webob.Request`` is built from a copy of the environ and a new BytesIO body,
so keys never influence each other (WebOb mutates the environ, e.g. reading
the body rewrites CONTENT_LENGTH).  Any exception becomes
``{"error": "<ExceptionClassName>"}`` at the innermost place it happened.

Run with:  /usr/bin/python3 internal/golden/gen_request.py
"""

import base64
import io
import json
import os
import sys
import warnings

warnings.simplefilter('ignore')

import webob  # noqa: E402
from webob import Request  # noqa: E402
from webob.multidict import NoVars  # noqa: E402

try:
    from importlib.metadata import version as _pkg_version
    WEBOB_VERSION = _pkg_version('WebOb')
except Exception:  # pragma: no cover
    WEBOB_VERSION = '1.8.6'

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, 'request', 'testdata', 'golden_requests.json')

AREAS = ('query', 'form', 'multipart', 'url', 'pathinfo', 'cookie', 'accept',
         'language', 'encoding', 'charset', 'conditional', 'body', 'headers',
         'misc')

# --------------------------------------------------------------------------
# environ construction


def native(v):
    """Turn a case value into a WSGI native string.

    bytes -> raw bytes, decoded latin-1 (one char per byte)
    str   -> text as a client would send it in UTF-8, then decoded latin-1
    """
    if isinstance(v, bytes):
        return v.decode('latin-1')
    return v.encode('utf-8').decode('latin-1')


BASE = {
    'REQUEST_METHOD': 'GET',
    'SCRIPT_NAME': '',
    'PATH_INFO': '/',
    'QUERY_STRING': '',
    'SERVER_NAME': 'example.com',
    'SERVER_PORT': '80',
    'SERVER_PROTOCOL': 'HTTP/1.1',
    'wsgi.url_scheme': 'http',
    'HTTP_HOST': 'example.com',
    'REMOTE_ADDR': '192.0.2.1',
}

AUTO = object()
CASES = []
NAMES = set()


def case(area, name, env=None, body=b'', clen=AUTO):
    """Register a case.

    env: overrides of BASE; a value of None deletes the key.
    body: request body bytes (str is utf-8 encoded).
    clen: CONTENT_LENGTH; AUTO sets len(body) if body is non-empty,
          None removes it, a str is used verbatim.
    """
    assert area in AREAS, area
    assert name not in NAMES, name
    NAMES.add(name)
    if isinstance(body, str):
        body = body.encode('utf-8')
    e = dict(BASE)
    for k, v in (env or {}).items():
        if v is None:
            e.pop(k, None)
        else:
            e[k] = native(v)
    if clen is AUTO:
        if body and 'CONTENT_LENGTH' not in (env or {}):
            e['CONTENT_LENGTH'] = str(len(body))
    elif clen is None:
        e.pop('CONTENT_LENGTH', None)
    else:
        e['CONTENT_LENGTH'] = clen
    for k in ('REQUEST_METHOD', 'SCRIPT_NAME', 'PATH_INFO', 'QUERY_STRING',
              'SERVER_NAME', 'SERVER_PORT', 'SERVER_PROTOCOL',
              'wsgi.url_scheme'):
        assert k in e, (name, k)
    CASES.append((area, name, e, body))


# --------------------------------------------------------------------------
# expectation helpers


def b64(b):
    return base64.b64encode(b).decode('ascii')


def err(exc):
    return {'error': type(exc).__name__}


def safe(fn, *a, **kw):
    try:
        return fn(*a, **kw)
    except Exception as exc:
        return err(exc)


def enc_val(v):
    if hasattr(v, 'filename'):
        return {
            'filename': v.filename,
            'type': v.type,
            'size': len(v.value),
            'content_b64': b64(v.value),
        }
    return v


def pairs(md):
    return [[k, enc_val(v)] for k, v in md.items()]


def distinct_keys(md):
    seen = []
    for k in md.keys():
        if k not in seen:
            seen.append(k)
    return seen


def date_iso(d):
    return None if d is None else d.isoformat()


RELATIVE = ['other', '../up', '/abs', '?q=1', 'sub/x', 'http://example.org/z',
            '', './', '//evil.example/x']
RELATIVE_APP = ['x', '../y', '/z']

ACCEPT_OFFERS = [['text/html', 'application/json', 'text/plain'],
                 ['application/json', 'text/html'],
                 ['text/plain'],
                 ['image/png', 'image/jpeg'],
                 ['text/html;level=1', 'text/html']]
ACCEPT_QUALITY = ['text/html', 'application/json', 'image/png']
LANG_OFFERS = [['en', 'fr', 'de'], ['en-US', 'en-GB', 'fr-CA'], ['de-DE', 'fr']]
ENC_OFFERS = [['gzip', 'deflate', 'identity'], ['br', 'gzip'], ['identity']]
CHARSET_OFFERS = [['utf-8', 'iso-8859-1'], ['iso-8859-5', 'utf-8']]
ETAG_TAGS = ['abc', 'xyz', 'W/"abc"']


def offers_map(offer_lists, fn):
    return {','.join(o): safe(fn, o) for o in offer_lists}


def qlist(lst):
    return [[a, b] for a, b in lst]


def e_post(req):
    p = req.POST
    if isinstance(p, NoVars):
        return {'novars': True}
    return pairs(p)


def e_accept(req):
    a = req.accept
    return {
        'best_match': offers_map(ACCEPT_OFFERS, lambda o: a.best_match(o)),
        'acceptable_offers': offers_map(
            ACCEPT_OFFERS, lambda o: qlist(a.acceptable_offers(o))),
        'class': type(a).__name__,
        'quality': {o: safe(a.quality, o) for o in ACCEPT_QUALITY},
    }


def e_accept_language(req):
    a = req.accept_language
    return {
        'best_match': offers_map(LANG_OFFERS, lambda o: a.best_match(o)),
        'lookup': offers_map(LANG_OFFERS,
                             lambda o: a.lookup(o, default='zz')),
        'basic_filtering': offers_map(
            LANG_OFFERS, lambda o: qlist(a.basic_filtering(o))),
        'class': type(a).__name__,
    }


def e_simple_accept(attr, offer_lists):
    def f(req):
        a = getattr(req, attr)
        return {
            'best_match': offers_map(offer_lists, lambda o: a.best_match(o)),
            'acceptable_offers': offers_map(
                offer_lists, lambda o: qlist(a.acceptable_offers(o))),
            'class': type(a).__name__,
        }
    return f


def e_etag(attr):
    def f(req):
        x = getattr(req, attr)
        etags = getattr(x, 'etags', None)
        weak = getattr(x, 'weak_etags', None)
        return {
            'str': safe(str, x),
            'class': type(x).__name__,
            'contains': {t: safe(lambda: t in x) for t in ETAG_TAGS},
            'etags': sorted(etags) if etags is not None else None,
            'weak_etags': sorted(weak) if weak is not None else None,
        }
    return f


def e_range(req):
    r = req.range
    if r is None:
        return None
    return {'start': r.start, 'end': r.end, 'str': str(r)}


def e_if_range(req):
    r = req.if_range
    return {'str': safe(str, r), 'class': type(r).__name__}


def e_auth(req):
    a = req.authorization
    if a is None:
        return None
    return [a[0], a[1]]


def e_pops(req):
    r = req.copy()
    out = []
    for _ in range(20):
        seg = r.path_info_pop()
        if seg is None:
            break
        out.append({'popped': seg, 'script_name': r.script_name,
                    'path_info': r.path_info})
    return out


def e_get_last(req):
    g = req.GET
    return {k: g[k] for k in distinct_keys(g)}


def e_get_all(req):
    g = req.GET
    return {k: g.getall(k) for k in distinct_keys(g)}


def e_params_get(req):
    p = req.params
    return {k: safe(lambda: enc_val(p[k])) for k in distinct_keys(p)}


def e_params_all(req):
    p = req.params
    return {k: safe(lambda: [enc_val(v) for v in p.getall(k)])
            for k in distinct_keys(p)}


EXPECT = [
    ('method', lambda r: r.method),
    ('scheme', lambda r: r.scheme),
    ('host', lambda r: r.host),
    ('host_port', lambda r: r.host_port),
    ('domain', lambda r: r.domain),
    ('host_url', lambda r: r.host_url),
    ('application_url', lambda r: r.application_url),
    ('path_url', lambda r: r.path_url),
    ('url', lambda r: r.url),
    ('path', lambda r: r.path),
    ('path_qs', lambda r: r.path_qs),
    ('script_name', lambda r: r.script_name),
    ('path_info', lambda r: r.path_info),
    ('query_string', lambda r: r.query_string),
    ('http_version', lambda r: r.http_version),
    ('remote_addr', lambda r: r.remote_addr),
    ('client_addr', lambda r: r.client_addr),
    ('user_agent', lambda r: r.user_agent),
    ('content_type', lambda r: r.content_type),
    ('charset', lambda r: r.charset),
    ('content_length', lambda r: r.content_length),
    ('is_xhr', lambda r: r.is_xhr),
    ('is_body_readable', lambda r: bool(r.is_body_readable)),
    ('relative_url', lambda r: {o: safe(r.relative_url, o) for o in RELATIVE}),
    ('relative_url_app', lambda r: {o: safe(r.relative_url, o, True)
                                    for o in RELATIVE_APP}),
    ('GET', lambda r: pairs(r.GET)),
    ('GET_last', e_get_last),
    ('GET_all', e_get_all),
    ('POST', e_post),
    ('params', lambda r: pairs(r.params)),
    ('params_get', e_params_get),
    ('params_all', e_params_all),
    ('cookies', lambda r: sorted([k, v] for k, v in r.cookies.items())),
    ('headers', lambda r: sorted([k, v] for k, v in r.headers.items())),
    ('body_b64', lambda r: b64(r.body)),
    ('text', lambda r: r.text),
    ('json', lambda r: r.json),
    ('accept', e_accept),
    ('accept_language', e_accept_language),
    ('accept_encoding', e_simple_accept('accept_encoding', ENC_OFFERS)),
    ('accept_charset', e_simple_accept('accept_charset', CHARSET_OFFERS)),
    ('if_none_match', e_etag('if_none_match')),
    ('if_match', e_etag('if_match')),
    ('if_modified_since', lambda r: date_iso(r.if_modified_since)),
    ('if_unmodified_since', lambda r: date_iso(r.if_unmodified_since)),
    ('date', lambda r: date_iso(r.date)),
    ('range', e_range),
    ('if_range', e_if_range),
    ('authorization', e_auth),
    ('cache_control', lambda r: str(r.cache_control)),
    ('path_info_peek', lambda r: r.path_info_peek()),
    ('pops', e_pops),
]


def has_surrogates(obj):
    if isinstance(obj, str):
        return any('\ud800' <= c <= '\udfff' for c in obj)
    if isinstance(obj, dict):
        return any(has_surrogates(k) or has_surrogates(v)
                   for k, v in obj.items())
    if isinstance(obj, (list, tuple)):
        return any(has_surrogates(x) for x in obj)
    return False


def evaluate(env, body):
    out = {}
    for key, fn in EXPECT:
        e = dict(env)
        e['wsgi.input'] = io.BytesIO(body)
        try:
            val = fn(Request(e))
            json.dumps(val)  # must be serialisable
            if has_surrogates(val):
                raise UnicodeError('lone surrogate in result')
        except Exception as exc:
            val = err(exc)
        out[key] = val
    return out


# --------------------------------------------------------------------------
# cases: query


def Q(name, qs):
    case('query', name, {'QUERY_STRING': qs})


Q('q-empty', '')
Q('q-simple', 'a=1&b=2')
Q('q-repeated', 'a=1&a=2&b=3&a=4')
Q('q-key-no-eq', 'flag')
Q('q-key-no-eq-mixed', 'a&b=2&c')
Q('q-eq-value-no-key', '=v')
Q('q-key-eq-no-value', 'k=')
Q('q-just-eq', '=')
Q('q-empty-amps', '&&a=1&&b=2&&')
Q('q-only-amps', '&&&')
Q('q-only-semicolons', ';;;')
Q('q-plus', 'a=b+c&d+e=f')
Q('q-pct20', 'a=b%20c')
Q('q-pct2b', 'a=1%2B1')
Q('q-plus-and-pct2b', 'a=1+%2B+1')
Q('q-bad-pct-zz', 'a=%zz')
Q('q-bad-pct-alone', 'a=%')
Q('q-bad-pct-2', 'a=%2')
Q('q-bad-pct-2-then-key', 'a=%2&b=1')
Q('q-bad-pct-2g', 'a=%2g')
Q('q-bad-pct-pct41', 'a=%%41')
Q('q-bad-pct-minus0', 'a=%-0')
Q('q-bad-pct-space1', 'a=% 1')
Q('q-bad-pct-minus1', 'a=%-1')
Q('q-bad-pct-short-chain', 'a=%2%41')
Q('q-bad-pct-plus1', 'a=%+1')
Q('q-bad-pct-underscore', 'a=%1_2')
Q('q-bad-pct-tab1', 'a=%\t1')
Q('q-bad-pct-in-key', '%zz=1&%=2')
Q('q-semicolon', 'a=1;b=2')
Q('q-semicolon-mixed', 'a=1;b=2&c=3;a=4')
Q('q-utf8-raw', 'name=José&city=Zürich')
Q('q-utf8-pct', 'name=Jos%C3%A9')
Q('q-utf8-pct-lowercase-hex', 'name=Jos%c3%a9')
Q('q-utf8-key-pct', '%E2%9C%93=1')
Q('q-utf8-raw-key', '✓=yes')
Q('q-emoji-pct', 'e=%F0%9F%98%80')
Q('q-invalid-utf8-pct-ff', 'a=%ff')
Q('q-invalid-utf8-raw-ff', b'a=\xff')
Q('q-invalid-utf8-in-key', '%ff=1&b=2')
Q('q-latin1-pct', 'a=caf%E9')
Q('q-overlong-utf8', 'a=%C0%AF')
Q('q-truncated-utf8', 'a=%E2%9C')
Q('q-long-value', 'a=' + 'x' * 5000 + '&b=2')
Q('q-many-keys', '&'.join('k%d=%d' % (i, i) for i in range(60)))
Q('q-hash-literal', 'a=1#frag')
Q('q-question-mark', 'a=?b&?c=1')
Q('q-eq-in-value', 'a=b=c&d==')
Q('q-pct-encoded-delims', 'a=1%262&b=%3D&c=%3B')
Q('q-pct-nul', 'a=%00b')
Q('q-brackets', 'a[]=1&a[]=2&b[x]=3')
Q('q-raw-space', 'a=b c')
Q('q-plus-in-key', 'a+b=c')
Q('q-pct-encoded-plus-key', 'a%2Bb=c')
Q('q-trailing-amp', 'a=1&')

# --------------------------------------------------------------------------
# cases: form

FORM = 'application/x-www-form-urlencoded'


def F(name, body, method='POST', ct=FORM, env=None, clen=AUTO):
    e = {'REQUEST_METHOD': method}
    if ct is not None:
        e['CONTENT_TYPE'] = ct
    e.update(env or {})
    case('form', name, e, body, clen)


F('form-simple', 'a=1&b=2')
F('form-repeated', 'a=1&a=2&b=3&a=4')
F('form-key-no-eq', 'flag&a=1')
F('form-eq-value-no-key', '=v')
F('form-key-eq-no-value', 'k=')
F('form-empty-amps', '&&a=1&&')
F('form-plus-and-pct20', 'a=b+c&d=e%20f')
F('form-pct2b', 'a=1%2B1')
F('form-bad-pct-zz', 'a=%zz')
F('form-bad-pct-2', 'a=%2&b=%')
F('form-bad-pct-pct41', 'a=%%41')
F('form-semicolon', 'a=1;b=2&c=3')
F('form-utf8-raw', 'name=José')
F('form-utf8-pct', 'name=Jos%C3%A9')
F('form-invalid-utf8-pct', 'a=%ff')
F('form-invalid-utf8-raw', b'a=\xff')
F('form-latin1-pct', 'a=caf%E9')
F('form-long-value', 'a=' + 'y' * 4000)
F('form-trailing-newline', 'a=1&b=2\r\n')
F('form-empty-body', '')
F('form-get-method-form-ct', 'a=1', method='GET')
F('form-head-method-form-ct', 'a=1', method='HEAD')
F('form-post-no-ct', 'a=1&b=2', ct=None)
F('form-get-no-ct-with-body', 'a=1', method='GET', ct=None)
F('form-post-empty-ct', 'a=1', ct='')
F('form-post-text-plain', 'a=1', ct='text/plain')
F('form-post-json-ct', '{"a": 1}', ct='application/json')
F('form-put', 'a=1&b=2', method='PUT')
F('form-patch', 'a=1&b=2', method='PATCH')
F('form-delete', 'a=1', method='DELETE')
F('form-options', 'a=1', method='OPTIONS')
F('form-put-no-ct', 'a=1', method='PUT', ct=None)
F('form-ct-charset-utf-8', 'a=%C3%A9', ct=FORM + '; charset=utf-8')
F('form-ct-charset-UTF8', 'a=1', ct=FORM + '; charset=UTF8')
F('form-ct-charset-quoted', 'a=1', ct=FORM + '; charset="utf-8"')
F('form-ct-charset-latin-1', 'a=1', ct=FORM + '; charset=latin-1')
F('form-ct-charset-iso-8859-1', 'a=caf%E9', ct=FORM + '; charset=iso-8859-1')
F('form-ct-charset-ascii', 'a=1', ct=FORM + '; charset=ascii')
F('form-ct-odd-case', 'a=1', ct='Application/X-WWW-Form-Urlencoded')
F('form-ct-space-before-semicolon', 'a=1', ct=FORM + ' ; charset=utf-8')
F('form-ct-no-space-param', 'a=1', ct=FORM + ';charset=utf-8')
F('form-body-shorter-than-cl', 'a=1', clen='10')
F('form-body-longer-than-cl', 'a=1&b=2', clen='3')
F('form-missing-cl', 'a=1&b=2', clen=None)
F('form-cl-abc', 'a=1', clen='abc')
F('form-cl-negative', 'a=1', clen='-1')
F('form-cl-zero', 'a=1', clen='0')
F('form-cl-empty-string', 'a=1', clen='')
F('form-cl-spaces', 'a=1', clen=' 3 ')
F('form-merged-get-post', 'a=3&c=4&a=5', env={'QUERY_STRING': 'a=1&b=2&a=6'})
F('form-merged-get-post-novars', 'a=3', ct='text/plain',
  env={'QUERY_STRING': 'a=1'})

# --------------------------------------------------------------------------
# cases: multipart


def part(name=None, value=b'', filename=None, ctype=None, extra_headers=(),
         disp='form-data'):
    if isinstance(value, str):
        value = value.encode('utf-8')
    cd = disp
    if name is not None:
        cd += '; name="%s"' % name
    if filename is not None:
        cd += '; filename="%s"' % filename
    hs = ['Content-Disposition: ' + cd]
    if ctype:
        hs.append('Content-Type: ' + ctype)
    hs.extend(extra_headers)
    return '\r\n'.join(hs).encode('utf-8'), value


def mp_body(parts, boundary='BOUNDARY', nl=b'\r\n', final=True,
            preamble=b'', epilogue=b''):
    b = boundary.encode('latin-1')
    out = preamble
    for hdr, val in parts:
        out += b'--' + b + nl + hdr.replace(b'\r\n', nl) + nl + nl + val + nl
    if final:
        out += b'--' + b + b'--' + nl
    out += epilogue
    return out


def M(name, body, ct='multipart/form-data; boundary=BOUNDARY', method='POST',
      env=None, clen=AUTO):
    e = {'REQUEST_METHOD': method, 'CONTENT_TYPE': ct}
    e.update(env or {})
    case('multipart', name, e, body, clen)


M('mp-simple-fields', mp_body([part('a', '1'), part('b', 'two words')]))
M('mp-file-upload', mp_body([part('title', 'hello'),
                             part('upload', 'file contents\n', 'hello.txt',
                                  'text/plain')]))
M('mp-two-files-same-name', mp_body([
    part('f', 'AAA', 'a.txt', 'text/plain'),
    part('f', 'BBBB', 'b.bin', 'application/octet-stream')]))
M('mp-field-empty-value', mp_body([part('empty', ''), part('x', 'y')]))
M('mp-repeated-fields', mp_body([part('a', '1'), part('a', '2'),
                                 part('b', '3')]))
M('mp-filename-utf8', mp_body([part('f', 'data', 'résumé ✓.txt',
                                    'text/plain')]))
M('mp-filename-star', mp_body([(
    b'Content-Disposition: form-data; name="f"; '
    b"filename*=UTF-8''r%C3%A9sum%C3%A9.txt\r\nContent-Type: text/plain",
    b'data')]))
M('mp-filename-with-path', mp_body([part('f', 'x', 'C:\\Users\\me\\a.txt',
                                         'text/plain')]))
M('mp-filename-empty', mp_body([part('f', '', '',
                                     'application/octet-stream'),
                                part('a', '1')]))
M('mp-missing-boundary', mp_body([part('a', '1')]), ct='multipart/form-data')
M('mp-wrong-boundary', mp_body([part('a', '1')]),
  ct='multipart/form-data; boundary=OTHER')
M('mp-boundary-quoted', mp_body([part('a', '1')], boundary='b o;un'),
  ct='multipart/form-data; boundary="b o;un"')
M('mp-boundary-special-chars', mp_body([part('a', '1')], boundary="'()+_,-./:=?"),
  ct="multipart/form-data; boundary='()+_,-./:=?")
M('mp-boundary-long', mp_body([part('a', '1')], boundary='-' * 20 + 'x' * 50),
  ct='multipart/form-data; boundary=' + '-' * 20 + 'x' * 50)
M('mp-part-without-name', mp_body([part(None, 'orphan'), part('a', '1')]))
M('mp-lf-only', mp_body([part('a', '1'), part('f', 'c', 'f.txt', 'text/plain')],
                        nl=b'\n'))
M('mp-mixed-crlf', (b'--BOUNDARY\r\nContent-Disposition: form-data; name="a"\n'
                    b'\r\n1\r\n--BOUNDARY\nContent-Disposition: form-data; '
                    b'name="b"\r\n\n2\n--BOUNDARY--\r\n'))
M('mp-value-with-crlf', mp_body([part('a', 'line1\r\nline2\r\n'), part('b', '\n')]))
M('mp-part-ct-charset', mp_body([part('a', 'caf\xe9'.encode('latin-1'),
                                      ctype='text/plain; charset=iso-8859-1'),
                                 part('b', 'ok')]))
M('mp-part-ct-utf8', mp_body([part('a', 'café', ctype='text/plain; charset=utf-8')]))
M('mp-empty-file', mp_body([part('f', b'', 'empty.txt', 'text/plain')]))
M('mp-file-no-ct', mp_body([part('f', b'abc', 'noct.dat')]))
M('mp-binary-file', mp_body([part('f', bytes(range(256)), 'bin.dat',
                                  'application/octet-stream')]))
M('mp-field-utf8-value', mp_body([part('name', 'José ✓')]))
M('mp-field-invalid-utf8', mp_body([part('a', b'\xff\xfe')]))
M('mp-field-name-utf8', mp_body([part('näme', 'v')]))
M('mp-preamble-epilogue', mp_body([part('a', '1')], preamble=b'preamble text\r\n',
                                  epilogue=b'epilogue\r\n'))
M('mp-no-final-boundary', mp_body([part('a', '1'), part('b', '2')], final=False))
M('mp-empty-body', b'')
M('mp-ct-uppercase', mp_body([part('a', '1')]),
  ct='Multipart/Form-Data; boundary=BOUNDARY')
M('mp-cd-lowercase-header', mp_body([(
    b'content-disposition: form-data; name="a"', b'1')]))
M('mp-cd-unquoted-name', mp_body([(
    b'Content-Disposition: form-data; name=a', b'1')]))
M('mp-with-query', mp_body([part('a', 'post')]), env={'QUERY_STRING': 'a=get&q=1'})
M('mp-put', mp_body([part('a', '1')]), method='PUT')
M('mp-get-method', mp_body([part('a', '1')]), method='GET')
M('mp-charset-latin1-ct', mp_body([part('a', '1')]),
  ct='multipart/form-data; boundary=BOUNDARY; charset=latin-1')
M('mp-multipart-mixed', mp_body([part('a', '1')]),
  ct='multipart/mixed; boundary=BOUNDARY')

# --------------------------------------------------------------------------
# cases: url


def U(name, env, body=b''):
    case('url', name, env, body)


U('url-http-default', {})
U('url-https-default', {'wsgi.url_scheme': 'https', 'SERVER_PORT': '443'})
U('url-http-host-port-8080', {'HTTP_HOST': 'example.com:8080', 'SERVER_PORT': '8080'})
U('url-https-host-port-8443', {'wsgi.url_scheme': 'https',
                               'HTTP_HOST': 'example.com:8443', 'SERVER_PORT': '8443'})
U('url-http-host-explicit-80', {'HTTP_HOST': 'example.com:80'})
U('url-https-host-explicit-443', {'wsgi.url_scheme': 'https',
                                  'HTTP_HOST': 'example.com:443', 'SERVER_PORT': '443'})
U('url-https-host-port-80', {'wsgi.url_scheme': 'https',
                             'HTTP_HOST': 'example.com:80'})
U('url-http-host-port-443', {'HTTP_HOST': 'example.com:443'})
U('url-host-differs-server-name', {'HTTP_HOST': 'www.example.org',
                                   'SERVER_NAME': 'backend.local', 'SERVER_PORT': '8000'})
U('url-no-host-port-80', {'HTTP_HOST': None})
U('url-no-host-port-8080', {'HTTP_HOST': None, 'SERVER_PORT': '8080'})
U('url-no-host-https-443', {'HTTP_HOST': None, 'wsgi.url_scheme': 'https',
                            'SERVER_PORT': '443'})
U('url-no-host-https-8443', {'HTTP_HOST': None, 'wsgi.url_scheme': 'https',
                             'SERVER_PORT': '8443'})
U('url-no-host-https-port-80', {'HTTP_HOST': None, 'wsgi.url_scheme': 'https'})
U('url-ipv6-with-port', {'HTTP_HOST': '[::1]:8080', 'SERVER_PORT': '8080'})
U('url-ipv6-no-port', {'HTTP_HOST': '[::1]'})
U('url-ipv6-https-no-port', {'HTTP_HOST': '[::1]', 'wsgi.url_scheme': 'https'})
U('url-ipv6-server-name-only', {'HTTP_HOST': None, 'SERVER_NAME': '::1',
                                'SERVER_PORT': '8080'})
U('url-host-uppercase', {'HTTP_HOST': 'Example.COM'})
U('url-host-trailing-colon', {'HTTP_HOST': 'example.com:'})
U('url-host-empty', {'HTTP_HOST': ''})
U('url-host-ip-port', {'HTTP_HOST': '10.0.0.1:81'})
U('url-script-name-app', {'SCRIPT_NAME': '/app', 'PATH_INFO': '/page'})
U('url-script-name-app-slash', {'SCRIPT_NAME': '/app/', 'PATH_INFO': '/page'})
U('url-script-name-app-empty-path', {'SCRIPT_NAME': '/app', 'PATH_INFO': ''})
U('url-script-name-spaces', {'SCRIPT_NAME': '/my app', 'PATH_INFO': '/x y'})
U('url-script-name-unicode', {'SCRIPT_NAME': '/ünï', 'PATH_INFO': '/ø'})
U('url-script-name-percent', {'SCRIPT_NAME': '/a%2Fb', 'PATH_INFO': '/c'})
U('url-script-name-invalid-utf8', {'SCRIPT_NAME': b'/\xff', 'PATH_INFO': '/c'})
U('url-path-space', {'PATH_INFO': '/a b'})
U('url-path-percent', {'PATH_INFO': '/100%/x'})
U('url-path-question', {'PATH_INFO': '/a?b'})
U('url-path-hash', {'PATH_INFO': '/a#b'})
U('url-path-unicode', {'PATH_INFO': '/café/日本'})
U('url-path-subdelims', {'PATH_INFO': "/~!$&'()*+,;=:@"})
U('url-path-other-ascii', {'PATH_INFO': '/"<>[]\\^`{|}'})
U('url-path-control-chars', {'PATH_INFO': '/a\tb\x7f'})
U('url-path-empty', {'PATH_INFO': ''})
U('url-path-dots', {'PATH_INFO': '/a/./b/../c'})
U('url-path-invalid-utf8', {'PATH_INFO': b'/\xff'})
U('url-path-with-query', {'PATH_INFO': '/p', 'QUERY_STRING': 'x=1&y=é'})
U('url-path-and-script-with-query', {'SCRIPT_NAME': '/app', 'PATH_INFO': '/p/',
                                     'QUERY_STRING': 'a=b'})
U('url-xff-single', {'HTTP_X_FORWARDED_FOR': '203.0.113.7'})
U('url-xff-multiple', {'HTTP_X_FORWARDED_FOR': '203.0.113.7,198.51.100.2'})
U('url-xff-spaces', {'HTTP_X_FORWARDED_FOR': '  203.0.113.7 , 198.51.100.2 '})
U('url-xff-empty', {'HTTP_X_FORWARDED_FOR': ''})
U('url-xff-ipv6', {'HTTP_X_FORWARDED_FOR': '2001:db8::1, 10.0.0.1'})
U('url-no-remote-addr', {'REMOTE_ADDR': None})
U('url-xrw', {'HTTP_X_REQUESTED_WITH': 'XMLHttpRequest'})
U('url-xrw-lowercase', {'HTTP_X_REQUESTED_WITH': 'xmlhttprequest'})
U('url-user-agent', {'HTTP_USER_AGENT': 'Mozilla/5.0 (X11; Linux x86_64) Test/1.0'})
U('url-http10', {'SERVER_PROTOCOL': 'HTTP/1.0'})
U('url-http2', {'SERVER_PROTOCOL': 'HTTP/2'})
U('url-method-lowercase', {'REQUEST_METHOD': 'get'})

# --------------------------------------------------------------------------
# cases: pathinfo


def P(name, path, script=''):
    case('pathinfo', name, {'PATH_INFO': path, 'SCRIPT_NAME': script})


P('pi-abc', '/a/b/c')
P('pi-ab-trailing-slash', '/a/b/')
P('pi-double-slashes', '//a//b/')
P('pi-root', '/')
P('pi-empty', '')
P('pi-triple-slash', '///')
P('pi-no-leading-slash', 'a')
P('pi-no-leading-slash-multi', 'a/b')
P('pi-a-double-trailing', '/a//')
P('pi-unicode', '/café/日本/x')
P('pi-space-segment', '/a b/ c ')
P('pi-dot-segments', '/./../a')
P('pi-encoded-slash', '/a%2Fb/c')
P('pi-script-prefix', '/x/y', '/app')
P('pi-script-trailing-slash', '/x', '/app/')
P('pi-script-and-empty', '', '/app')
P('pi-script-and-root', '/', '/app')
P('pi-script-unicode', '/ü', '/ß')
P('pi-many-segments', '/' + '/'.join('s%d' % i for i in range(25)))
P('pi-trailing-double-after-segments', '/a/b//')

# --------------------------------------------------------------------------
# cases: cookie


def C(name, cookie):
    case('cookie', name, {'HTTP_COOKIE': cookie})


C('ck-absent-empty', '')
C('ck-simple', 'a=1')
C('ck-several', 'a=1; b=2; c=3')
C('ck-no-space', 'a=1;b=2')
C('ck-duplicates', 'a=1; a=2; b=3; a=4')
C('ck-quoted', 'a="hello world"')
C('ck-quoted-escaped-quote', r'a="say \"hi\""')
C('ck-quoted-octal', r'a="line\012next"')
C('ck-quoted-octal-high', r'a="\303\251"')
C('ck-quoted-backslash', r'a="back\\slash"')
C('ck-spaces-around-eq', 'a = 1 ; b= 2 ;c =3')
C('ck-value-with-spaces', 'a=hello world; b=x')
C('ck-bad-byte-ff', b'a=\xff; b=2')
C('ck-control-chars', 'a=x\x01y; b=2')
C('ck-version-attr', '$Version=1; a=1; $Path=/; b=2; $Domain=example.com')
C('ck-odd-name-chars', "a.b=1; c-d=2; e_f=3; g!#$%&'*+^`|~=4")
C('ck-bad-name-chars', 'a(b)=1; c@d=2; e[f]=3; g:h=4; ok=5')
C('ck-empty-value', 'a=; b=2')
C('ck-no-eq', 'a; b=2')
C('ck-attr-names', 'path=/; expires=x; secure; httponly; domain=d; max-age=1; x=1')
C('ck-attr-names-caps', 'Path=/p; Expires=now; Secure=1; x=2')
C('ck-comma-separator', 'a=1, b=2')
C('ck-comma-in-value', 'a=1,2,3; b=4')
C('ck-utf8-value', 'a=café; b=✓')
C('ck-utf8-name', 'café=1; b=2')
C('ck-expires-like', 'a=1; expires=Wed, 21 Oct 2015 07:28:00 GMT; b=2')
C('ck-trailing-semicolon', 'a=1;')
C('ck-leading-semicolon', ';a=1')
C('ck-eq-in-value', 'a=b=c; d==')
C('ck-base64-value', 'tok=YWJjZA==; x=1')
C('ck-quoted-unterminated', 'a="abc; b=2')
C('ck-semicolons-only', ';;;')
C('ck-colon-in-value', 'a=1:2; b=http://x')
C('ck-tab-separated', 'a=1;\tb=2')
C('ck-utf8-quoted', 'a="café"; b=2')
C('ck-quoted-octal-invalid', r'a="\777x"; b=2')
C('ck-json-value', 'a={"x":1}; b=2')

# --------------------------------------------------------------------------
# cases: accept


def A(name, value, area='accept', key='HTTP_ACCEPT'):
    env = {}
    if value is not None:
        env[key] = value
    case(area, name, env)


A('acc-absent', None)
A('acc-empty', '')
A('acc-star-star', '*/*')
A('acc-html', 'text/html')
A('acc-json', 'application/json')
A('acc-browser', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8')
A('acc-q0-html', 'text/html;q=0, */*')
A('acc-q0-all', '*/*;q=0')
A('acc-text-wildcard', 'text/*')
A('acc-text-wildcard-q', 'text/*;q=0.5, application/json')
A('acc-image-wildcard', 'image/*, text/plain;q=0.1')
A('acc-params-level', 'text/html;level=1, text/html;q=0.5')
A('acc-params-level-only', 'text/html;level=1')
A('acc-q-spaces', 'text/html ; q=0.5 , application/json ; q = 0.7')
A('acc-q-uppercase', 'text/html;Q=0.5, application/json')
A('acc-uppercase-type', 'TEXT/HTML, Application/JSON;q=0.5')
A('acc-invalid-no-slash', 'text')
A('acc-invalid-only-q', ';q=1')
A('acc-invalid-q-2', 'text/html;q=2')
A('acc-invalid-q-letters', 'text/html;q=high')
A('acc-invalid-star-subtype', '*/html')
A('acc-many', ', '.join('type%d/sub%d;q=0.%d' % (i, i, i % 10) for i in range(30))
  + ', application/json;q=0.95')
A('acc-extension-after-q', 'text/html;q=0.8;ext=1, application/json;q=0.9;a="b c"')
A('acc-quoted-param', 'text/html;charset="utf-8", text/plain')
A('acc-trailing-comma', 'text/html,')
A('acc-empty-elements', ',,text/plain,,')
A('acc-q-three-decimals', 'text/html;q=0.001, application/json;q=0.999')
A('acc-q-four-decimals', 'text/html;q=0.0001')
A('acc-plus-subtype', 'application/vnd.api+json, application/json;q=0.1')
A('acc-equal-q-order', 'application/json;q=0.5, text/html;q=0.5')
A('acc-specificity', 'text/*;q=0.3, text/html;q=0.7, text/html;level=1, */*;q=0.5')

# language
A('lang-absent', None, 'language', 'HTTP_ACCEPT_LANGUAGE')
A('lang-empty', '', 'language', 'HTTP_ACCEPT_LANGUAGE')
A('lang-star', '*', 'language', 'HTTP_ACCEPT_LANGUAGE')
A('lang-typical', 'en-US,en;q=0.9,fr;q=0.8', 'language', 'HTTP_ACCEPT_LANGUAGE')
A('lang-en-gb', 'en-GB', 'language', 'HTTP_ACCEPT_LANGUAGE')
A('lang-fr-ca-q0', 'fr-CA;q=0, fr', 'language', 'HTTP_ACCEPT_LANGUAGE')
A('lang-case', 'EN-us', 'language', 'HTTP_ACCEPT_LANGUAGE')
A('lang-de', 'de', 'language', 'HTTP_ACCEPT_LANGUAGE')
A('lang-de-de', 'de-DE, fr;q=0.2', 'language', 'HTTP_ACCEPT_LANGUAGE')
A('lang-star-q0-en', 'en;q=0.5, *;q=0', 'language', 'HTTP_ACCEPT_LANGUAGE')
A('lang-star-low', 'fr, *;q=0.1', 'language', 'HTTP_ACCEPT_LANGUAGE')
A('lang-invalid-underscore', 'en_US', 'language', 'HTTP_ACCEPT_LANGUAGE')
A('lang-invalid-q', 'en;q=2', 'language', 'HTTP_ACCEPT_LANGUAGE')
A('lang-invalid-chars', 'en@US, fr', 'language', 'HTTP_ACCEPT_LANGUAGE')
A('lang-invalid-long-subtag', 'abcdefghi', 'language', 'HTTP_ACCEPT_LANGUAGE')
A('lang-three-part', 'zh-Hant-TW, en-US;q=0.5', 'language', 'HTTP_ACCEPT_LANGUAGE')
A('lang-q-spaces', 'fr ; q=0.5, en ;q=0.4', 'language', 'HTTP_ACCEPT_LANGUAGE')

# encoding
A('enc-absent', None, 'encoding', 'HTTP_ACCEPT_ENCODING')
A('enc-empty', '', 'encoding', 'HTTP_ACCEPT_ENCODING')
A('enc-gzip', 'gzip', 'encoding', 'HTTP_ACCEPT_ENCODING')
A('enc-gzip-q0', 'gzip;q=0', 'encoding', 'HTTP_ACCEPT_ENCODING')
A('enc-star', '*', 'encoding', 'HTTP_ACCEPT_ENCODING')
A('enc-identity-q0', 'identity;q=0', 'encoding', 'HTTP_ACCEPT_ENCODING')
A('enc-star-q0', 'gzip, *;q=0', 'encoding', 'HTTP_ACCEPT_ENCODING')
A('enc-br-gzip', 'br, gzip;q=0.5', 'encoding', 'HTTP_ACCEPT_ENCODING')
A('enc-browser', 'gzip, deflate, br', 'encoding', 'HTTP_ACCEPT_ENCODING')
A('enc-invalid', 'gzip;q=abc', 'encoding', 'HTTP_ACCEPT_ENCODING')
A('enc-invalid-slash', 'gzip/deflate', 'encoding', 'HTTP_ACCEPT_ENCODING')
A('enc-uppercase', 'GZIP, Deflate;Q=0.5', 'encoding', 'HTTP_ACCEPT_ENCODING')

# charset
A('cs-absent', None, 'charset', 'HTTP_ACCEPT_CHARSET')
A('cs-empty', '', 'charset', 'HTTP_ACCEPT_CHARSET')
A('cs-utf8-half-star', 'utf-8;q=0.5, *', 'charset', 'HTTP_ACCEPT_CHARSET')
A('cs-iso-8859-5', 'iso-8859-5', 'charset', 'HTTP_ACCEPT_CHARSET')
A('cs-star', '*', 'charset', 'HTTP_ACCEPT_CHARSET')
A('cs-star-q0', 'iso-8859-1, *;q=0', 'charset', 'HTTP_ACCEPT_CHARSET')
A('cs-uppercase', 'UTF-8, ISO-8859-1;q=0.7', 'charset', 'HTTP_ACCEPT_CHARSET')
A('cs-utf8-q0', 'utf-8;q=0, iso-8859-1', 'charset', 'HTTP_ACCEPT_CHARSET')
A('cs-invalid', 'utf-8;q=x', 'charset', 'HTTP_ACCEPT_CHARSET')
A('cs-invalid-space-in-token', 'utf 8', 'charset', 'HTTP_ACCEPT_CHARSET')
A('cs-typical', 'ISO-8859-1,utf-8;q=0.7,*;q=0.7', 'charset', 'HTTP_ACCEPT_CHARSET')

# --------------------------------------------------------------------------
# cases: conditional


def H(name, **hdrs):
    case('conditional', name, {('HTTP_' + k.upper()): v for k, v in hdrs.items()})


H('inm-star', if_none_match='*')
H('inm-quoted', if_none_match='"abc"')
H('inm-weak', if_none_match='W/"abc"')
H('inm-list', if_none_match='"abc", "def", W/"xyz"')
H('inm-list-nospace', if_none_match='"abc","xyz"')
H('inm-unquoted', if_none_match='abc')
H('inm-malformed', if_none_match='"abc')
H('inm-malformed-mixed', if_none_match='abc, "xyz"')
H('inm-empty', if_none_match='')
H('inm-star-in-list', if_none_match='"abc", *')
H('inm-quoted-star', if_none_match='"*"')
H('im-star', if_match='*')
H('im-quoted', if_match='"abc"')
H('im-weak', if_match='W/"abc"')
H('im-list', if_match='"abc", "def", W/"xyz"')
H('im-unquoted', if_match='xyz')
H('im-malformed', if_match='W/abc')
H('im-empty', if_match='')
H('ims-rfc1123', if_modified_since='Wed, 21 Oct 2015 07:28:00 GMT')
H('ims-rfc850', if_modified_since='Wednesday, 21-Oct-15 07:28:00 GMT')
H('ims-asctime', if_modified_since='Wed Oct 21 07:28:00 2015')
H('ims-garbage', if_modified_since='not a date')
H('ims-empty', if_modified_since='')
H('ims-numeric-offset', if_modified_since='Wed, 21 Oct 2015 07:28:00 +0200')
H('ims-no-weekday', if_modified_since='21 Oct 2015 07:28:00 GMT')
H('ims-epoch-int', if_modified_since='1445412480')
H('ius-rfc1123', if_unmodified_since='Sun, 06 Nov 1994 08:49:37 GMT')
H('ius-garbage', if_unmodified_since='yesterday')
H('date-header', date='Tue, 15 Nov 1994 08:12:31 GMT')
H('date-two-digit-year', date='Tue, 15 Nov 94 08:12:31 GMT')
H('range-0-99', range='bytes=0-99')
H('range-suffix', range='bytes=-5')
H('range-open', range='bytes=10-')
H('range-multi', range='bytes=0-1,5-9')
H('range-invalid-reversed', range='bytes=5-1')
H('range-items-unit', range='items=0-1')
H('range-spaces', range='bytes = 0-99')
H('range-uppercase-unit', range='Bytes=0-99')
H('range-zero-zero', range='bytes=0-0')
H('range-empty-spec', range='bytes=')
H('range-garbage', range='garbage')
H('range-suffix-zero', range='bytes=-0')
H('if-range-etag', if_range='"abc"')
H('if-range-weak-etag', if_range='W/"abc"')
H('if-range-date', if_range='Wed, 21 Oct 2015 07:28:00 GMT')
H('if-range-bad-date', if_range='Foo, 99 Bar 2015 GMT')
H('auth-basic', authorization='Basic dXNlcjpwYXNz')
H('auth-basic-quoted', authorization='Basic realm="x"')
H('auth-bearer', authorization='Bearer abc.def.ghi')
H('auth-digest', authorization='Digest username="Mufasa", realm="testrealm@host.com", '
  'nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", uri="/dir/index.html", qop=auth, '
  'nc=00000001, cnonce="0a4f113b", response="6629fae49393a05397450978507c4ef1"')
H('auth-digest-comma-in-quoted', authorization='Digest realm="a, b", nonce="n"')
H('auth-garbage', authorization='garbage')
H('auth-empty', authorization='')
H('auth-lowercase-basic', authorization='basic dXNlcjpwYXNz')
H('auth-unknown-scheme-params', authorization='Custom a="1", b=2')
H('cc-no-cache', cache_control='no-cache')
H('cc-max-age', cache_control='max-age=0, no-store, private="x"')
H('cc-garbage', cache_control='foo=bar, =baz, ,')

# --------------------------------------------------------------------------
# cases: body


def B(name, body, ct=None, method='POST', env=None, clen=AUTO):
    e = {'REQUEST_METHOD': method}
    if ct is not None:
        e['CONTENT_TYPE'] = ct
    e.update(env or {})
    case('body', name, e, body, clen)


B('body-json-valid', '{"a": [1, 2.5, "x"], "b": null}', 'application/json')
B('body-json-unicode', '{"name": "José ✓"}', 'application/json; charset=utf-8')
B('body-json-invalid', '{"a": ', 'application/json')
B('body-json-non-utf8', b'{"a": "\xff"}', 'application/json')
B('body-json-latin1-charset', '{"a": "é"}'.encode('latin-1'),
  'application/json; charset=latin-1')
B('body-json-scalar', '42', 'application/json')
B('body-json-bom', '\ufeff{"a": 1}', 'application/json')
B('body-text-utf8', 'héllo wörld', 'text/plain; charset=utf-8')
B('body-text-latin1', 'héllo'.encode('latin-1'), 'text/plain; charset=iso-8859-1')
B('body-text-utf16', 'hi'.encode('utf-16'), 'text/plain; charset=utf-16')
B('body-text-unknown-charset', 'hi', 'text/plain; charset=x-unknown')
B('body-text-no-ct', 'plain body')
B('body-empty-post', '')
B('body-empty-post-cl-0', '', clen='0')
B('body-put', 'put body data', 'application/octet-stream', method='PUT')
B('body-put-no-cl', 'put body data', 'application/octet-stream', method='PUT',
  clen=None)
B('body-head', '', method='HEAD')
B('body-head-with-body', 'ignored?', method='HEAD')
B('body-get-with-body', 'get body', 'text/plain', method='GET')
B('body-binary', bytes(range(256)), 'application/octet-stream')
B('body-xml', '<?xml version="1.0"?><a>b</a>', 'application/xml')

# --------------------------------------------------------------------------
# cases: headers


def HD(name, env, body=b''):
    case('headers', name, env, body)


HD('hdr-ct-cl-mapping', {'REQUEST_METHOD': 'POST', 'CONTENT_TYPE': 'text/plain'}, 'abc')
HD('hdr-multi-word', {'HTTP_X_CUSTOM_THING': 'value', 'HTTP_X_A_B_C': '1'})
HD('hdr-leading-trailing-spaces', {'HTTP_X_SPACY': '  padded value  ',
                                   'CONTENT_TYPE': ' text/html ; charset=utf-8 '})
HD('hdr-non-ascii-value', {'HTTP_X_UTF8': 'café', 'HTTP_X_RAW': b'\xff\xfe'})
HD('hdr-empty-value', {'HTTP_X_EMPTY': ''})
HD('hdr-content-md5-and-others', {'HTTP_CONTENT_MD5': 'abc',
                                  'HTTP_CONTENT_ENCODING': 'gzip',
                                  'HTTP_ACCEPT': 'text/html'})
HD('hdr-ct-empty', {'CONTENT_TYPE': ''})
HD('hdr-cl-only', {'CONTENT_LENGTH': '0'})
HD('hdr-non-http-keys-ignored', {'SERVER_SOFTWARE': 'x', 'REMOTE_USER': 'bob',
                                 'HTTP_': 'weird', 'HTTP_X__DOUBLE': 'u'})
HD('hdr-ct-with-params', {'CONTENT_TYPE': 'application/atom+xml; type=entry; charset=utf-8'})
HD('hdr-ct-charset-quoted-latin1', {'CONTENT_TYPE': 'text/plain; charset="ISO-8859-1"'})
HD('hdr-ct-charset-uppercase-param', {'CONTENT_TYPE': 'text/plain; CHARSET=utf8'})
HD('hdr-lowercase-http-key', {'http_x_lower': 'not a header?', 'HTTP_X_UPPER': 'yes'})

# --------------------------------------------------------------------------
# cases: misc


case('misc', 'misc-kitchen-sink', {
    'REQUEST_METHOD': 'POST', 'SCRIPT_NAME': '/app', 'PATH_INFO': '/a/b',
    'QUERY_STRING': 'x=1&y=2', 'HTTP_HOST': 'example.com:8080',
    'SERVER_PORT': '8080', 'CONTENT_TYPE': FORM + '; charset=UTF-8',
    'HTTP_COOKIE': 'sid=abc; theme=dark', 'HTTP_ACCEPT': 'application/json',
    'HTTP_ACCEPT_LANGUAGE': 'fr-CA, fr;q=0.8', 'HTTP_ACCEPT_ENCODING': 'gzip',
    'HTTP_X_FORWARDED_FOR': '1.2.3.4', 'HTTP_X_REQUESTED_WITH': 'XMLHttpRequest',
    'HTTP_IF_NONE_MATCH': '"v1"', 'HTTP_AUTHORIZATION': 'Bearer t0k',
    'HTTP_USER_AGENT': 'curl/8.0'}, 'x=3&z=4')
case('misc', 'misc-minimal-environ', {'HTTP_HOST': None, 'REMOTE_ADDR': None})
case('misc', 'misc-https-script-query-unicode', {
    'wsgi.url_scheme': 'https', 'SERVER_PORT': '443', 'SCRIPT_NAME': '/ä pp',
    'PATH_INFO': '/ü/ß', 'QUERY_STRING': 'q=%C3%BC&r=ü'})
case('misc', 'misc-url-encoding-latin1', {
    'webob.url_encoding': 'latin-1', 'PATH_INFO': b'/caf\xe9',
    'SCRIPT_NAME': b'/\xe9'})
case('misc', 'misc-server-port-nonnumeric', {'HTTP_HOST': None, 'SERVER_PORT': 'abc'})
case('misc', 'misc-delete-with-json', {'REQUEST_METHOD': 'DELETE',
                                       'CONTENT_TYPE': 'application/json'}, '[1,2]')


# --------------------------------------------------------------------------


def main():
    out_cases = []
    for area, name, env, body in CASES:
        out_cases.append({
            'name': name,
            'area': area,
            'environ_b64': {k: b64(v.encode('latin-1'))
                            for k, v in sorted(env.items())},
            'body_b64': b64(body),
            'expect': evaluate(env, body),
        })
    doc = {
        'generator': 'internal/golden/gen_request.py',
        'webob_version': WEBOB_VERSION,
        'cases': out_cases,
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, 'w', encoding='utf-8') as f:
        json.dump(doc, f, ensure_ascii=False, indent=1, sort_keys=False)
        f.write('\n')
    counts = {}
    for area, *_ in CASES:
        counts[area] = counts.get(area, 0) + 1
    print('wrote %d cases to %s' % (len(out_cases), os.path.relpath(OUT, ROOT)))
    for a in AREAS:
        print('  %-12s %d' % (a, counts.get(a, 0)))


if __name__ == '__main__':
    main()
