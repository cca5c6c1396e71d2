"""A lean tree from a realistic one: the same graph without plugin data and variables (about
0.5 KB a node), where the time goes to the graph algorithms rather than to reading.
usage: python3 benches/lean.py REALISTIC.json LEAN.json"""
import json
import sys

t = json.load(open(sys.argv[1]))
for a in t["activities"].values():
    if isinstance(a.get("component"), dict):
        a["component"]["data"] = {}
    if "constants" in a:
        a["constants"] = {}
t["constants"], t["outputs"] = {}, []
json.dump(t, open(sys.argv[2], "w"), ensure_ascii=False, separators=(",", ":"))
