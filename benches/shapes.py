"""SOPS-like web trees of chosen shapes, written independently of the test kit's generator, for
benches/shapes.sh.

usage: python3 benches/shapes.py SHAPE NODES WEIGHT [--seed N] [--indent N] > FILE

SHAPE   chain  start, one activity after another, end
        wide   blocks of 200-500 branches (parallel, exclusive, conditional parallel), each
               branch one to three activities, joined by short chains
        deep   parallel blocks nested NODES/4 deep (each level: a gateway, a side activity,
               the next level, its converge, an activity after it)
        mixed  a random mix of chains and blocks (2-6 branches) nested up to 8 deep
        loops  chains whose exclusive gateways loop back to an earlier activity, with blocks
               between them
NODES   how many nodes (events, activities and gateways) the tree has, about
WEIGHT  lean   a task's component is a plugin code, version and a few short inputs (about
               1.2 KB of text a node with its flow, line and location)
        heavy  scripts, request bodies and variable tables in the inputs (about 4 KB a node)

The tree is what SOPS's editor saves: `constants` (custom variables, hooked inputs, outputs),
`outputs`, `flows`, `line`, `location`, `incoming` as lists and `outgoing` as a string on
tasks, `converge_gateway_id` on every gateway whose branches meet (bamboo-engine writes it back
on save), conditions on every non-default branch of an exclusive gateway. It is valid for
bamboo-engine and free of errors for the validator. Deterministic: the same arguments give the
same bytes. Compact text (as the editor sends it) unless --indent is given.
"""
import argparse
import json
import random
import sys

LOCATION_TYPES = {
    "EmptyStartEvent": "startpoint",
    "EmptyEndEvent": "endpoint",
    "ServiceActivity": "tasknode",
    "ParallelGateway": "parallelgateway",
    "ExclusiveGateway": "branchgateway",
    "ConditionalParallelGateway": "conditionalparallelgateway",
    "ConvergeGateway": "convergegateway",
}

WORDS = ["检查", "部署", "备份", "发布", "通知", "清理", "重启", "校验", "同步", "回滚",
         "config", "service", "db", "cache", "gateway", "job", "agent", "nginx", "redis"]

SCRIPT = (
    "#!/bin/bash\n# {title}：由标准运维执行\nset -euo pipefail\n"
    "anynowtime=\"date +'%Y-%m-%d %H:%M:%S'\"\nNOW=\"echo [\\`$anynowtime\\`][PID:$$]\"\n"
    "function job_start\n{{\n    echo \"`eval $NOW` job_start\"\n}}\n"
    "function job_success\n{{\n    MSG=\"$*\"\n    echo \"`eval $NOW` job_success:[$MSG]\"\n    exit 0\n}}\n"
    "function job_fail\n{{\n    MSG=\"$*\"\n    echo \"`eval $NOW` job_fail:[$MSG]\"\n    exit 1\n}}\n"
    "job_start\nfor host in ${{ip_list}}; do\n    ssh \"$host\" 'systemctl restart {svc}' || job_fail \"$host\"\n"
    "    sleep {n}\ndone\ncurl -s -X POST -H 'Content-Type: application/json' "
    "-d '{{\"service\": \"{svc}\", \"state\": \"ok\", \"count\": {n}}}' http://monitor.local/api/v1/report\n"
    "job_success \"{title} done\"\n"
)
# a configuration file the heavy script writes before it runs
SCRIPT_CONFIG = (
    "cat > /etc/{svc}/{svc}.conf <<'EOF'\n[main]\nname = {title}\nworkers = {n}\n"
    "log_dir = /data/logs/{svc}\t# 日志目录\npid_file = /var/run/{svc}.pid\n"
    "[upstream]\nservers = ${{ip_list}}\nretry = {n}\ntimeout = 30s\nhealth_check = \"/healthz\"\n"
    "[limits]\nmax_connections = 10240\nmax_body = 64m\nrate = \"100r/s\"\nEOF\n"
)


