#!/usr/bin/env python3
"""What boolrule and Mako 1.3.12 say of the expressions bamboo-engine evaluates, for
tests/fixtures/refs/expr_cases.json (the native test `expr_test` compares our EXPR001 and
EXPR002 readings with it):

* boolrule: every branch condition, as the gateways run it (bamboo-engine 3.0.7
  `handlers/exclusive_gateway.py`): its templates (`\\$\\{[^${}#]+\\}`) rendered, here each by
  the one word `v` when Mako compiles it and left as written when not (what the engine's render
  backend does with a compile error), then `BoolRule(text)` (the constructor parses).
* mako: every value string the engine renders (plugin inputs, sub-process parameters,
  variables' values): the whole string compiled by `mako.template.Template`, and each template
  the engine renders compiled alone, as the engine does.

The strings: the real trees (tests/realworld/trees, wrapped ones opened), the trees and patches
of the project's fixtures (tests/fixtures), and the hand-written cases below. Run with
bamboo-engine and Mako installed (the parity suite's venv):
    python tests/parity/expr_cases.py > tests/fixtures/refs/expr_cases.json"""
import glob
import json
import os
import re
import sys
import warnings

from mako.template import Template as MakoTemplate
from bamboo_engine.utils.boolrule import BoolRule

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..")
PATTERN = re.compile(r"\$\{[^${}#]+\}")

CONDITIONS = [
    "1 == 1", "1 == 0", "${x} == 1", "${x} == (", "${status} == (", "(1 == 1", "1 == 1)",
    "((1 == 1))", "(${a} == 1) and (${b} != 2)", "${a} >= 1 and ${b} != \"x\"",
    "${a} in (1, 2, 3)", "${a} notin ('x', 'y')", "${a} in ('x',)", "${a} in ()",
    "${a} issuperset (1, 2)", "${a} notissuperset ${b}", "${a} IN (1)", "a inb",
    "\"a'b\" == ${x}", "'a\"b' == ${x}", "\"a\\\"b\" == ${x}", "\"unterminated == 1",
    "${x} == 'multi\nline'", "${名字} == 1", "中文 == 1", "${x} == \"中文\"",
    "", " ", "*", " * ", "True", "true == ${x}", "TRUE == FALSE", "trueish == 1",
    "false_flag == 1", "${x} == 1 and", "${x} == 1 or", "and ${x} == 1", "${x} == 1 and or ${y} == 2",
    "${x} ==", "== 1", "${x} = 1", "${x} === 1", "${x} <> 1", "${x} =< 1", "${x} => 1",
    "${x} != 1 AND ${y} == 2", "${x} == 1 And ${y} == 2", "1 == 1and 2 == 2", "1 == 1 and2 == 2",
    "-1 == +1", "- 1 == 1", "1.5 == .5", "1. == 1", "1e5 == 1", "1E5 == 1", "1.5e3 == 1",
    "1.5e-3 == 1", "1e-3 == 1", "0x10 == 16", "1_000 == 1000", "a.b.c == 1", "a. b == 1",
    "a .b == 1", "${a.b} == 1", "${_system.task_id} == 1", "_x == 1", "__x == 1", "x_ == 1",
    "$x == 1", "{x} == 1", "${x}} == 1", "${x}${y} == 1", "${x}_suffix == 1", "pre_${x} == 1",
    "\"${x}\" == \"1\"", "${int(x)} > 1", "${x | h} == 1", "${x == 1}", "${x == 1} == True",
    "${ {'a': 1}['a'] } == 1", "${a b} == 1", "${f(} == 1", "${'a'} == 'a'", "${x}==1",
    "${x}\t==\t1", "\t${x} == 1", "${x} == 1\n", "\n${x} == 1", "${x} ==\n1", "${x} == 1 # note",
    "${x} == 1;", "${x} == [1, 2]", "${x} in [1, 2]", "${x} in (1, 2,)", "${x} in (1,, 2)",
    "${x} in ((1, 2))", "(${x}) == 1", "(${x}, ${y}) == (1, 2)", "not ${x} == 1",
    "${x} == None", "${x} == null", "${x} is 1", "${x} >= -1.5", "${x} < 'a' or (${y} > 2 and (${z} in (1, 'x')))",
    "${x} == 1 and (${y} == 2 or ${z} == 3", "${x} == 1 and ${y} == 2)", "()", "(()) == 1",
    "${x} ın (1)", "${x} iſsuperset (1)", "${x} == falſe", "${x} Notin (1)", "${x}\u3000== 1",
    "${x} == ‘a’", "${x} == “a”", "${x}（1）", "(" * 87 + "1 == 1" + ")" * 87,
    "(" * 88 + "1 == 1" + ")" * 88, " and ".join(["a == 1"] * 97), " and ".join(["a == 1"] * 98),
    "(" * 10 + " and ".join(["a == 1"] * 86) + ")" * 10, "(" * 10 + " or ".join(["a == 1"] * 87) + ")" * 10,
    "a == 1 and " + "(" * 86 + "a == 1" + ")" * 86, "a == 1 and " + "(" * 87 + "a == 1" + ")" * 87,
]

