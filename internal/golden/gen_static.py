#!/usr/bin/python3
"""Generate middleware/testdata/golden_static.json from Python WebOb.

Builds a small tree of files in a temporary directory (the same tree the Go
test builds), serves it with webob.static.DirectoryApp under several
options (the default, index_page='home.htm', index_page=None and
hide_index_with_redirect=True) and records, for each request path, the
status, the Location and the body. Run with:

    /usr/bin/python3 internal/golden/gen_static.py
"""

import json
import os
import tempfile
import warnings

warnings.simplefilter('ignore')

from webob import Request  # noqa: E402
from webob.static import DirectoryApp  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, 'middleware', 'testdata', 'golden_static.json')

TREE = {
    "index.html": "root index",
    "home.htm": "root home",
    "sub/index.html": "sub index",
    "sub/page.html": "sub page",
    "other/home.htm": "other home",
    "empty/.keep": "",
}

OPTIONS = [
    ("default", {}),
    ("index_page", {"index_page": "home.htm"}),
    ("no_index", {"index_page": None}),
    ("hide_index", {"hide_index_with_redirect": True}),
    ("hide_index_page", {"index_page": "home.htm", "hide_index_with_redirect": True}),
]

PATHS = ["/", "/sub", "/sub/", "/sub/?q=1", "/sub/index.html", "/sub/index.html?x=1", "/sub/page.html",
         "/index.html", "/home.htm", "/other/", "/other", "/other/home.htm", "/empty/", "/missing",
         "/missing/index.html"]


def main():
    cases = []
    with tempfile.TemporaryDirectory() as d:
        for name, content in TREE.items():
            p = os.path.join(d, name)
            os.makedirs(os.path.dirname(p), exist_ok=True)
            with open(p, "w") as f:
                f.write(content)
        for oname, kw in OPTIONS:
            app = DirectoryApp(d, **kw)
            for path in PATHS:
                resp = Request.blank(path).get_response(app)
                body = resp.body.decode() if resp.status_int == 200 else ""
                cases.append({"options": oname, "path": path, "status": resp.status_int,
                              "location": resp.location, "body": body})
    with open(OUT, 'w') as f:
        json.dump({"webob_version": "1.8.6", "tree": TREE, "options": dict(OPTIONS), "cases": cases},
                  f, indent=1, sort_keys=True)
        f.write('\n')


if __name__ == '__main__':
    main()
