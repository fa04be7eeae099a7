#!/usr/bin/python3
"""Generate header/testdata/golden_accept.json from Python WebOb.

For each header value (None = header absent) of the four content-negotiation
headers, record what WebOb 1.8.6's webob.acceptparse decides: the class it
makes (valid / no header / invalid), and for a fixed set of offer lists
best_match, acceptable_offers (Accept, Accept-Charset, Accept-Encoding) or
basic_filtering and lookup(default_tag='zz'), with default_range too
(Accept-Language), plus quality for every offer that appears in those lists,
best_match with server quality values (SERVER_Q) and the parsed elements.

Layout: "offer_lists"[kind] are the offer lists and "quality_offers"[kind]
the distinct offers in them; each case's "results"[i] belongs to
offer_lists[kind][i] and "quality"[j] (null = None) to quality_offers[kind][j].

Strings are Latin-1 (WSGI header values); the Go test turns each character of
a JSON string back into one byte.

Deterministic: fixed lists plus a seeded random.Random.
Run with:  /usr/bin/python3 internal/golden/gen_accept.py
"""

import json
import os
import random
import warnings

warnings.simplefilter('ignore')

from webob.acceptparse import (  # noqa: E402
    create_accept_charset_header,
    create_accept_encoding_header,
    create_accept_header,
    create_accept_language_header,
)

try:
    from importlib.metadata import version as _pkg_version
    WEBOB_VERSION = _pkg_version('WebOb')
except Exception:  # pragma: no cover
    WEBOB_VERSION = '1.8.6'

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, 'header', 'testdata', 'golden_accept.json')

CHROME = ('text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,'
          'image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7')
FIREFOX = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'

ACCEPT_HEADERS = [
    None, '', '*/*', 'text/html', 'text/html;q=0', 'text/*', 'TEXT/HTML', 'TEXT/*',
    'text/*;q=0.5, text/html', 'text/html, application/xhtml+xml, application/xml;q=0.9, */*;q=0.8',
    CHROME, FIREFOX, 'application/json', 'text/html;level=1',
    'text/html;level=1, text/html;q=0.5', 'text/html;Level=1', 'text/html;level=1;q=0',
    'text/html;Q=0.5', 'text/html ; q=0.5', 'text/html;\tq=0.5', 'text/html;q=0.5 ; ext=1',
    'text/html;q=1.000', 'text/html;q=1.0001', 'text/html;q=0.1234', 'text/html;q=2',
    'text/html;q=', 'text/html;q=.5', 'text/html;q=0.', 'text/html;q=1.', 'text/html;q=0.50',
    'text/html;q=1.5', ' text/html', 'text/html ', 'text/html,', 'text/html, ', 'text/html ,',
    ',', ',,', ',text/html', ',,text/html', ', ,text/html', 'text/html ,application/json',
    'text/html,,application/json', 'text/html, ,application/json', '\n', 'text/html\n',
    'text/html\n\n', 'text/html\r\n', 'text', 'text/', '/html', 'text/html/x', 'text/html;',
    'text/html;a', 'text/html;a=', 'text/html;charset="utf-8"', 'text/html;charset=UTF-8;q=0.7',
    'text/html; charset=utf-8', 'text/html;charset=utf-8', 'text/html;a="b c"',
    'text/html;a="x\\"y"', 'text/html;a=""', 'text/html;a="\\a"', 'text/html;a="\\\\"',
    'text/html;a="\xe9"', 'text/html;a="\xc9"', 'text/html;a="b', 'text/html;a="\\\x01"',
    'text/html;a="x/y"', 'text/html;a="*"', 'text/html;a=b;q=0.5;ext;ext2="q"',
    'text/html;q=0.5;q=0.3', 'text/html;q=0.5;ext=', 'text/html;q=0.5;ext="unterminated',
    '*/*;q=0', '*/*, text/html;q=0', 'text/html;q=0, */*', 'image/*;q=0.5, image/png',
    '*/html', '*/html, text/*;q=0.3', 'text/*;level=1', '*/*;q=0.001', '*;q=0.5', '*',
    'a/b;q=0.5;c=d, e/f', 'text/html;q=0.8, text/html;q=0.9', 'text/plain;format=flowed, text/plain;q=0.4',
    'application/xhtml+xml', 'text/xml;q=0', 'text/html\tx', 'text/html,\ttext/plain',
    'application/signed-exchange;v=b3;q=0.7', 'text/html;q=0.5, text/plain;q=0.5, */*;q=0.5',
    '**/*', 'text/html;x=*', 'text/html;x=*, */*', 'text/html;q=0.5, text/*;q=0.5, */*;q=0.5',
    'image/png, image/*;q=0.8, */*;q=0.5', 'text/html;charset=utf-8;q=0.1, text/html;q=0.9',
    'text/html;charset=UTF-8, text/html;charset=utf-8;q=0.5',
    'text/html;q=0;a=b, text/plain', 'text/html;a=b;c=d', 'text/html;c=d;a=b',
    'application/json;q=0.9, application/*;q=0.2, */*;q=0.1',
    ', '.join('type%d/sub%d;q=0.%d' % (i, i, i % 10) for i in range(60)),
    ','.join('x%d/y' % i for i in range(100)),
]

