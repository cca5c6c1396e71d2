#!/usr/bin/env python3
"""Writes src/variables/plugins.json, the default plugin catalogue compiled into the core, from the
reference catalogue of SOPS's and BKFlow's built-in plugins (plugins.json: bk-sops 1c5e18d,
BKFlow 0e6918a; see its plugins.md). Keeps what the editor reads: each plugin's code, name,
group and platform; per version its inputs (key, type, name, required, hookable, default,
options, multiple, variable_render, hidden) and outputs (key, name, type), in order.
usage: python3 scripts/plugins.py REFERENCE/plugins.json > src/variables/plugins.json"""
import json
import sys

INPUT = ["key", "type", "name", "required", "hookable", "default", "options", "multiple",
         "variable_render", "hidden"]


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        ref = json.load(f)
    plugins = []
    for p in ref["plugins"]:
        versions = {}
        for v, body in p["versions"].items():
            entry = {
                "inputs": [{k: i[k] for k in INPUT if k in i} for i in body.get("inputs", [])],
                "outputs": [{k: o[k] for k in ("key", "name", "type") if k in o}
                            for o in body.get("outputs", [])],
            }
            if body.get("is_default_version"):
                entry["is_default_version"] = True
            versions[v] = entry
        plugins.append({"code": p["code"], "name": p["name"], "group": p.get("group"),
                        "platform": p["platform"], "versions": versions})
    out = {"about": ref["about"], "plugins": plugins}
    sys.stdout.write(json.dumps(out, ensure_ascii=False, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