VALUES = [
    "${x}", "${x", "abc ${x", "${}", "${ }", "${x}}", "${{x}}", "$${x}", "${x} ${y",
    "${a b}", "${a +}", "${+ a}", "${== a}", "${a ==}", "${a == b}", "${a = 1}", "${a, b}",
    "${(a}", "${a)}", "${a[}", "${a]}", "${a[0]}", "${a[@]}", "${a(1)(2)}", "${f(a, b=1)}",
    "${f(*a, **b)}", "${*a}", "${**a}", "${a * * b}", "${a ** -b}", "${-a}", "${not a}",
    "${a not in b}", "${a not b}", "${a is not b}", "${a and or b}", "${a if b else c}",
    "${a if b}", "${[i for i in x]}", "${(i for i in x)}", "${i for i in x}", "${lambda: 1}",
    "${lambda x: x + 1}", "${(lambda x: x)(1)}", "${f'a{1}'}", "${f'abc'}", "${f'a{x}b'}",
    "${rb'x'}", "${u'x'}", "${x'y'}", "${'a' 'b'}", "${'a' b}", "${1 2}", "${1a}", "${01}",
    "${'unterminated}", "${\"unterminated}", "${'a}' + 'b'}", "${x['}']}", "${\"#\" + a}",
    "${a # comment}", "${x | h}", "${x | h, trim}", "${x | }", "${x || y}", "${x | h | u}",
    "${ {'a': 1} }", "${ {'a': 1}['a'] }", "${[1, 2]}", "${(1, 2)}", "${()}", "${[]}",
    "${a[1:2]}", "${a[:, 1]}", "${a[::2]}", "${a:-default}", "${HOME}", "${var:-x}",
    "${#arr[@]}", "${arr[@]}", "${a?b}", "${a!b}", "${a != b}", "${a;b}", "${a; b}",
    "${`a`}", "${a，b}", "${a（b）}", "${“a”}", "${中文}", "${中文 + 1}", "${a.b.c}",
    "${a.}", "${a..b}", "${...}", "${a.1}", "${1.real}", "${import os}", "${return 1}",
    "${x = 1}", "${a := 1}", "${(a := 1)}", "${a -> b}", "${print x}", "${exec}",
    "${match x}", "${type x}", "${None}", "${True and False}", "${a <> b}", "${a === b}",
    "${a ~ b}", "${~a}", "${a @ b}", "${a\nb}", "${a +\nb}", "${(a +\nb)}", "${a\\\nb}",
    "${'\\n'}", "${a\\b}", "${a}\n${b", "% if x:\nyes\n% endif", "% if x:\nyes", "%% not control",
    "<% x = 1 %>${x}", "<%", "## comment ${x", "a ## b ${x", "line\n  % for i in x:\n${i", "100% ${x",
    "50% off", "${x} 100%", "<%text>${x</%text>", "${x} <%", "$ {x}", "${ x }", "${\tx\t}",
    "${_system.task_id}", "${_system.}", "${_env_a}", "${x.split(',')[0]}", "${int(x) * 2}",
    "${json.loads(x)['k']}", "${len(x) > 0}", "${x.replace('a', 'b')}", "${'%s' % x}",
    "${datetime.datetime.now().strftime('%Y-%m-%d')}", "echo ${HOME}; ls ${DIR:-/tmp}",
    "${x}${y}", "${x${y}}", "${${x}}", "${x}$", "$", "${", "}", "", "${1if x else 2}", "${1 if x else 2}",
    "${1or 2}", "${0x1f}", "${1e5j}", "${1_000}", "${1__0}", "${00}", "${1.5.3}",
]


def boolrule(condition):
    rendered = PATTERN.sub(lambda m: "v" if compiles(m.group(0)) else m.group(0), condition)
    try:
        BoolRule(rendered)
    except Exception as e:  # noqa: BLE001 (ParseException, and ValueError/KeyError/RecursionError)
        loc = getattr(e, "loc", None)
        return rendered, False, loc, message(e)
    return rendered, True, None, ""


def message(e):
    """The exception as text, without what changes from run to run (addresses)."""
    return re.sub(r"0x[0-9a-f]+", "0x", "%s: %s" % (type(e).__name__, str(e)[:300]))