ACCEPT_OFFERS = [
    [], ['text/html'], ['text/html', 'application/json'], ['application/json', 'text/html'],
    ['text/plain', 'text/html', 'image/png'], ['text/html;level=1', 'text/html'],
    ['TEXT/HTML', 'text/html'], ['text/html', 'text/html'], ['text/*', '*/*', 'text/html'],
    ['text/html;q=1', 'text/html;charset=utf-8', 'text/html;Q=0.5'],
    ['image/png', 'image/jpeg', 'image/webp'],
    ['application/xhtml+xml', 'application/xml', 'text/xml'],
    ['text/html;charset=UTF-8', 'text/html;charset=utf-8', 'text/html;CHARSET="utf-8"'],
    ['*', 'text/html'], ['text/html;a="x\\"y"', 'text/html;a=b', 'text/html; a=b'],
    ['text', 'text/plain;format=flowed', 'text/html\n', ''],
    ['a/b;c=d', 'e/f', 'type5/sub5', 'x99/y'], ['text/html;a=\xe9', 'text/html;a="\xe9"', 'text/html;a="\xc9"'],
    ['text/html;a=b;c=d', 'text/html;c=d;a=b', 'text/html;a="b c"', 'text/html;a=""'],
    ['application/json', 'application/xml', 'text/html;x=*', '*/html'],
]

CHARSET_HEADERS = [
    None, '', '*', 'utf-8', 'UTF-8', 'utf-8, iso-8859-1;q=0.5', 'iso-8859-5, unicode-1-1;q=0.8',
    'utf-8;q=0', '*;q=0', 'utf-8, *;q=0', '*, utf-8;q=0', 'utf-8;q=0.5, *;q=0.7', ',utf-8',
    ', utf-8', ',,utf-8', 'utf-8,', 'utf-8, ', ' utf-8', 'utf-8 ', 'utf-8;Q=0.3', 'utf-8 ; q=0.3',
    'utf-8;q=1.1', 'utf-8;level=1', 'utf-8;q=0.5, utf-8;q=0.9', 'utf-8;q=0, utf-8', 'utf-*',
    'utf-*, utf-8;q=0.5', '\n', 'utf-8\n', 'a,,b', 'a, ,b', ',', 'iso-8859-1;q=0.333, utf-8;q=0.334',
    'utf-8;q=0.', 'utf-8;q=1.000', 'Windows-1252', 'utf-8,*', '*;q=0.5, *', '**;q=0.5, *;q=0.5',
    'utf-8;q=0.5, iso-8859-1;q=0.5', 'utf-8\t;q=0.1', 'utf\xe9', '"utf-8"',
    ', '.join('cs%d;q=0.%02d' % (i, i) for i in range(99)),
]

CHARSET_OFFERS = [
    [], ['utf-8'], ['utf-8', 'iso-8859-1'], ['iso-8859-1', 'utf-8'], ['UTF-8'], ['*'],
    ['windows-1252', 'utf-8', 'ascii'], ['utf-8', 'utf-8'], ['unicode-1-1', 'iso-8859-5'],
    ['utf-*', 'utf-8'], [''], ['cs5', 'cs50', 'cs98'], ['UTF\xc9', 'utf\xe9'],
]

