#!/usr/bin/python3
"""Generate request/testdata/golden_headers.json from Python WebOb.

Covers the header parsers of package request: cookies (parse_cookie and
Request.cookies), If-Match / If-None-Match (ETagMatcher), If-Range, HTTP
dates (parse_date / serialize_date), Range and Content-Range (byterange.py),
Authorization (parse_auth / serialize_auth) and Cache-Control
(cachecontrol.py).

Strings are WSGI native strings: one char per byte (latin-1). In the JSON a
string made only of ASCII is written as is; any other string is written as
{"b64": <base64 of its latin-1 bytes>}, so the Go test sees the raw bytes.
When WebOb raises, the value is {"error": "<ExceptionClassName>"}.

The output is deterministic (no clock, no randomness). Run with:

    /usr/bin/python3 internal/golden/gen_headers.py
"""

import base64
import datetime
import json
import os
import warnings

warnings.simplefilter('ignore')

from webob.request import BaseRequest  # noqa: E402
from webob.cookies import parse_cookie, Cookie  # noqa: E402
from webob.etag import AnyETag, NoETag, IfRange, IfRangeDate  # noqa: E402
from webob.datetime_utils import parse_date, serialize_date, serialize_date_delta, UTC  # noqa: E402
from webob.byterange import Range, ContentRange  # noqa: E402
from webob.descriptors import parse_auth, serialize_auth, _rx_etag  # noqa: E402
from webob.cachecontrol import CacheControl, serialize_cache_control  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, 'request', 'testdata', 'golden_headers.json')


def native(v):
    """bytes -> latin-1 str; str -> its UTF-8 bytes as a latin-1 str."""
    if isinstance(v, bytes):
        return v.decode('latin-1')
    return v.encode('utf-8').decode('latin-1')


def enc(s):
    """Encode a native string (or bytes) for JSON, keeping raw bytes."""
    if s is None:
        return None
    if isinstance(s, bytes):
        s = s.decode('latin-1')
    if all(ord(c) < 128 for c in s):
        return s
    return {'b64': base64.b64encode(s.encode('latin-1')).decode('ascii')}


def err(e):
    return {'error': type(e).__name__}


def req(key, value):
    env = {'REQUEST_METHOD': 'GET', 'SCRIPT_NAME': '', 'PATH_INFO': '/',
           'SERVER_NAME': 'example.com', 'SERVER_PORT': '80',
           'SERVER_PROTOCOL': 'HTTP/1.1', 'wsgi.url_scheme': 'http'}
    if value is not None:
        env[key] = value
    return BaseRequest(env)


# ---------------------------------------------------------------- cookies

