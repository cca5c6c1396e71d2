"""SOPS's `draw_pipeline` (pipeline_web/drawing_new), written from the layout reference's
pseudocode (editor-spec §3.4 and its Appendix A): the oracle `pipeline-tree layout --mode sops`
is compared with. It assumes io normalised to lists and raises where the original raises.

usage: python3 reference.py [--sops-canvas] [--canvas-width N] < trees.jsonl > drawings.jsonl
One tree per input line; one {"location", "line"} or {"error"} per output line.
"""
import json
import sys
import copy, itertools
_ctr = itertools.count(10**6)
def nid(): return "n%031x" % next(_ctr)
def lid(): return "l%031x" % next(_ctr)
BRANCH = {"ExclusiveGateway", "ParallelGateway", "ConditionalParallelGateway"}
def L(v): return v if isinstance(v, list) else ([v] if v else [])

def draw(T, activity_size=(150,54), event_size=(44,44), gateway_size=(34,34), start=(60,100), canvas_width=1300):
    nodes = {}; nodes.update(T["activities"]); nodes.update(T["gateways"])
    nodes[T["start_event"]["id"]] = T["start_event"]; nodes[T["end_event"]["id"]] = T["end_event"]
    inc = {k: list(L(v.get("incoming"))) for k, v in nodes.items()}
    out = {k: list(L(v.get("outgoing"))) for k, v in nodes.items()}
    ntype = {k: v["type"] for k, v in nodes.items()}
    flows = {k: {"source": f["source"], "target": f["target"], "dummy": False} for k, f in T["flows"].items()}
    self_edges = {k: f for k, f in flows.items() if f["source"] == f["target"]}          # (a)
    for k, f in self_edges.items():
        del flows[k]; inc[f["source"]].remove(k); out[f["source"]].remove(k)
    pair = {(f["source"], f["target"]): k for k, f in flows.items()}                     # (b)
    reversed_ids = []
    order_nodes = [T["start_event"]["id"], T["end_event"]["id"]] + list(T["gateways"]) + list(T["activities"])
    while True:
        cyc = find_cycle(order_nodes, flows)
        if not cyc: break
        u, v = cyc[-2], cyc[-1]; k = pair[(u, v)]; reversed_ids.append(k)
        flows[k]["source"], flows[k]["target"] = v, u
        out[u].remove(k); inc[u].append(k); inc[v].remove(k); out[v].append(k)
    r0 = {}                                                                              # (c)
    def dfs(n):
        if n in r0: return r0[n]
        ps = [dfs(flows[f]["source"]) - 1 for f in inc[n]]
        r0[n] = min(ps) if ps else 0
        return r0[n]
    for n in nodes: dfs(n)
    m = min(r0.values()); rank = {n: m - r for n, r in r0.items()}
    slack = lambda f: rank[flows[f]["target"]] - rank[flows[f]["source"]] - 1
    tree = {T["start_event"]["id"]: True}
    def grow():
        def g(n):
            for d in ("out", "in"):
                for f in (out[n] if d == "out" else inc[n]):
                    o = flows[f]["target"] if d == "out" else flows[f]["source"]
                    if o not in tree and slack(f) == 0: tree[o] = True; g(o)
        for n in list(tree): g(n)
        return len(tree)
    while grow() < len(nodes):
        best, bs = None, max(rank.values()) - min(rank.values())
        for f, fl in flows.items():
            if (fl["source"] in tree) != (fl["target"] in tree) and slack(f) < bs: bs, best = slack(f), f
        d = slack(best)
        if flows[best]["target"] in tree: d = -d
        for n in tree: rank[n] += d
    mn = min(rank.values())
    for n in rank: rank[n] -= mn
    long_flows = {}                                                                      # (d)
    for f in list(flows):
        fl = flows[f]; s, t = fl["source"], fl["target"]
        if rank[t] - rank[s] - 1 > 0:
            long_flows[f] = fl; del flows[f]
            prev, pf = s, lid(); out[s].remove(f); out[s].append(pf)
            for r in range(rank[s] + 1, rank[t]):
                d = nid(); ntype[d] = "DummyNode"; rank[d] = r
                flows[pf] = {"source": prev, "target": d, "dummy": True}
                inc[d] = [pf]; nf = lid(); out[d] = [nf]; prev, pf = d, nf
            flows[pf] = {"source": prev, "target": t, "dummy": True}
            inc[t].remove(f); inc[t].append(pf)
    rs = sorted(set(rank.values()))                                                      # (e)
    orders = {r: [] for r in rs}; orders[0] = [n for n, r in rank.items() if r == 0]
    for r in rs[:-1]:
        for n in orders[r]:
            for f in out[n]:
                t = flows[f]["target"]
                if t not in orders[r + 1]:
                    if flows[f]["dummy"]: orders[r + 1].insert(0, t)
                    else: orders[r + 1].append(t)
    def crossings(o):
        c = 0
        for r in rs[:-1]:
            a, b = o[r], o[r + 1]
            fl = [x for x in flows.values() if x["source"] in a and x["target"] in b]
            for i in range(len(fl)):
                for j in range(i + 1, len(fl)):
                    if (a.index(fl[i]["source"]) - a.index(fl[j]["source"])) * \
                       (b.index(fl[i]["target"]) - b.index(fl[j]["target"])) < 0: c += 1
        return c
    def med(refs, layer):
        idx = sorted(layer.index(x) for x in refs)
        if not idx: return -1
        k = len(idx); return idx[k // 2] if k % 2 else (idx[k // 2 - 1] + idx[k // 2]) / 2
    def sortl(layer, w):
        keep = [(n, i) for i, n in enumerate(layer) if w[i] == -1]
        res = [n for n, _ in sorted([(n, w[i]) for i, n in enumerate(layer) if w[i] != -1], key=lambda x: x[1])]
        for n, i in keep: res.insert(i, n)
        return res
    base = copy.deepcopy(orders); c0 = crossings(base); improved = False
    for loop in range(24):
        if loop % 2 == 0:
            for r in rs[1:]:
                orders[r] = sortl(orders[r], [med([flows[f]["source"] for f in inc[n]], orders[r - 1]) for n in orders[r]])
        else:
            for r in reversed(rs[:-1]):
                orders[r] = sortl(orders[r], [med([flows[f]["target"] for f in out[n]], orders[r + 1]) for n in orders[r]])
        if crossings(orders) < c0: improved = True
        elif loop % 2 == 0: break
    if not improved: orders = base
    gws = T["gateways"]; fin = {}; nd = {}                                               # (f)
    for g, gw in gws.items():
        if gw["type"] in BRANCH: fin[g] = len(out[g]) - 1
        if gw["type"] == "ConvergeGateway": fin[g] = len(inc[g]) - 1
    def back(f, v):
        n = flows[f]["source"]
        if n not in T["activities"]: return
        nd[n] = v
        if inc[n]: back(inc[n][0], v)
    for g, gw in gws.items():
        if gw["type"] in BRANCH:
            for f in inc[g]:
                v = len(out[g]) - 1; nd[flows[f]["source"]] = v; back(f, v)
    lst = [n for r in rs for n in list(nd) if n in orders[r]]
    for n in reversed(lst):
        if n in T["activities"]:
            for f in inc[n]:
                s = flows[f]["source"]
                if s in fin:
                    v = fin[s] + nd[n]; fin[s] = v
                    if gws[s]["type"] in BRANCH:
                        for gf in inc[s]: back(gf, v)
    conv = {gws[g]["converge_gateway_id"]: v for g, v in fin.items()
            if gws[g]["type"] in BRANCH and "converge_gateway_id" in gws[g]}
    fin.update(conv); fin.update(nd); dn = {}
    for n in ntype:
        if ntype[n] == "DummyNode":
            s = flows[inc[n][0]]["source"]
            if s in fin:
                dn[n] = fin[s]; x = flows[out[n][0]]["target"]
                while ntype.get(x) == "DummyNode": dn[x] = fin[s]; x = flows[out[x][0]]["target"]
    fin.update(dn)
    aw, ah = activity_size; ew, eh = event_size; gw_, gh = gateway_size                   # (g)
    size_x = max(aw, ew, gw_); shift_y = int(max(ah, eh, gh) * 2)
    es, gs = int((ah - eh) * 0.5), int((ah - gh) * 0.5)
    SY = {"DummyNode": 0, "ServiceActivity": 0, "SubProcess": 0, "EmptyStartEvent": es, "EmptyEndEvent": es,
          "ExclusiveGateway": gs, "ConditionalParallelGateway": gs, "ParallelGateway": gs, "ConvergeGateway": gs}
    SX = {"DummyNode": 0, "ServiceActivity": aw * 1.5, "SubProcess": aw * 1.5, "EmptyStartEvent": ew * 2.5,
          "EmptyEndEvent": ew * 2.5, "ExclusiveGateway": gw_ * 6.5, "ConditionalParallelGateway": gw_ * 6.5,
          "ParallelGateway": gw_ * 2.5, "ConvergeGateway": gw_ * 2.5}
    WEB = {"ServiceActivity": "tasknode", "SubProcess": "subflow", "EmptyStartEvent": "startpoint",
           "EmptyEndEvent": "endpoint", "ExclusiveGateway": "branchgateway", "ParallelGateway": "parallelgateway",
           "ConvergeGateway": "convergegateway", "ConditionalParallelGateway": "conditionalparallelgateway",
           "DummyNode": "DummyNode"}
    old = {l["id"]: l for l in T.get("location", [])}
    locs = {}; rx, ry = start; nly = 0; maxr = rs[-1]
    for r in rs:
        shx = 0; layer = []
        for n in orders[r]: layer.append(n); layer.extend([None] * max(fin.get(n, 0), 0))
        real = len(orders[r]); oy = ry
        if nly == 0: nly = ry + shift_y
        for n in layer:
            if n is not None:
                y = int(oy + SY[ntype[n]]); x = int(rx); shx = max(SX[ntype[n]], shx)
                if n in old: locs[n] = dict(copy.deepcopy(old[n]), x=x, y=y)
                else: locs[n] = {"id": n, "type": WEB[ntype[n]],
                                 "name": nodes[n].get("name", "") if n in nodes else "DummyNode",
                                 "status": "", "x": x, "y": y}
                if y >= nly: nly = y + shift_y
            oy += shift_y
        rx += shx
        if rx + size_x > canvas_width and real == 1 and r < maxr - 1: rx = start[0]; ry = nly
    allf = {k: (f["source"], f["target"], f["dummy"]) for k, f in flows.items()}          # (h)
    for k, f in self_edges.items(): allf[k] = (f["source"], f["target"], False)
    for k, f in long_flows.items(): allf[k] = (f["source"], f["target"], False)
    for k in reversed_ids: allf[k] = (T["flows"][k]["source"], T["flows"][k]["target"], False)
    lines = {}
    for k, (s, t, dm) in allf.items():
        S, D = locs[s], locs[t]; a, b = arrow(S, D, SY, ntype, s, t)
        lines[k] = {"id": k, "source": {"arrow": a, "id": s}, "target": {"arrow": b, "id": t}, "_d": dm}
        if D["x"] == start[0]: lines[k]["midpoint"] = 1 - shift_y * 0.5 / (D["y"] - S["y"])
    T["location"] = [v for k, v in locs.items() if ntype[k] != "DummyNode"]
    T["line"] = [v for v in lines.values() if not v.pop("_d")]
    return T

def arrow(S, D, SY, ntype, s, t):
    sy = S["y"] - SY[ntype[s]]; dy = D["y"] - SY[ntype[t]]
    if S["x"] < D["x"]: return ("Bottom", "Left") if sy < dy else (("Right", "Bottom") if sy > dy else ("Right", "Left"))
    if S["x"] > D["x"]: return ("Right", "Left") if sy < dy else ("Bottom", "Bottom")
    return ("Bottom", "Top") if sy < dy else (("Top", "Bottom") if sy > dy else ("Right", "Bottom"))

def find_cycle(order_nodes, flows):        # = BE pipeline/utils/graph.py Graph.get_cycle
    adj = {n: [] for n in order_nodes}
    for f in flows.values(): adj[f["source"]].append(f["target"])
    visited = {n: False for n in order_nodes}; onstack = dict(visited); path = []
    def h(n):
        path.append(n); visited[n] = True; onstack[n] = True
        for m in adj[n]:
            if not visited[m]:
                if h(m): return True
            elif onstack[m]: path.append(m); return True
        path.remove(n); onstack[n] = False
        return False
    for n in order_nodes:
        if h(n):
            c = path[-1]; return path[path.index(c):] if path.count(c) > 1 else path
    return []


def main():
    args = sys.argv[1:]
    kw = {}
    if "--sops-canvas" in args:
        kw = dict(activity_size=(154, 54), event_size=(34, 34), gateway_size=(34, 34), start=(20, 150),
                  canvas_width=1000)
    if "--canvas-width" in args:
        kw["canvas_width"] = int(args[args.index("--canvas-width") + 1])
    sys.setrecursionlimit(100000)
    for line in sys.stdin:
        if not line.strip():
            continue
        tree = json.loads(line)
        try:
            draw(tree, **kw)
            out = {"location": tree["location"], "line": tree["line"]}
        except Exception as e:  # the original crashes on such trees
            out = {"error": "%s: %s" % (type(e).__name__, e)}
        sys.stdout.write(json.dumps(out, ensure_ascii=False, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