ENCODING_HEADERS = [
    None, '', 'gzip', 'gzip, deflate, br', '*', '*;q=0', 'identity', 'identity;q=0', 'gzip;q=0',
    'identity;q=0.5, *;q=0', '*;q=0, identity', 'gzip;q=1.0, identity; q=0.5, *;q=0',
    'compress, gzip', 'br;q=1.0, gzip;q=0.8, *;q=0.1', 'GZIP', ',', ',gzip', ',,gzip', 'gzip,',
    'gzip, ', 'gzip;q=0.5, gzip;q=1', '\n', 'deflate;q=0.5, gzip', 'IDENTITY;q=0', '*;q=0.3',
    'gzip;q=0, *', 'gzip, *;q=0.2, identity;q=0.1', ' gzip', 'gzip ', 'gzip;q=1.01',
    'gzip;level=9', '*;q=0, *;q=0.5', 'x-gzip, gzip;q=0.5', 'gzip\n',
    ', '.join('enc%d;q=0.%03d' % (i, i * 7) for i in range(100)),
]

ENCODING_OFFERS = [
    [], ['gzip'], ['identity'], ['gzip', 'identity'], ['identity', 'gzip'], ['br', 'gzip', 'deflate'],
    ['GZIP', 'Identity'], ['*'], ['gzip', 'gzip'], ['x-gzip', 'compress'], ['enc3', 'enc99', 'identity'],
]