COOKIES = [
    b'', b'a=b', b'a=b; c=d', b'a=b;c=d', b'a=1; a=2', b'a=1; b=2; a=3',
    b'a="quoted value"', b'a="with \\"escaped\\" quote"', b'a="\\012newline"',
    b'a=\\012', b'a=x\\', b'a="unterminated', b'a="x\\"y', b'a="x\\"y\\"z',
    b' a = b ; c= d', b'a\t=\tb', b'a=\xff', b'a=b\x00c', b'a=b\x01; c=d',
    b'$Version=1; a=b', b'$Version="1"; a="b"; $Path="/"',
    b'path=/; a=b', b'Path=/; a=b', b'expires=x; a=b', b'Max-Age=1; a=2',
    b'secure; httponly; a=b', b'samesite=lax; domain=x; comment=y; a=b',
    b'Expires=Wed, 09 Jun 2021 10:18:14 GMT; a=b',
    b'a=Wed, 09-Jun-2021 10:18:14 GMT', b'a=Wed, 09-Jun-21 10:18:14 GMT',
    b'a=Wed, 09-Jun-202 10:18:14 GMT', b'a=Wed, 09-Jun-20211 10:18:14 GMT',
    b'a=Wed, 09 Jun 2021 10:18:14 GMT', b'a=Wed,\t09-Jun-2021\t10:18:14\tGMT',
    b'a=Wed, 09-Jun-2021 10:18:1 GMT', b'a=Wed, 09-Jun-2021 10:18:14 GMTx',
    b'a=Wed, 09-Jun-2021 10:18:14 gmt', b'a=b, c=d', b'a=b,c=d',
    native('a=caf\u00e9'), b'a=caf\xe9', native('\u043a\u043b\u044e\u0447=\u0437\u043d\u0430\u0447'),
    native('caf\u00e9=1; b=2'), b'a==b', b'=a=b', b'a=b=c', b'a', b';;;',
    b'a=;b=', b'a=[x]', b'a={"json":1}', b'a="', b'a=""', b'a="\\"',
    b'a="\\\\"', b'a b=c', b'a\tb=c', b'a=\\"', b'a=b\nc=d', b'a="b\nc"',
    b'a="b\\"c\nd"', b'a=b; $Path=/', b'a=%20encoded', b'a=b;c=d;', b'  ',
    b'a=   ', b'a=\\377\\000', b'a=\\400', b'a=\\08', b'a=\\\n',
    b'session=abc123; csrftoken="tok=="; theme=dark', b'a = "x" y',
    b'a="x"y', b'a=x"y', b'a=\\"x\\"', b'a:b=c', b'a(b)=c', b'a@b=c',
    b'{a}=b', b'a[b]=c', b'"a"=b', b'a=b\r\n c=d', b'a=\x7f', b'a=b;\x00c=d',
    b'a=' + b'x' * 300, b'a=\\xyz', b'a=\\"\\"', b'a="\\101\\102"',
    b'a=b\x0bc=d', b'a=b\x0cc=d', b'a=b\xa0c=d', b'a\xa0=b', b'a=\x85b',
    b'a="x";b="y\\"";c=z', b'a=~!@#$%^&*()_+=-`.?|:/{}<>\'', b'a=b c',
    b'a="\\"', b'x=1;;y=2', b'a=1 ; ; b=2', b'__Host-id=1; __Secure-x=2',
    b'a!#$%&\'*+-.^_`|~=1', b'A=1; a=2', b'a=\\""b"', b'a="\\012\\015"',
    b'a="caf\xe9"', native('a="caf\u00e9"; b=\\303\\251'), b'a="\xff"; b=ok',
]


def cookie_case(h):
    if isinstance(h, bytes):
        h = h.decode('latin-1')
    pairs = [[enc(k), enc(v)] for k, v in parse_cookie(h)]
    r = req('HTTP_COOKIE', h)
    try:
        d = dict(r.cookies)
        cookies = sorted([[enc(native(k)), enc(native(v))] for k, v in d.items()],
                         key=lambda kv: json.dumps(kv))
    except Exception as e:  # UnicodeDecodeError on non-UTF-8 bytes
        cookies = err(e)
    return {'header': enc(h), 'pairs': pairs, 'cookies': cookies}


# ---------------------------------------------------------------- etags

ETAGS = [
    None, '', '*', '"a"', 'W/"a"', '"a", "b"', '"a","b"', '"a", W/"b"', 'a',
    'a, b', ' "a"', '"a" "b"', '"a"\t"b"', '"a\\"b"', '"a\\"', '"unterminated',
    '"a\nb"', 'W/"a", W/"b"', '"a", *', 'w/"a"', 'W/ "a"', '"", "a"',
    native('"\u00e9t\u00e9"'), '"a"\xa0"b"', '"a"\x85"b"', '"a"\x1c"b"', '* ',
    '**', '"a", "a"', 'W/"a\\"b"', '"a\\"b\\"', 'x "a"', ' W/"a"',
    '"a"W/"b"', '"a", "b\\"', '"a\\"b\nc"', '"x\\"y\\"z', '"a"\n"b"',
    '"xyzzy", "r2d2xxxx", "c3piozzzz"', 'W/""', '\t"a"',
]
PROBES = ['a', 'b', '', '*', 'W/"a"', '"a"', 'xyzzy', 'a\\"b', 'x', native('\u00e9t\u00e9')]