class Tree:
    """A web pipeline_tree under construction: nodes, flows and where each node is drawn."""

    def __init__(self, rng, weight):
        self.rng, self.weight = rng, weight
        self.nodes = {}  # id -> node (activities and gateways), in creation order
        self.flows, self.pos = {}, {}
        self.lines = []
        self.count = 2  # the two events
        self.start = self.node_dict(self.new_id("n"), "EmptyStartEvent")
        self.end = self.node_dict(self.new_id("n"), "EmptyEndEvent")
        self.pos[self.start["id"]] = (0, 0)
        self.hookable = []  # (node id, input key) a variable may take over

    def new_id(self, prefix):
        return prefix + format(self.rng.getrandbits(124), "031x")

    def node_dict(self, nid, typ):
        return {"id": nid, "incoming": [], "outgoing": [], "name": "", "type": typ, "labels": []}

    def word(self):
        return self.rng.choice(WORDS)

    def activity(self, prev, col, row):
        nid = self.new_id("n")
        a = self.node_dict(nid, "ServiceActivity")
        a["name"] = f"{self.word()}{self.word()}-{len(self.nodes)}"
        a.update(component=self.component(nid), error_ignorable=False, optional=True,
                 retryable=True, skippable=True, auto_retry={"enable": False, "interval": 0, "times": 1},
                 timeout_config={"enable": False, "seconds": 10, "action": "forced_fail"},
                 stage_name="", loop=None, isSkipped=False)
        return self.place(a, prev, col, row)

    def gateway(self, typ, prev, col, row):
        return self.place(self.node_dict(self.new_id("n"), typ), prev, col, row)

    def place(self, node, prev, col, row):
        self.nodes[node["id"]] = node
        self.pos[node["id"]] = (col, row)
        self.count += 1
        if prev is not None:
            self.connect(prev, node["id"])
        return node["id"]

    def get(self, nid):
        return {self.start["id"]: self.start, self.end["id"]: self.end}.get(nid) or self.nodes[nid]

    def connect(self, src, tgt, default=False):
        fid = self.new_id("l")
        self.flows[fid] = {"id": fid, "source": src, "target": tgt, "is_default": default}
        self.get(src)["outgoing"].append(fid)
        self.get(tgt)["incoming"].append(fid)
        self.lines.append({"id": fid, "source": {"arrow": "Right", "id": src},
                           "target": {"arrow": "Left", "id": tgt}})
        return fid

    def component(self, nid):
        r = self.rng
        if self.weight == "heavy":
            return r.choice([self.script_task, self.http_task, self.job_task])(nid)
        pick = r.randrange(4)
        if pick == 0:
            data = {"bk_timing": {"hook": False, "value": str(r.randrange(5, 600))},
                    "force_check": {"hook": False, "value": True}}
            code, version = "sleep_timer", "legacy"
        elif pick == 1:
            data = {"bk_display_message": {"hook": False, "value": f"{self.word()}完成：${{ip_list}}，业务 ${{biz_cc_id}}"}}
            code, version = "bk_display", "1.0"
        elif pick == 2:
            data = {"description": {"hook": False, "value": f"请确认{self.word()}结果后继续"}}
            code, version = "pause_node", "legacy"
        else:
            data = {"bk_http_request_method": {"hook": False, "value": "GET"},
                    "bk_http_request_url": {"hook": False, "value": f"http://{self.word()}.local/api/health?id={r.randrange(1000)}"},
                    "bk_http_request_body": {"hook": False, "value": "{\"token\": \"${token}\"}"}}
            code, version = "bk_http_request", "legacy"
        for key in data:
            self.hookable.append((nid, key))
        return {"code": code, "data": data, "version": version}

    def script_task(self, nid):
        title, svc, n = f"{self.word()}{self.word()}", self.word(), self.rng.randrange(1, 30)
        data = {"biz_cc_id": {"hook": False, "value": "${biz_cc_id}"},
                "job_script_source": {"hook": False, "value": "manual"},
                "job_script_type": {"hook": False, "value": "1"},
                "job_content": {"hook": False, "value": (SCRIPT_CONFIG + SCRIPT).format(title=title, svc=svc, n=n)},
                "job_script_list_public": {"hook": False, "value": ""},
                "job_script_list_general": {"hook": False, "value": ""},
                "job_script_param": {"hook": False, "value": f"--service {svc} --retry {n}"},
                "job_script_timeout": {"hook": False, "value": "600"}}
        return {"code": "job_fast_execute_script", "data": data, "version": "v1.0"}

    def http_task(self, nid):
        r = self.rng
        body = {"project": self.word(), "hosts": [f"10.0.{r.randrange(256)}.{r.randrange(256)}" for _ in range(8)],
                "options": {"timeout": r.randrange(10, 90), "parallel": True, "note": f"{self.word()}，由流程 ${{_system.task_id}} 发起"}}
        data = {"bk_http_request_method": {"hook": False, "value": "POST"},
                "bk_http_request_url": {"hook": False, "value": f"https://{self.word()}.example.com/api/v2/tasks/{r.randrange(10**6)}/"},
                "bk_http_request_header": {"hook": False, "value": [
                    {"name": "Content-Type", "value": "application/json"},
                    {"name": "X-Request-Id", "value": self.new_id("r")},
                    {"name": "Authorization", "value": "Bearer ${token}"}]},
                "bk_http_request_body": {"hook": False, "value": json.dumps(body, ensure_ascii=False, indent=2)},
                "bk_http_timeout": {"hook": False, "value": 30},
                "bk_http_success_exp": {"hook": False, "value": "resp.result == True and resp.data.code == 0"}}
        self.hookable.append((nid, "bk_http_request_url"))
        return {"code": "bk_http_request", "data": data, "version": "v1.0"}

    def job_task(self, nid):
        r = self.rng
        rows = [{"id": r.randrange(10**5), "category": r.choice([1, 3]), "name": f"var_{i}",
                 "value": f"{self.word()}_{r.randrange(100)}" if i % 3 else "${ip_list}",
                 "description": f"{self.word()}参数 {i}", "type": 1} for i in range(30)]
        data = {"biz_cc_id": {"hook": False, "value": "${biz_cc_id}"},
                "job_task_id": {"hook": False, "value": r.randrange(1000, 99999)},
                "button_refresh": {"hook": False, "value": ""},
                "job_global_var": {"hook": False, "value": rows},
                "job_success_id": {"hook": False, "value": ""},
                "button_refresh_2": {"hook": False, "value": ""}}
        return {"code": "job_execute_task", "data": data, "version": "1.2"}

    def chain(self, prev, k, col, row):
        for _ in range(k):
            col += 1
            prev = self.activity(prev, col, row)
        return prev, col

    def block(self, typ, prev, col, row, branches):
        """A gateway of `typ` after `prev`, the branches (each `branch(first_prev, col, row)`
        returns its last node and column), and their converge. Returns (converge, column)."""
        gw = self.gateway(typ, prev, col + 1, row)
        ends = []
        for i, branch in enumerate(branches):
            ends.append(branch(gw, col + 1, row + i))
        cg = self.gateway("ConvergeGateway", None, max(c for _, c in ends) + 1, row)
        for last, _ in ends:
            self.connect(last, cg)
        self.nodes[gw]["converge_gateway_id"] = cg
        if typ != "ParallelGateway":
            self.conditions(gw)
        return cg, max(c for _, c in ends) + 1

    def conditions(self, gw, default=None):
        g = self.nodes[gw]
        g["conditions"] = {}
        for i, fid in enumerate(g["outgoing"]):
            if fid == default:
                continue
            tgt = self.flows[fid]["target"]
            evaluate = "1 == 1" if i == 0 else ("${route} == \"%s\"" % self.word() if i % 2 else f"{i} > 0")
            g["conditions"][fid] = {"evaluate": evaluate, "name": f"条件{i + 1}", "tag": f"branch_{gw}_{tgt}"}
        if default is not None:
            g["default_condition"] = {"flow_id": default, "name": "默认"}
            self.flows[default]["is_default"] = True

    def finish(self, last, col):
        self.pos[self.end["id"]] = (col + 1, 0)
        self.connect(last, self.end["id"])
        return self.tree()

    def variables(self):
        """Custom variables the inputs and conditions use, a few hooked inputs, an output."""
        custom = [("${ip_list}", "IP 列表", "textarea", "10.0.0.1\n10.0.0.2"), ("${biz_cc_id}", "业务", "input", "2"),
                  ("${route}", "路线", "input", "job"), ("${token}", "令牌", "password", "")]
        constants = {}
        for i, (key, name, typ, value) in enumerate(custom):
            constants[key] = {"custom_type": typ, "desc": "", "index": i, "key": key, "name": name,
                              "show_type": "show", "source_info": {}, "source_tag": "", "source_type": "custom",
                              "validation": "^.+$" if typ == "input" else "", "value": value, "version": "legacy",
                              "is_meta": False, "form_schema": {}, "pre_render_mako": False}
        picks = self.rng.sample(self.hookable, min(6, len(self.hookable)))
        for j, (nid, key) in enumerate(picks):
            vkey = "${%s_%d}" % (key, j)
            item = self.nodes[nid]["component"]["data"][key]
            constants[vkey] = {"custom_type": "", "desc": "", "index": len(constants), "key": vkey,
                               "name": f"{key} {j}", "show_type": "show", "source_info": {nid: [key]},
                               "source_tag": f"{self.nodes[nid]['component']['code']}.{key}",
                               "source_type": "component_inputs", "validation": "", "value": item["value"],
                               "version": self.nodes[nid]["component"]["version"], "plugin_code": ""}
            item["hook"], item["value"] = True, vkey
        nid = next(iter(self.nodes))
        constants["${_result_0}"] = {"custom_type": "", "desc": "", "index": len(constants), "key": "${_result_0}",
                                     "name": "执行结果", "show_type": "hide", "source_info": {nid: ["_result"]},
                                     "source_tag": "", "source_type": "component_outputs", "validation": "",
                                     "value": "", "version": "legacy", "plugin_code": ""}
        return constants

    def tree(self):
        constants = self.variables()
        acts, gws = {}, {}
        for nid, n in self.nodes.items():
            if n["type"] == "ServiceActivity":
                n["outgoing"] = n["outgoing"][0]
                acts[nid] = n
            else:
                if n["type"] == "ConvergeGateway":
                    n["outgoing"] = n["outgoing"][0]
                gws[nid] = n
        self.start["incoming"], self.start["outgoing"] = "", self.start["outgoing"][0]
        self.end["outgoing"] = ""
        location = []
        for n in [self.start, self.end, *self.nodes.values()]:
            col, row = self.pos[n["id"]]
            item = {"id": n["id"], "type": LOCATION_TYPES[n["type"]], "name": n["name"], "stage_name": "",
                    "x": 40 + col * 240, "y": 150 + row * 100}
            if n["type"] == "ServiceActivity":
                item.update(group="蓝鲸服务(BK)", icon="", status="", skippable=True, retryable=True, optional=True)
            location.append(item)
        return {"activities": acts, "constants": constants, "end_event": self.end, "flows": self.flows,
                "gateways": gws, "line": self.lines, "location": location, "outputs": ["${_result_0}"],
                "start_event": self.start}