LANGUAGE_HEADERS = [
    None, '', '*', 'en', 'en-US', 'en-US,en;q=0.9,fr;q=0.8', 'fr-CA;q=0, fr', 'EN-us',
    'de-DE, fr;q=0.2', 'en;q=0.5, *;q=0', '*;q=0, en', '*;q=0, *;q=0.5', '*, *;q=0',
    'zh-Hant-CN-x-private1-private2', 'en-a-bbb-x-a-ccc', 'sr-Latn-RS', 'en;q=0, en-US',
    'en-gb;q=0.8, en;q=0.7', 'en-GB, en-US;q=0.9', 'da, en-gb;q=0.8, en;q=0.7', 'abcdefgh',
    'abcdefghi', 'en-abcdefgh', 'en-abcdefghi', 'en_US', '1en', 'en-1', ', en', ',en', 'en,',
    'en, ', ',', 'en;q=0.5, en;q=0.9', 'en;Q=0.3', 'en ;q=0.3', 'en\n', 'zz;q=0, en', 'ZZ;q=0',
    'x-a-b', 'a-b', 'en-*', '*-en', 'de-CH-1996', 'i-klingon', 'zh-Hans;q=0.9, zh;q=0.8, *;q=0.1',
    'de;q=0.001', 'en-US;q=0.5, en;q=0.5, fr;q=0.5', 'fr, en;q=0, en-gb', 'en-gb, en;q=0',
    'en;q=1.0, fr;q=1.', 'fr;q=0.8, *;q=0.9', 'en-US-x-twain', 'x-y-z;q=0.5, a-b',
    'en - US', 'en;q=0.5 ,de', 'en,\tde', 'en;q=0.7, EN;q=0.3', 'en-\xe9',
    ', '.join('l%s;q=0.%d' % (chr(97 + i % 26) * (1 + i // 26), 9 - i % 10) for i in range(80)),
]

LANGUAGE_OFFERS = [
    [], ['en'], ['en-US', 'en'], ['en-GB', 'en-US', 'fr'], ['fr', 'de', 'en'], ['fr-CA', 'fr-FR', 'fr'],
    ['en_US', 'en_GB'], ['EN', 'en-us'], ['zh-Hant', 'zh-Hant-CN', 'zh'], ['de-DE', 'de-CH', 'de'],
    ['', 'x', 'x-a'], ['*'], ['sr-Latn', 'sr'], ['en-a-bbb', 'en-a', 'en'], ['zz', 'en'],
    ['da', 'en-gb', 'en-GB-oed'], ['la', 'lb', 'laa', 'lzz'], ['x-y', 'a'],
]


def random_headers(rng, pieces, joiners, n):
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(1, 4)):
            elem = rng.choice(pieces[0])
            for _ in range(rng.randint(0, 2)):
                elem += rng.choice(pieces[1])
            parts.append(elem)
        h = parts[0]
        for p in parts[1:]:
            h += rng.choice(joiners) + p
        out.append(h)
    return out


RNG = random.Random(20240611)
JOINERS = [',', ', ', ' ,', ',,', ' , ', '\t,', ';', ' ', ',\t']
ACCEPT_HEADERS += random_headers(RNG, (
    ['text/html', 'text/*', '*/*', 'a/b', 'TEXT/Plain', 'image/png', 'x', '*', 'q/r'],
    [';q=0', ';q=0.5', ';Q=1', ';level=1', ';a="x y"', ' ; a=b', ';q=0.1234', ';', '=', '"',
     ';ext', ';q=1.0', ';q=0.25;e="\\""', '; q=0.3', ';a=\t'],
), JOINERS, 40)
CHARSET_HEADERS += random_headers(RNG, (
    ['utf-8', 'UTF-8', '*', 'iso-8859-1', 'a', 'x*', '?', ''],
    [';q=0', ';q=0.5', ';Q=1', ' ; q=0.2', ';q=0.1234', ';', ';a=b', ';q=1.'],
), JOINERS, 30)
ENCODING_HEADERS += random_headers(RNG, (
    ['gzip', 'GZIP', '*', 'identity', 'br', 'deflate', '', '@'],
    [';q=0', ';q=0.5', ';Q=1', ' ; q=0.2', ';q=0.1234', ';', ';q=1.00'],
), JOINERS, 30)
LANGUAGE_HEADERS += random_headers(RNG, (
    ['en', 'en-US', '*', 'fr-CA', 'zh-Hant-TW', 'de', 'x-a-b', 'i', '1', 'en-', 'abcdefghij'],
    [';q=0', ';q=0.5', ';Q=1', ' ; q=0.2', ';q=0.1234', ';', '-x', '-12345678', '-123456789'],
), JOINERS, 40)


def qlist(pairs):
    return [[o, q] for o, q in pairs]


def distinct(lists):
    seen = []
    for lst in lists:
        for o in lst:
            if o not in seen:
                seen.append(o)
    return seen


# Server quality values given to the offers of a list, in turn, for
# best_match with (offer, server_quality) pairs.
SERVER_Q = [1, 0.5, 0.9, 0.25, 0.7, 0, 1]


def with_server_q(offers):
    return [(o, SERVER_Q[i % len(SERVER_Q)]) for i, o in enumerate(offers)]


def parsed(obj):
    """parsed as JSON: None, [value, q] pairs, or for Accept
    [range, q, params, extensions] with each extension a string (no value)
    or a [name, value] pair."""
    p = obj.parsed
    if p is None:
        return None
    out = []
    for item in p:
        if len(item) == 2:
            out.append([item[0], item[1]])
        else:
            rng, q, params, exts = item
            out.append([rng, q, [list(x) for x in params],
                        [x if isinstance(x, str) else list(x) for x in exts]])
    return out


def parse_offers():
    """Accept.parse_offer for every Accept offer and a few more: [type,
    subtype, params, str(offer)] or {"error": "ValueError"}."""
    from webob.acceptparse import Accept
    extra = ['TEXT/HTML;Charset=UTF-8', 'text/html ; a=b', 'text/html;a="b c"', 'text/html;a=""',
             '*/*', 'text/*', '*/html', 'text/html;q=1', 'text/html\n', 'text', '', 'a/b;c="\\\\d\\e"',
             'application/vnd.api+json;ext="https://jsonapi.org/ext/atomic"']
    out = []
    for o in distinct(ACCEPT_OFFERS) + extra:
        try:
            r = Accept.parse_offer(o)
            out.append({'offer': o, 'parsed': [r.type, r.subtype, [list(p) for p in r.params], str(r)]})
        except ValueError:
            out.append({'offer': o, 'parsed': {'error': 'ValueError'}})
    return out


ADD_VALUES = {
    'accept': [None, 'text/html', '', 'bad header', ',', 'text/plain;q=0.5, */*;q=0.1'],
    'accept_charset': [None, 'utf-8', '', 'bad header', ',', 'iso-8859-1;q=0.5'],
    'accept_encoding': [None, 'gzip', '', 'bad header', ',', 'br;q=0.5, *;q=0'],
    'accept_language': [None, 'en', '', 'bad header', ',', 'fr-CA;q=0.5, *;q=0.1'],
}


def adds():
    """a + b for header objects of each kind: [a, b, class, header_value]."""
    create = {'accept': create_accept_header, 'accept_charset': create_accept_charset_header,
              'accept_encoding': create_accept_encoding_header,
              'accept_language': create_accept_language_header}
    out = {}
    for kind, values in ADD_VALUES.items():
        out[kind] = []
        for a in values:
            for b in values:
                r = create[kind](a) + create[kind](b)
                out[kind].append([a, b, type(r).__name__, r.header_value])
    return out


def case(kind, header, obj, offer_lists, per_list):
    return {
        'kind': kind,
        'header': header,
        'class': type(obj).__name__,
        'results': [dict(per_list(obj, offers), best_match_q=obj.best_match(with_server_q(offers)))
                    for offers in offer_lists],
        'quality': [obj.quality(o) for o in distinct(offer_lists)],
        'parsed': parsed(obj),
    }


def main():
    cases = []
    for h in ACCEPT_HEADERS:
        a = create_accept_header(h)
        c = case('accept', h, a, ACCEPT_OFFERS, lambda a, o: {
            'best_match': a.best_match(o),
            'acceptable': qlist(a.acceptable_offers(o)),
        })
        c['accept_html'] = a.accept_html()
        cases.append(c)
    for kind, create, headers, offers in (
        ('accept_charset', create_accept_charset_header, CHARSET_HEADERS, CHARSET_OFFERS),
        ('accept_encoding', create_accept_encoding_header, ENCODING_HEADERS, ENCODING_OFFERS),
    ):
        for h in headers:
            cases.append(case(kind, h, create(h), offers, lambda a, o: {
                'best_match': a.best_match(o),
                'acceptable': qlist(a.acceptable_offers(o)),
            }))
    for h in LANGUAGE_HEADERS:
        cases.append(case('accept_language', h, create_accept_language_header(h), LANGUAGE_OFFERS,
                          lambda a, o: {
                              'best_match': a.best_match(o),
                              'basic_filtering': qlist(a.basic_filtering(o)),
                              'lookup': a.lookup(o, default_tag='zz'),
                              'lookup_range': a.lookup(o, default_range='en-GB-oed', default_tag='zz'),
                              'lookup_range_only': a.lookup(o, default_range='fr-CA-x-y', default='(default)'),
                          }))
    offer_lists = {
        'accept': ACCEPT_OFFERS, 'accept_charset': CHARSET_OFFERS,
        'accept_encoding': ENCODING_OFFERS, 'accept_language': LANGUAGE_OFFERS,
    }
    # One case per line keeps the file small and its diffs readable.
    with open(OUT, 'w') as f:
        f.write('{"webob_version": %s,\n' % json.dumps(WEBOB_VERSION))
        f.write(' "offer_lists": %s,\n' % json.dumps(offer_lists, sort_keys=True))
        f.write(' "quality_offers": %s,\n' % json.dumps(
            {k: distinct(v) for k, v in offer_lists.items()}, sort_keys=True))
        f.write(' "parse_offer": %s,\n' % json.dumps(parse_offers(), sort_keys=True))
        f.write(' "add": %s,\n' % json.dumps(adds(), sort_keys=True))
        f.write(' "cases": [\n')
        f.write(',\n'.join('  ' + json.dumps(c, sort_keys=True) for c in cases))
        f.write('\n ]}\n')
    print('wrote %d cases to %s' % (len(cases), OUT))


if __name__ == '__main__':
    main()