def etag_view(m, weak):
    if m is AnyETag:
        kind, tags, weak = 'any', [], []
    elif m is NoETag:
        kind, tags, weak = 'none', [], []
    else:
        kind, tags = 'list', list(m.etags)
    probes = sorted(set(PROBES) | set(tags))
    return {'kind': kind, 'etags': [enc(t) for t in tags], 'weak': [enc(t) for t in weak],
            'str': enc(str(m)), 'contains': [[enc(p), p in m] for p in probes]}


def etag_case(v):
    out = {'value': enc(v), 'present': v is not None}
    # The weak tags WebOb's If-None-Match keeps (it has no accessor for the
    # flag, so ask its regular expression); If-Match drops them all.
    weak = [t for w, t in _rx_etag.findall(v or '') if w]
    out['if_match'] = etag_view(req('HTTP_IF_MATCH', v).if_match, [])
    out['if_none_match'] = etag_view(req('HTTP_IF_NONE_MATCH', v).if_none_match, weak)
    return out


# ---------------------------------------------------------------- if-range

IF_RANGES = [
    None, '', '"a"', 'W/"a"', '*', '"a", "b"', 'a',
    'Sun, 06 Nov 1994 08:49:37 GMT', 'Sunday, 06-Nov-94 08:49:37 GMT',
    'garbage GMT', 'Sun, 06 Nov 99999 08:49:37 GMT', 'Sun Nov  6 08:49:37 1994',
    ' GMT', 'Sun, 06 Nov 1994 08:49:37 gmt', '"a GMT"',
]

D_BEFORE = datetime.datetime(1994, 11, 6, 8, 49, 36, tzinfo=UTC)
D_EQUAL = datetime.datetime(1994, 11, 6, 8, 49, 37, tzinfo=UTC)
D_AFTER = datetime.datetime(1994, 11, 6, 8, 49, 38, tzinfo=UTC)


class FakeResponse(object):
    def __init__(self, etag_strong, last_modified):
        self.etag_strong = etag_strong
        self.last_modified = last_modified


RESPONSES = [(None, None), ('a', None), ('b', None), ('', None),
             (None, D_BEFORE), (None, D_EQUAL), (None, D_AFTER), ('a', D_AFTER)]


def ts(d):
    return None if d is None else int((d - datetime.datetime(1970, 1, 1, tzinfo=UTC)).total_seconds())


def if_range_case(v):
    out = {'value': enc(v)}
    try:
        ir = req('HTTP_IF_RANGE', v).if_range
    except Exception as e:
        out['parse'] = err(e)
        return out
    out['kind'] = 'date' if isinstance(ir, IfRangeDate) else 'etag'
    if isinstance(ir, IfRangeDate):
        out['date'] = ts(ir.date)
    try:
        out['str'] = enc(str(ir))
    except Exception as e:
        out['str'] = err(e)
    matches = []
    for etag, lm in RESPONSES:
        try:
            got = FakeResponse(etag, lm) in ir
        except Exception as e:
            got = err(e)
        matches.append({'etag': etag, 'last_modified': ts(lm), 'match': got})
    out['match'] = matches
    return out


# ---------------------------------------------------------------- dates