def chain(t, n):
    last, col = t.chain(t.start["id"], n - 2, 0, 0)
    return t.finish(last, col)


def wide(t, n):
    """Blocks of 200-500 branches, each branch 1-3 activities, kinds in turn."""
    r, prev, col = t.rng, t.start["id"], 0
    kinds = ["ParallelGateway", "ExclusiveGateway", "ConditionalParallelGateway"]
    k = 0
    while t.count < n - 10:
        left = n - t.count - 5
        width = min(r.randrange(200, 501), max(2, left // 2))
        lengths = [r.randrange(1, 4) for _ in range(width)]
        while sum(lengths) + 2 > left and width > 2:
            width -= 1
            lengths.pop()
        branches = [lambda p, c, row, m=m: t.chain(p, m, c, row) for m in lengths]
        prev, col = t.block(kinds[k % 3], prev, col, 0, branches)
        k += 1
        prev, col = t.chain(prev, min(3, max(0, n - t.count - 1)), col, 0)
    prev, col = t.chain(prev, max(0, n - t.count), col, 0)
    return t.finish(prev, col)


def deep(t, n):
    """Parallel blocks nested n/4 deep, built without recursion."""
    levels = max(1, (n - 3) // 4)
    prev, col, gws = t.start["id"], 0, []
    for depth in range(levels):
        col += 1
        gw = t.gateway("ParallelGateway", prev, col, depth)
        side, _ = t.chain(gw, 1, col, depth + 1)
        gws.append((gw, side))
        prev = gw
    inner, col = t.chain(prev, 1, col, levels)
    for gw, side in reversed(gws):
        col += 1
        cg = t.gateway("ConvergeGateway", inner, col, 0)
        t.connect(side, cg)
        t.nodes[gw]["converge_gateway_id"] = cg
        inner, col = t.chain(cg, 1, col, 0)
    inner, col = t.chain(inner, max(0, n - t.count), col, 0)
    return t.finish(inner, col)


def mixed(t, n):
    """Random chains and blocks, nested up to 8 deep, until n nodes."""
    r = t.rng

    def seq(prev, col, row, budget, depth):
        stop = t.count + budget
        while t.count < stop - 2:
            room = stop - t.count
            if depth < 8 and room > 12 and r.random() < 0.45:
                typ = r.choice(["ParallelGateway", "ExclusiveGateway", "ConditionalParallelGateway"])
                width = r.randrange(2, 7)
                share = (room - 2) // width
                branches = [lambda p, c, rw, s=share: seq(p, c, rw, r.randrange(1, max(2, s)), depth + 1)
                            for _ in range(width)]
                prev, col = t.block(typ, prev, col, row, branches)
            else:
                prev, col = t.chain(prev, min(room - 1, r.randrange(1, 9)), col, row)
        if prev == t.start["id"] or t.get(prev)["type"].endswith("Gateway") and t.get(prev)["type"] != "ConvergeGateway":
            prev, col = t.chain(prev, 1, col, row)
        return prev, col

    last, col = seq(t.start["id"], 0, 0, n - 2, 0)
    return t.finish(last, col)


def loops(t, n):
    """Segments of 3-6 activities ending in an exclusive gateway: one branch goes on, the other
    back to the segment's first activity (its condition the default one half the time); a
    parallel block every fifth segment."""
    r, prev, col, seg = t.rng, t.start["id"], 0, 0
    while t.count < n - 12:
        seg += 1
        first, col = t.chain(prev, 1, col, 0)
        last, col = t.chain(first, r.randrange(2, 6), col, 0)
        eg = t.gateway("ExclusiveGateway", last, col + 1, 0)
        col += 1
        back = t.connect(eg, first)
        t.lines[-1]["target"]["arrow"] = "Top"
        prev, col = t.chain(eg, 1, col, 0)
        default = back if r.random() < 0.5 else None
        t.conditions(eg, default)
        if seg % 5 == 0:
            branches = [lambda p, c, rw: t.chain(p, 2, c, rw) for _ in range(3)]
            prev, col = t.block("ParallelGateway", prev, col, 0, branches)
    prev, col = t.chain(prev, max(0, n - t.count), col, 0)
    return t.finish(prev, col)


SHAPES = {"chain": chain, "wide": wide, "deep": deep, "mixed": mixed, "loops": loops}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("shape", choices=SHAPES)
    ap.add_argument("nodes", type=int)
    ap.add_argument("weight", choices=["lean", "heavy"])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--indent", type=int)
    a = ap.parse_args()
    rng = random.Random(f"{a.shape}/{a.nodes}/{a.weight}/{a.seed}")
    tree = SHAPES[a.shape](Tree(rng, a.weight), max(a.nodes, 8))
    seps = (",", ":") if a.indent is None else (",", ": ")
    sys.stdout.write(json.dumps(tree, ensure_ascii=False, indent=a.indent, separators=seps))
    sys.stdout.write("\n" if a.indent is not None else "")


if __name__ == "__main__":
    main()
