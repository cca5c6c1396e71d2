#!/usr/bin/env python3
"""The names SOPS's editor counts in each string (variables-spec §3.2: the pattern
`\\$\\{[^$#]+\\}`, `_system.` read as part of a name, each template's undeclared identifiers from
Mako's lexer and codegen), for tests/fixtures/refs/mako_names.json: the strings of the real
trees' places SOPS scans (plugin inputs, sub-process parameters, conditions, variables' values)
and the examples of the spec. Run with Mako installed (the parity suite's venv):
    python tests/parity/mako_names.py > tests/fixtures/refs/mako_names.json
The native test `variables_test` reads the file and compares our reading with it."""
import glob
import json
import os
import re
import sys

from mako import codegen
from mako.exceptions import MakoException
from mako.lexer import Lexer

PATTERN = re.compile(r"\$\{[^$#]+\}")
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "realworld", "trees")

EXAMPLES = [
    "${a}", "${a + b}", "${a.b}", "${a['k']}", "${a.flat__col}", "${a|h}", "${int(a)}",
    "${x if y else z}", "${[i for i in lst]}", "${True}", "${context}", "${1a}", '${"#"+a}',
    "$${a}", "${a}${b}", "${a} and {x}", "${_system.task_id}", "${x_system.y}",
    "${ {'k': v}['k'] }", "${f(a}", "${(lambda q: q + w)(1)}", "${a | custom_filter}",
    "${f(k=v)}", "${a == 'x' and not b}", "${'}'}", "${ip.split(',')[0]}", "${loop}",
    "${a|n}", "${a|str}", "${str(a)}", "${a | h, trim}", "${x}", "${ {1: 2} }",
]


def names(s):
    out = []
    for tpl in PATTERN.findall(s):
        tpl = tpl.replace("_system.", "_system点")
        try:
            node = Lexer(tpl).parse()
        except MakoException:
            continue
        compiler = lambda: None  # noqa: E731 (codegen._Identifiers wants an object)
        compiler.reserved_names = set()
        found = codegen._Identifiers(compiler, node).undeclared
        # each template's names once, in the order they first appear in it
        ordered = sorted(found, key=lambda n: (tpl.find(n.replace("_system点", "_system.")), n))
        out.extend(n.replace("_system点", "_system.") for n in ordered)
    return out


def strings(v, out):
    if isinstance(v, str):
        if "${" in v:
            out.append(v)
    elif isinstance(v, list):
        for x in v:
            strings(x, out)
    elif isinstance(v, dict):
        for x in v.values():
            strings(x, out)


def scanned(tree, out):
    if not isinstance(tree, dict):
        return
    for act in (tree.get("activities") or {}).values():
        if not isinstance(act, dict):
            continue
        comp = act.get("component")
        if isinstance(comp, dict):
            for field in ("data", "inputs"):
                for item in (comp.get(field) or {}).values() if isinstance(comp.get(field), dict) else []:
                    if isinstance(item, dict):
                        strings(item.get("value"), out)
        params = act.get("constants")
        if isinstance(params, dict):
            for p in params.values():
                if isinstance(p, dict):
                    strings(p.get("value"), out)
        scanned(act.get("pipeline"), out)
    for g in (tree.get("gateways") or {}).values():
        if isinstance(g, dict) and isinstance(g.get("conditions"), dict):
            for c in g["conditions"].values():
                if isinstance(c, dict):
                    strings(c.get("evaluate"), out)
    consts = tree.get("constants")
    if isinstance(consts, dict):
        for c in consts.values():
            if isinstance(c, dict):
                strings(c.get("value"), out)


def main():
    found = list(EXAMPLES)
    for path in sorted(glob.glob(os.path.join(ROOT, "*.json"))):
        with open(path, encoding="utf-8") as f:
            scanned(json.load(f), found)
    seen, cases = set(), []
    for s in found:
        if s not in seen:
            seen.add(s)
            cases.append({"string": s, "names": names(s)})
    json.dump({"mako": __import__("mako").__version__, "cases": cases}, sys.stdout,
              ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