DATES = [
    '', '   ', 'garbage', 'Sun, 06 Nov 1994 08:49:37 GMT',
    'Sunday, 06-Nov-94 08:49:37 GMT', 'Sun Nov  6 08:49:37 1994',
    'Sun, 06 Nov 1994 08:49:37 +0200', 'Sun, 06 Nov 1994 08:49:37 -0500',
    'Sun, 06 Nov 1994 08:49:37 EST', 'Sun, 06 Nov 1994 08:49:37 PDT',
    'Sun, 06 Nov 1994 08:49:37 UT', 'Sun, 06 Nov 1994 08:49:37 Z',
    'Sun, 06 Nov 1994 08:49:37 XYZ', '06 Nov 1994 08:49:37 GMT',
    'Sun,06 Nov 1994 08:49:37 GMT', '06 Nov 94 08:49 GMT',
    '06 Nov 69 08:49:37 GMT', '06 Nov 68 08:49:37 GMT', 'Nov 06 1994 08:49:37',
    '06 November 1994 08:49:37 GMT', '06 Nov 1994 08.49.37 GMT',
    '06 Nov 1994 08.49 GMT', '32 Jan 2020 25:61:61 GMT', '0 Jan 2020 00:00:00 GMT',
    '-1 Jan 2020 00:00:00 GMT', '1_0 Jan 2020 00:00:00 GMT', '+5 Jan 2020 00:00:00 GMT',
    '06 Nov 99999 08:49:37 GMT', '06 Nov 10000 08:49:37 GMT', '31 Dec 9999 23:59:59 GMT',
    '31 Dec 9999 23:59:59 -0001', '01 Jan 100 00:00:00 GMT', '01 Jan 100 00:00:00 +0001',
    'Sun, 06 Nov', '1994', '06 Nov 1994 08:49:37 +0000', '06 Nov 1994 08:49:37 -0000',
    '06 Nov 1994 08:49:37+0200', '06 Nov 1994 08:49:37-0200', 'Nov 6 08:49:37 1994 GMT',
    '06 Nov 1994, 08:49:37 GMT', '06, Nov 1994 08:49:37', 'Sun, 06 Nov 1994 08:49:37 GMT extra tokens',
    '06 Nov 1994 8:9:7 GMT', '06 xyz 1994 08:49:37 GMT', '06 Nov \xb2994 08:49:37 GMT',
    '06 Nov \xe9994 08:49:37 1994', '06 Nov 1994 08:49:37 +99999999999999999999',
    '99999999999999999999 Nov 1994 08:49:37 GMT', 'Thu, 01 Jan 1970 00:00:00 GMT',
    '1 Jan 1970 00:00:00 +0100', 'Sun, 06-Nov-1994 08:49:37 GMT', '06 Nov 1994 08:49:37 +02:00',
    '06 Nov 1994 08:49:37 +2', '06 Nov 1994 08:49:37 -', '06 Nov 1994 08:49:37 +',
    'Sun\xa006 Nov 1994 08:49:37 GMT', 'Sun\x1c06\x1cNov\x1c1994\x1c08:49:37\x1cGMT',
    '06 Nov 1994 08:49:37 gmt', 'Sun, 06 Nov 1994 08:49:37 +0230', '06 Nov 1994 08:49:37 +9999',
    '06-Nov-94 08:49:37 GMT', 'Sun, 06-Nov-94 08:49:37', '06 Nov 1994 08:49:37:00 GMT',
    '06 Nov 1994 08 GMT', '06 Nov 1994 08:49: GMT', '06 Nov 1994 :49:37 GMT', 'Mon,',
    '06 Nov 1994, 08:49:37, GMT', '06 Nov 1994 08:49:37, GMT', ',06 Nov 1994 08:49:37 GMT',
    '06 Nov , 08:49:37 GMT', 'Nov Nov 1994 08:49:37 GMT', 'may 1 2000 00:00:00',
    '1 december 2000 00:00:00', '06 Nov 1994 08:49:37 +1_00', '06 Nov 1994 T08:49:37 1994',
    '06 Nov 1994 08:49:37 -500', '06 Nov -5 08:49:37 GMT', '06 Nov 0 08:49:37 GMT',
    '06 Nov 1994 -1:00:00 GMT', '06 Nov 1994 99:99:99 GMT', 'Sun, 06 Nov 1994 08:49:37 GMT\n',
    '06 Nov 1994 08:49:37.5 GMT', '29 Feb 2001 00:00:00 GMT', '06 Nov 1994 08:49:37 +0000 (UTC)',
]

FORMAT_TIMES = [0, 1, 784111777, 951782400, 1700000000, 253402300799, -1, -62135596800,
                2147483647, 2147483648]


def date_case(v):
    try:
        d = parse_date(v)
        got = ts(d)
    except Exception as e:
        got = err(e)
    return {'value': enc(v), 'parsed': got}


def request_dates():
    out = []
    for v in [None, '', 'Sun, 06 Nov 1994 08:49:37 GMT', 'garbage', '06 Nov 1994 08:49:37 +0200']:
        row = {'value': enc(v)}
        for key, attr in [('HTTP_DATE', 'date'), ('HTTP_IF_MODIFIED_SINCE', 'if_modified_since'),
                          ('HTTP_IF_UNMODIFIED_SINCE', 'if_unmodified_since')]:
            try:
                row[attr] = ts(getattr(req(key, v), attr))
            except Exception as e:
                row[attr] = err(e)
        out.append(row)
    return out


