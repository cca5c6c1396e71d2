"""Compares `pipeline-tree layout --jsonl` with the reference, tree by tree.

usage: python3 compare.py TREES REFERENCE OURS --label NAME
Where the reference draws a tree, ours must give the same `location` and `line`, key order
and number spelling included. Where the reference raises (inputs the original cannot lay
out), ours must still draw every node and every flow whose ends exist. Prints one summary
line and the first differences; exits 1 on any difference.
"""
import json
import sys


def main():
    trees_path, ref_path, ours_path = sys.argv[1:4]
    label = sys.argv[sys.argv.index("--label") + 1] if "--label" in sys.argv else ref_path
    with open(trees_path) as t, open(ref_path) as r, open(ours_path) as o:
        trees, refs, ours = t.read().splitlines(), r.read().splitlines(), o.read().splitlines()
    if not (len(trees) == len(refs) == len(ours)):
        print("%s: line counts differ: %d trees, %d reference, %d ours" % (label, len(trees), len(refs), len(ours)))
        return 1
    same = refused = bad = 0
    shown = 0
    for i, (tree_text, ref_text, our_text) in enumerate(zip(trees, refs, ours)):
        ref, our = json.loads(ref_text), json.loads(our_text)
        problem = None
        if "error" in our:
            problem = "ours failed: %s" % our["error"]
        elif "error" in ref:
            tree = json.loads(tree_text)
            problem = complete(tree, our)
            refused += problem is None
        elif ref_text != our_text:
            problem = first_difference(ref, our)
        else:
            same += 1
        if problem:
            bad += 1
            if shown < 5:
                shown += 1
                print("%s: tree %d: %s" % (label, i + 1, problem))
    print("%s: %d trees, %d identical, %d refused by the reference and drawn completely, %d wrong"
          % (label, len(trees), same, refused, bad))
    return 1 if bad else 0


def complete(tree, our):
    ids = set(tree.get("activities", {})) | set(tree.get("gateways", {}))
    for k in ("start_event", "end_event"):
        if isinstance(tree.get(k), dict) and "id" in tree[k]:
            ids.add(tree[k]["id"])
    placed = [l["id"] for l in our["location"]]
    if sorted(placed) != sorted(ids):
        return "locations do not match the nodes"
    want = [k for k, f in tree.get("flows", {}).items() if f.get("source") in ids and f.get("target") in ids]
    drawn = [l["id"] for l in our["line"]]
    if sorted(drawn) != sorted(want):
        return "lines do not match the flows"
    return None


def first_difference(ref, our):
    for key in ("location", "line"):
        a, b = ref.get(key, []), our.get(key, [])
        if len(a) != len(b):
            return "%s: %d items in the reference, %d in ours" % (key, len(a), len(b))
        for j, (x, y) in enumerate(zip(a, b)):
            if json.dumps(x) != json.dumps(y):
                return "%s[%d]: reference %s, ours %s" % (key, j, json.dumps(x, ensure_ascii=False),
                                                         json.dumps(y, ensure_ascii=False))
    return "same items, different text"


if __name__ == "__main__":
    sys.exit(main())
