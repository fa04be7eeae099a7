#!/usr/bin/python3
"""Generate cookies/testdata/golden_cookies.json from Python WebOb.

Covers webob.cookies' serializers and cookie profiles: SignedSerializer
(several secrets, salts and hash algorithms, latin-1 and non-latin-1
secrets), Base64Serializer and JSONSerializer, and the Set-Cookie headers of
CookieProfile and SignedCookieProfile (get_headers, deletion with None,
domains, flags), with the value each profile reads back from a request's
Cookie header (get_value).

Bytes are written as base64 ("*_b64" keys). A failed loads is recorded as
{"error": "<ExceptionClassName>"}. No clock is used: the profiles' cases
have no max_age (whose expires date depends on the time). Run with:

    /usr/bin/python3 internal/golden/gen_cookies.py
"""

import base64
import json
import os
import warnings

warnings.simplefilter('ignore')

from webob import Request  # noqa: E402
from webob.cookies import (  # noqa: E402
    SignedSerializer, Base64Serializer, JSONSerializer,
    CookieProfile, SignedCookieProfile,
)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, 'cookies', 'testdata', 'golden_cookies.json')


def b64(b):
    return base64.b64encode(b).decode('ascii')


VALUES = [
    {"user": "ada", "roles": ["admin", "dev"]},
    "plain",
    42,
    None,
    [1, 2.5, True],
    {"name": "Zoë ✓", "quote": "a\"b\\c"},
    {},
]

SECRETS = [
    ("seekrit", "salty", "sha512"),
    ("seekrit", "", "sha512"),
    ("a" * 64, "authtkt", "sha256"),
    ("sécret", "sålt", "sha512"),      # latin-1: WebOb encodes as latin-1
    ("秘密", "salt", "sha1"),           # not latin-1: UTF-8
    ("k", "s", "md5"),
    ("k", "s", "sha384"),
    ("k", "s", "sha224"),
]


def loads(ser, s):
    try:
        return {"value": ser.loads(s)}
    except Exception as e:  # noqa: BLE001
        return {"error": type(e).__name__}


def signed_cases():
    out = []
    for secret, salt, alg in SECRETS:
        ser = SignedSerializer(secret, salt, hashalg=alg)
        for v in VALUES:
            signed = ser.dumps(v)
            out.append({
                "secret": secret, "salt": salt, "hashalg": alg,
                "cstruct_b64": b64(JSONSerializer().dumps(v)),
                "value": v,
                "signed": signed.decode('ascii'),
                "loads": loads(ser, signed),
            })
    return out


def signed_bad():
    ser = SignedSerializer("seekrit", "salty")
    good = ser.dumps({"a": 1}).decode('ascii')
    inputs = [
        good[:-1] + ('A' if good[-1] != 'A' else 'B'),   # tampered payload
        'B' + good[1:] if good[0] != 'B' else 'C' + good[1:],  # tampered signature
        good[:10],                                       # truncated
        "",
        "!!!!",
        good + "=",                                      # extra padding
        good + "==",
        SignedSerializer("other", "salty").dumps({"a": 1}).decode('ascii'),
        SignedSerializer("seekrit", "other").dumps({"a": 1}).decode('ascii'),
        base64.urlsafe_b64encode(b"x" * 80).decode('ascii').rstrip('='),  # right length, bad sig
    ]
    return [{"secret": "seekrit", "salt": "salty", "hashalg": "sha512", "input": i,
             "loads": loads(ser, i.encode('ascii'))} for i in inputs]


def base64_cases():
    ser = Base64Serializer()
    out = []
    for v in VALUES:
        d = ser.dumps(v)
        out.append({"value": v, "dumps": d.decode('ascii'), "loads": loads(ser, d)})
    for bad in ["", "e30", "e30=", "!!!!", "bm90IGpzb24="]:
        out.append({"input": bad, "loads": loads(ser, bad.encode('ascii'))})
    return out


PROFILES = [
    {"name": "session"},
    {"name": "session", "secure": True, "httponly": True, "samesite": "lax"},
    {"name": "session", "path": "/app", "domains": ["example.com", ".example.org"]},
    {"name": "auth", "samesite": "none", "secure": True},
]


def profile_cases():
    out = []
    for signed in (False, True):
        for p in PROFILES:
            kw = dict(secure=p.get("secure", False), httponly=p.get("httponly"),
                      samesite=p.get("samesite"), path=p.get("path", "/"),
                      domains=p.get("domains"))
            if signed:
                prof = SignedCookieProfile("seekrit", "salty", p["name"], **kw)
            else:
                prof = CookieProfile(p["name"], **kw)
            for v in [{"user": "ada"}, "x", None]:
                headers = [h[1] for h in prof.get_headers(v)]
                case = {"signed": signed, "profile": p, "value": v, "headers": headers}
                if v is not None:
                    # The value the profile reads back from a request that
                    # sends the cookie it set.
                    cookie_value = headers[0].split(";")[0].split("=", 1)[1]
                    req = Request.blank("/", headers={"Cookie": "%s=%s" % (p["name"], cookie_value)})
                    case["cookie"] = "%s=%s" % (p["name"], cookie_value)
                    case["get_value"] = prof.bind(req).get_value()
                out.append(case)
            # Missing and garbled cookies read back as None.
            for cookie in ["", "%s=garbage" % p["name"], "other=1"]:
                req = Request.blank("/", headers={"Cookie": cookie} if cookie else None)
                out.append({"signed": signed, "profile": p, "cookie": cookie,
                            "get_value": prof.bind(req).get_value(), "read_only": True})
    return out


def main():
    import webob
    data = {
        "webob_version": webob.__version__ if hasattr(webob, '__version__') else "1.8.6",
        "signed": signed_cases(),
        "signed_bad": signed_bad(),
        "base64": base64_cases(),
        "profiles": profile_cases(),
    }
    with open(OUT, 'w') as f:
        json.dump(data, f, indent=1, sort_keys=True, ensure_ascii=False)
        f.write('\n')


if __name__ == '__main__':
    main()