# ---------------------------------------------------------------- ranges

RANGES = [
    None, '', 'bytes=0-499', 'bytes=500-999', 'bytes=-500', 'bytes=9500-',
    'bytes=0-0', 'bytes=-0', 'bytes=0-', 'bytes=5-4', 'bytes=5-5', 'BYTES=1-2',
    'Bytes = 1 - 2', 'bytes=1-2,4-5', 'bytes=1-2, 4-5', 'bytes=', 'bytes=-',
    'bytes=abc', 'items=0-5', 'bytes 0-5', 'bytes=0-5xyz', ' bytes=0-5',
    'bytes=\t0-5', 'bytes=99999999999999999999-', 'bytes=-99999999999999999999',
    'bytes=0-99999999999999999999', 'bytes=9223372036854775806-9223372036854775806',
    'bytes=10-20', 'bytes=1000-', 'bytes=999-', 'bytes=-1000', 'bytes=-1001',
    'bytes=0-9', 'bytes=0-10', 'bytes=9-9', 'bytes=1-0', 'bytes=-1', 'bytes=1-',
    native('bytes=\u0663-5'), 'bytes=00-01', 'bytes  =  3  -  ', 'bytes=3-,5-6',
    'bytes=-5-6', 'bytes=1--2', 'bytes=0-0,-1', 'bytesx=0-1',
]
LENGTHS = [0, 1, 10, 1000]


def range_case(v):
    out = {'value': enc(v)}
    try:
        r = req('HTTP_RANGE', v).range
    except Exception as e:
        out['parse'] = err(e)
        return out
    if r is None:
        out['parse'] = None
        return out
    out['parse'] = {'start': str(r.start), 'end': None if r.end is None else str(r.end), 'str': str(r)}
    rfl, crs = [], []
    for n in LENGTHS:
        x = r.range_for_length(n)
        rfl.append(None if x is None else [str(x[0]), str(x[1])])
        c = r.content_range(n)
        crs.append(None if c is None else str(c))
    out['range_for_length'] = rfl
    out['content_range'] = crs
    return out


CONTENT_RANGES = [
    'bytes 0-499/1234', 'bytes */1234', 'bytes */*', 'bytes 0-499/*', 'bytes 0-0/1',
    'bytes 5-4/10', 'bytes 0-10/10', 'bytes 0-9/10', 'bytes 10-10/10', 'bytes 0-9/10 extra',
    'Bytes 0-9/10', 'bytes  0-9/10', 'bytes 0 - 9/10', 'bytes 0-9/', 'bytes -1-9/10',
    'bytes 0-99999999999999999999/99999999999999999999', 'bytes=0-9/10', '', 'bytes */0',
    'bytes 0-9/0', 'bytes 00-09/010', 'bytes 1-1/*', 'bytes *-5/10', 'bytes 0-9/10/11',
]


def content_range_case(v):
    c = ContentRange.parse(v)
    if c is None:
        return {'value': enc(v), 'parse': None}
    s = lambda x: None if x is None else str(x)  # noqa: E731
    return {'value': enc(v), 'parse': {'start': s(c.start), 'stop': s(c.stop),
                                       'length': s(c.length), 'str': str(c)}}


# ---------------------------------------------------------------- authorization

