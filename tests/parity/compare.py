"""Compares bamboo-engine verdicts with pipeline-tree reports, line by line.
usage: python compare.py TREES.jsonl ENGINE.jsonl OURS.jsonl [--label NAME] [--show N]
Prints one line per disagreement (up to --show) and a summary; exit 1 on any disagreement.
Compared: valid flag, the engine's reason (kind; node and message for connection, converge
and stream errors) and the converge map."""
import json
import sys


def main():
    args = sys.argv[1:]
    label, show = "parity", 10
    if "--label" in args:
        i = args.index("--label"); label = args[i + 1]; del args[i:i + 2]
    if "--show" in args:
        i = args.index("--show"); show = int(args[i + 1]); del args[i:i + 2]
    trees, engine, ours = (open(p, encoding="utf-8").read().splitlines() for p in args)
    if not (len(trees) == len(engine) == len(ours)):
        print(f"{label}: line counts differ: {len(trees)} trees, {len(engine)} engine, {len(ours)} ours")
        return 1
    bad, kinds = 0, {}
    for n, (t, e, o) in enumerate(zip(trees, engine, ours), 1):
        e, o = json.loads(e), json.loads(o)
        kinds[e["kind"]] = kinds.get(e["kind"], 0) + 1
        if "error" in o and "engine" not in o:
            mine = {"valid": False, "kind": "unreadable", "node": None, "message": o["error"]["message"], "converge": {}}
        else:
            oe = o["engine"]
            err = oe["error"] or {}
            mine = {"valid": oe["valid"], "kind": err.get("kind"), "node": err.get("node_id"),
                    "message": err.get("message"), "converge": oe["converge"]}
        diffs = []
        if e["valid"] != mine["valid"]:
            diffs.append("valid")
        if e["kind"] != mine["kind"]:
            diffs.append("kind")
        elif e["kind"] in ("connection", "converge", "stream"):
            if e["node"] != mine["node"]:
                diffs.append("node")
            if e["kind"] != "stream" and e["message"] != mine["message"]:
                diffs.append("message")
        if e["converge"] != mine["converge"]:
            diffs.append("converge")
        if diffs:
            bad += 1
            if bad <= show:
                print(f"{label}: line {n} differs in {', '.join(diffs)}")
                print(f"  engine: {json.dumps({k: e[k] for k in ('valid', 'kind', 'node', 'message')}, ensure_ascii=False)}")
                print(f"  ours:   {json.dumps({k: mine[k] for k in ('valid', 'kind', 'node', 'message')}, ensure_ascii=False)}")
                if "converge" in diffs:
                    print(f"  engine converge: {e['converge']}\n  ours converge:   {mine['converge']}")
    total = len(trees)
    mix = ", ".join(f"{k or 'valid'} {v}" for k, v in sorted(kinds.items(), key=lambda kv: -kv[1]))
    print(f"{label}: {total - bad}/{total} trees agree ({mix})")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