def compiles(template):
    try:
        MakoTemplate(template)
    except Exception:  # noqa: BLE001
        return False
    return True


def mako(s):
    try:
        MakoTemplate(s)
        whole = ""
    except Exception as e:  # noqa: BLE001
        whole = message(e)
    refused = []
    for t in PATTERN.findall(s):
        try:
            MakoTemplate(t)
        except Exception as e:  # noqa: BLE001
            refused.append({"template": t, "message": message(e)})
    return whole, refused


def strings(v, out):
    if isinstance(v, str):
        out.append(v)
    elif isinstance(v, list):
        for x in v:
            strings(x, out)
    elif isinstance(v, dict):
        for x in v.values():
            strings(x, out)


def scan_tree(tree, conds, values):
    for act in (tree.get("activities") or {}).values() if isinstance(tree.get("activities"), dict) else []:
        if not isinstance(act, dict):
            continue
        comp = act.get("component")
        if isinstance(comp, dict):
            for field in ("data", "inputs"):
                items = comp.get(field)
                for item in items.values() if isinstance(items, dict) else []:
                    if isinstance(item, dict) and not (field == "inputs" and item.get("type") == "plain"):
                        strings(item.get("value"), values)
        params = act.get("constants")
        if isinstance(params, dict):
            for p in params.values():
                if isinstance(p, dict):
                    strings(p.get("value"), values)
    for g in (tree.get("gateways") or {}).values() if isinstance(tree.get("gateways"), dict) else []:
        if isinstance(g, dict) and isinstance(g.get("conditions"), dict):
            for c in g["conditions"].values():
                if isinstance(c, dict) and isinstance(c.get("evaluate"), str):
                    conds.append(c["evaluate"])
    consts = tree.get("constants")
    if isinstance(consts, dict):
        for c in consts.values():
            if isinstance(c, dict):
                strings(c.get("value"), values)


def find_trees(v, conds, values, depth=0):
    """Every tree in a JSON value: bare, wrapped, embedded (sub-process pipelines), or held
    as JSON text."""
    if depth > 64:
        return
    if isinstance(v, dict):
        if isinstance(v.get("activities"), dict) or isinstance(v.get("gateways"), dict):
            scan_tree(v, conds, values)
        for x in v.values():
            find_trees(x, conds, values, depth + 1)
    elif isinstance(v, list):
        for x in v:
            find_trees(x, conds, values, depth + 1)
    elif isinstance(v, str) and v.lstrip().startswith("{") and ("activities" in v or "gateways" in v):
        try:
            find_trees(json.loads(v), conds, values, depth + 1)
        except (ValueError, RecursionError):
            pass


def patches(v, conds, values):
    """Strings a fixture's JSON Patch writes into a tree."""
    for op in v.get("patch") or [] if isinstance(v, dict) else []:
        if isinstance(op, dict) and isinstance(op.get("path"), str):
            found = []
            strings(op.get("value"), found)
            if op["path"].endswith("/evaluate"):
                conds.extend(found)
            elif "/value" in op["path"] or "/constants" in op["path"] or "/component" in op["path"]:
                values.extend(found)


def main():
    warnings.simplefilter("ignore")  # Python's SyntaxWarnings on `1if` and the like
    conds, values = list(CONDITIONS), list(VALUES)
    files = sorted(glob.glob(os.path.join(ROOT, "tests", "realworld", "trees", "*.json")))
    files += sorted(glob.glob(os.path.join(ROOT, "tests", "fixtures", "**", "*.json"), recursive=True))
    for path in files:
        if os.sep + "refs" + os.sep in path:
            continue
        try:
            with open(path, encoding="utf-8") as f:
                v = json.load(f)
        except (ValueError, UnicodeDecodeError, RecursionError):
            continue  # not JSON, or hostile inputs nested beyond Python's reader
        find_trees(v, conds, values)
        patches(v, conds, values)
    cases = []
    seen = set()
    for s in conds:
        if ("boolrule", s) in seen:
            continue
        seen.add(("boolrule", s))
        rendered, ok, loc, message = boolrule(s)
        cases.append({"string": s, "library": "boolrule", "rendered": rendered, "accepted": ok,
                      "loc": loc, "message": message})
    for s in values:
        if "${" not in s and "%" not in s and s not in VALUES:
            continue
        if ("mako", s) in seen:
            continue
        seen.add(("mako", s))
        whole, refused = mako(s)
        cases.append({"string": s, "library": "mako", "accepted": not whole and not refused,
                      "message": whole, "templates": refused})
    json.dump({"mako": __import__("mako").__version__, "bamboo_engine": "3.0.7", "cases": cases},
              sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