AUTHS = [
    None, '', 'Basic dXNlcjpwYXNz', 'Basic', 'Basic ', 'Basic "quoted"', 'Basic realm="x"',
    'Digest username="Mufasa", realm="testrealm@host.com", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", '
    'uri="/dir/index.html", qop=auth, nc=00000001, cnonce="0a4f113b", '
    'response="6629fae49393a05397450978507c4ef1", opaque="5ccc069c403ebaf9f0171e9517f40e41"',
    'Digest a=1, a=2', 'Digest realm="a,b", x=y', 'Digest Realm=x', 'Digest a = 1 ,b=2',
    'Digest a="unterminated, b=2', 'Digest a="x"y, b=2', 'Digest a=""x"", b', 'Bearer abc.def',
    'bearer x', 'basic x', 'Digest', 'Digest ', ' Basic x', 'Basic\tx', 'WSSE profile="UsernameToken"',
    'OpenID x', 'Cookie a=b', 'HMACDigest a=b', 'GoogleLogin auth=abc', 'Digest a=1,b=2',
    'Digest a=1,   b=2', 'Digest a=x\ny, b=2', 'Digest a="x\ny", b=2', native('Digest x=\u00e9'),
    'Digest a=" x "', 'Digest a = b c , d', 'Digest a=1, b', 'Digest 1a=2, b_c=3, d-e=4',
    'Digest a=1,,b=2', 'Digest a="1", b="2" , c="3"', 'Digest a="b"  , c', 'Digest a=\t"x"\t,b=1',
    'Digest a="x" , ', 'Digest  a=1', 'Digest a="x"", b=1', 'Digest abc', 'Digest a=b=c',
]


def auth_case(v):
    r = req('HTTP_AUTHORIZATION', v)
    a = r.authorization
    out = {'value': enc(v)}
    if a is None:
        out['parse'] = None
        return out
    scheme, params = a
    if isinstance(params, dict):
        p = {'scheme': enc(scheme), 'params': [[enc(k), enc(x)] for k, x in params.items()]}
    else:
        p = {'scheme': enc(scheme), 'raw': enc(params)}
    p['str'] = enc(serialize_auth(a))
    out['parse'] = p
    return out


# ---------------------------------------------------------------- cache-control

CACHE_CONTROLS = [
    None, '', 'max-age=0', 'no-cache', 'no-store, no-cache', 'public, max-age=3600',
    'private="Set-Cookie"', 'no-cache="Set-Cookie, X-Foo"', 'max-age=abc', 'max-age=007',
    'max-age=+5', 'max-age=-1', 'max-age=1_000', 'max-age="60"', 'max-age=" 60 "', 'max-age',
    'max-age=', 'max-age=""', 'Max-Age=5', 'max-age=5, max-age=10',
    's-maxage=10, stale-while-revalidate=30, stale-if-error=60', 'max-stale', 'max-stale=100',
    'min-fresh=5', 'only-if-cached', 'must-revalidate, proxy-revalidate, no-transform',
    'immutable', 'a="unterminated', 'a = 1', 'a=1;b=2', 'x_y-z=1', '5max=1', ',,,',
    'max-age=99999999999999999999', 'community="UCI"', 'no-cache=', 'private, no-cache="a b"',
    'max-age=\xa05', 'max-age=\x1c5', 'a\xa0=1', 'a\x1c=1', 'foo=bar baz', 'foo=a.b', 'foo=a/b',
    'max-age=1.5', 'private', 'private=x', 's-maxage', 'stale-if-error', 'max-stale=abc',
    'no-cache="x", no-cache', 'max-age=-0', 'max-age=-007', 'max-age="1_0"', 'max-age="1__0"',
    'max-age="\t5\n"', 'a="x\\"y"', 'max-age=5;public', 'min-fresh="a,b"', native('foo=\u00e9'),
    'public=1', 'no-store=0', 'max-age=0x10', 'a=1 b=2',
]
CC_PROPS = ['max_stale', 'min_fresh', 'only_if_cached', 'public', 'private', 'no_cache',
            'no_store', 'no_transform', 'must_revalidate', 'proxy_revalidate', 'max_age',
            's_maxage', 'stale_while_revalidate', 'stale_if_error']


def typed(v):
    if v is None:
        return None
    if isinstance(v, bool):
        return v
    if isinstance(v, int):
        return ['int', str(v)]
    return ['str', enc(v)]


def cc_case(v):
    cc = req('HTTP_CACHE_CONTROL', v).cache_control
    props = [[enc(k), typed(x)] for k, x in cc.properties.items()]
    getters = {p: typed(getattr(cc, p)) for p in CC_PROPS}
    return {'value': enc(v), 'props': props, 'getters': getters, 'str': enc(str(cc))}


