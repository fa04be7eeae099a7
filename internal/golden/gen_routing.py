#!/usr/bin/python3
"""Generate request/testdata/golden_routing.json from Python WebOb.

Covers the routing helpers of webob.Request: urlvars and urlargs
(wsgiorg.routing_args and paste.urlvars), and path_info_pop with a
pattern. Each case is a starting environ (PATH_INFO, SCRIPT_NAME and
whether paste.urlvars / wsgiorg.routing_args are present) and a script of
operations; after every operation the case records urlvars, urlargs,
SCRIPT_NAME, PATH_INFO and which of the two environ keys exist. Run with:

    /usr/bin/python3 internal/golden/gen_routing.py
"""

import json
import os
import warnings

warnings.simplefilter('ignore')

from webob import Request  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, 'request', 'testdata', 'golden_routing.json')

CASES = [
    {"name": "empty", "start": {}, "ops": [["vars"], ["args"]]},
    {"name": "set vars then args", "start": {},
     "ops": [["set_vars", {"id": "7"}], ["set_args", ["2024", "post"]], ["set_vars", {"slug": "a b"}]]},
    {"name": "set args first", "start": {}, "ops": [["set_args", ["x"]], ["set_vars", {"k": "v"}]]},
    {"name": "paste.urlvars wins", "start": {"paste": {"a": "1"}, "routing": [["p"], {"b": "2"}]},
     "ops": [["vars"], ["set_vars", {"c": "3"}]]},
    {"name": "paste only", "start": {"paste": {"a": "1"}},
     "ops": [["set_vars", {"z": "9"}], ["set_args", ["q"]]]},
    {"name": "routing only", "start": {"routing": [["one", "two"], {"k": "v"}]},
     "ops": [["set_args", []], ["set_vars", {}]]},
    {"name": "pop with pattern", "start": {"path": "/2024/post/x"},
     "ops": [["pop", "[0-9]+$"], ["pop", "[0-9]+$"], ["pop", "po"], ["pop", None], ["pop", None]]},
    {"name": "pop pattern on slashes", "start": {"path": "//a//b/"},
     "ops": [["pop", "a"], ["pop", "c"], ["pop", "b"], ["pop", ""], ["pop", None]]},
]


def state(req, result=None):
    env = req.environ
    return {
        "urlvars": dict(req.urlvars) if ('paste.urlvars' in env or 'wsgiorg.routing_args' in env) else {},
        "urlargs": list(req.urlargs),
        "script_name": req.script_name,
        "path_info": req.path_info,
        "has_paste": 'paste.urlvars' in env,
        "has_routing": 'wsgiorg.routing_args' in env,
        "result": result,
    }


def run(case):
    st = case["start"]
    req = Request.blank(st.get("path", "/"))
    if "paste" in st:
        req.environ['paste.urlvars'] = dict(st["paste"])
    if "routing" in st:
        req.environ['wsgiorg.routing_args'] = (tuple(st["routing"][0]), dict(st["routing"][1]))
    out = []
    for op in case["ops"]:
        result = None
        if op[0] == "set_vars":
            req.urlvars = dict(op[1])
        elif op[0] == "set_args":
            req.urlargs = tuple(op[1])
        elif op[0] == "pop":
            result = req.path_info_pop(op[1])
        out.append(state(req, result))
    return out


def main():
    data = {"webob_version": "1.8.6", "cases": [dict(c, expect=run(c)) for c in CASES]}
    with open(OUT, 'w') as f:
        json.dump(data, f, indent=1, sort_keys=True)
        f.write('\n')


if __name__ == '__main__':
    main()
