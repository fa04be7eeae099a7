#!/usr/bin/python3
"""Generate response/testdata/golden_typed_headers.json from Python WebOb.

Covers the typed response headers of webob.Response that have no golden
data elsewhere: www_authenticate (parse_auth / serialize_auth), retry_after
(parse_date_delta / serialize_date_delta), content_range, age, and the
plain string headers content_location, accept_ranges, server and pragma.

"get" cases set the raw header and record what the property returns;
"set" cases assign the property and record the raw header. A Retry-After
given in seconds is recorded as {"delta": seconds} since WebOb adds it to
the current time. Run with:

    /usr/bin/python3 internal/golden/gen_typed_headers.py
"""

import calendar
import datetime
import json
import os
import warnings

warnings.simplefilter('ignore')

from webob import Response  # noqa: E402
from webob.byterange import ContentRange  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, 'response', 'testdata', 'golden_typed_headers.json')

GET = {
    "WWW-Authenticate": [
        'Basic realm="app"', 'Basic realm=app', 'Digest realm="x", nonce="abc", qop="auth"',
        'Bearer realm="example", error="invalid_token"', 'Bearer', 'Negotiate abc==', '',
        'Digest username="a, b", realm=x', 'basic realm="x"', 'Newauth realm="apps", type=1',
    ],
    "Retry-After": ['120', ' 60 ', '0', '-5', 'Fri, 31 Dec 1999 23:59:59 GMT', 'soon', '', '1_0'],
    "Content-Range": ['bytes 0-499/1234', 'bytes */1234', 'bytes 0-499/*', 'bytes 5-4/10', 'items 0-1/2', ''],
    "Age": ['10', ' 7 ', 'x', '', '-1', '+3', '1_000'],
}


def get_prop(name, r):
    if name == "WWW-Authenticate":
        v = r.www_authenticate
        if v is None:
            return None
        return [v[0], v[1] if isinstance(v[1], str) else dict(v[1])]
    if name == "Retry-After":
        v = r.retry_after
        if v is None:
            return None
        return {"unix": calendar.timegm(v.utctimetuple())}
    if name == "Content-Range":
        v = r.content_range
        return None if v is None else [v.start, v.stop, v.length, str(v)]
    if name == "Age":
        return r.age


def get_cases():
    out = []
    for name, values in GET.items():
        for v in values:
            r = Response()
            r.headers[name] = v
            try:
                got = get_prop(name, r)
            except Exception as e:  # noqa: BLE001
                got = {"error": type(e).__name__}
            if name == "Retry-After" and isinstance(got, dict) and "unix" in got:
                try:
                    got = {"delta": int(v)}
                except ValueError:
                    pass
            out.append({"header": name, "value": v, "get": got})
    return out


def set_cases():
    out = []

    def rec(prop, value, desc):
        r = Response()
        try:
            setattr(r, prop, value)
            got = r.headers.getall({"www_authenticate": "WWW-Authenticate", "retry_after": "Retry-After",
                                    "content_range": "Content-Range", "age": "Age",
                                    "content_location": "Content-Location", "accept_ranges": "Accept-Ranges",
                                    "server": "Server", "pragma": "Pragma"}[prop])
        except Exception as e:  # noqa: BLE001
            got = {"error": type(e).__name__}
        out.append({"prop": prop, "set": desc, "headers": got})

    rec("www_authenticate", ("Basic", {"realm": "app"}), ["Basic", {"realm": "app"}])
    rec("www_authenticate", ("Digest", {"realm": "x", "nonce": "n"}), ["Digest", {"realm": "x", "nonce": "n"}])
    rec("www_authenticate", ("Negotiate", "abc=="), ["Negotiate", "abc=="])
    rec("retry_after", 120, {"seconds": 120})
    rec("retry_after", datetime.datetime(2030, 1, 2, 3, 4, 5), {"unix": calendar.timegm((2030, 1, 2, 3, 4, 5))})
    rec("content_range", ContentRange(0, 500, 1234), [0, 500, 1234])
    rec("content_range", ContentRange(None, None, 1234), [None, None, 1234])
    rec("age", 30, 30)
    for prop in ("content_location", "accept_ranges", "server", "pragma"):
        rec(prop, "v1", "v1")
    return out


def main():
    data = {"webob_version": "1.8.6", "get": get_cases(), "set": set_cases()}
    with open(OUT, 'w') as f:
        json.dump(data, f, indent=1, sort_keys=True)
        f.write('\n')


if __name__ == '__main__':
    main()