# Mutations applied to a parsed header with WebOb's own semantics: "set" is
# a value_property assignment (True -> present without value), "flag" an
# exists_property assignment, "del" a deletion.
CC_MUTATIONS = [
    ('max-age=5, public', [('set', 'max-age', '60')]),
    ('max-age=5, public', [('flag', 'public', False), ('flag', 'no-store', True)]),
    ('', [('set', 'no-cache', 'Set-Cookie, X'), ('set', 'max-age', '0')]),
    ('no-cache, no-store', [('del', 'no-cache', None)]),
    ('b=1', [('set', 'a', ''), ('set', 'c', 'x y'), ('flag', 'd', True)]),
    ('private', [('flag', 'private', True)]),
]


def cc_mutation(header, ops):
    cc = CacheControl.parse(header, type=None)
    props = cc.properties
    for op, name, value in ops:
        if op == 'set':
            props[name] = value
        elif op == 'flag':
            if value:
                props[name] = None
            elif name in props:
                del props[name]
        elif op == 'del':
            props.pop(name, None)
    return {'value': header, 'ops': [[op, name, value] for op, name, value in ops],
            'str': serialize_cache_control(props)}


MORSEL_HEADERS = [
    '', 'a=1; b=2', 'b=2; a=1; Path=/x; Domain=ex.com; Max-Age=10; secure=1; HttpOnly=1; SameSite=Lax',
    'a="x y"; Comment="hi there"; expires=Wed, 09-Jun-2021 10:18:14 GMT', '$Version=1; a=1; $Path=/',
    'Path=/; a=1', 'a=1; samesite=none', 'a=1; samesite=None; secure=y', 'a=1; a=2', 'a=\\101b; path=/a b',
    'x=1; secure=', 'a=\xe9', 'a=1; PATH=/p; path=/q', 'z=9; y=8; x=7', 'a=1;b', 'a="\\"q\\""; Comment=a;b',
    'a=1; max-age=5\x01; domain=d\x7f', 'a=[x]; b=c,d', 'sp = 1 ; Secure = 1',
]


def cookie_object(h):
    c = Cookie(h)
    try:
        full = c.serialize()
    except ValueError:
        full = {'error': 'ValueError'}
    return {'value': enc(h), 'full': full, 'short': c.serialize(full=False),
            'names': [m.name.decode('latin-1') for m in c.values()]}


def format_date_deltas():
    """serialize_date_delta: a number of seconds as str(int(value)), a
    datetime as an HTTP date."""
    out = []
    for secs in [0, 1, 120, 86400, 120.9, -5.5, -1, 2 ** 31]:
        out.append({'seconds': secs, 'str': serialize_date_delta(secs)})
    for t in [0, 784111777, 1623760496]:
        dt = datetime.datetime.fromtimestamp(t, datetime.timezone.utc)
        out.append({'unix': t, 'str': serialize_date_delta(dt)})
    return out


def main():
    data = {
        'generator': 'internal/golden/gen_headers.py',
        'cookies': [cookie_case(h) for h in COOKIES],
        'etags': [etag_case(v) for v in ETAGS],
        'if_range': [if_range_case(v) for v in IF_RANGES],
        'dates': [date_case(v) for v in DATES],
        'format_dates': [{'unix': t, 'str': serialize_date(t)} for t in FORMAT_TIMES],
        'format_date_deltas': format_date_deltas(),
        'cookie_objects': [cookie_object(h) for h in MORSEL_HEADERS],
        'request_dates': request_dates(),
        'ranges': [range_case(v) for v in RANGES],
        'content_ranges': [content_range_case(v) for v in CONTENT_RANGES],
        'authorization': [auth_case(v) for v in AUTHS],
        'cache_control': [cc_case(v) for v in CACHE_CONTROLS],
        'cache_control_mutations': [cc_mutation(h, ops) for h, ops in CC_MUTATIONS],
    }
    total = sum(len(v) for v in data.values() if isinstance(v, list))
    data['total_cases'] = total
    with open(OUT, 'w') as f:
        json.dump(data, f, indent=1, sort_keys=True)
        f.write('\n')
    print('wrote %s: %d cases' % (os.path.relpath(OUT, ROOT), total))


if __name__ == '__main__':
    main()
