"""Runs bamboo-engine's validate_and_process_pipeline on trees, one JSON tree per input line,
and prints one JSON verdict per line:
  {"valid": bool, "kind": null|connection|cycle|converge|stream|crash|hang,
   "node": str|null, "message": str|null, "converge": {gateway: converge_gateway_id}}
usage: python bamboo_verdict.py [--cycles allow|forbid] [--timeout SECONDS] < trees.jsonl
"""
import argparse
import json
import signal
import sys

sys.setrecursionlimit(20000)


class Hang(Exception):
    pass


def on_alarm(signum, frame):
    raise Hang()


def verdict(tree, cycle_tolerate, timeout):
    from bamboo_engine import exceptions
    from bamboo_engine.validator.api import validate_and_process_pipeline

    out = {"valid": True, "kind": None, "node": None, "message": None}
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        validate_and_process_pipeline(tree, cycle_tolerate)
    except Hang:
        out.update(valid=False, kind="hang")
    except exceptions.ConnectionValidateError as e:
        node = e.failed_nodes[0]
        out.update(valid=False, kind="connection", node=node, message=e.detail[node])
    except exceptions.ConvergeMatchError as e:
        out.update(valid=False, kind="converge", node=e.gateway_id, message=str(e))
    except exceptions.StreamValidateError as e:
        node = e.node_id
        if isinstance(node, dict):
            node = node.get("id")
        out.update(valid=False, kind="stream", node=node)
    except exceptions.TreeInvalidException as e:
        out.update(valid=False, kind="cycle", message=str(e))
    except Exception as e:  # KeyError, TypeError, ValueError... : the engine crashes
        out.update(valid=False, kind="crash", message="%s: %s" % (type(e).__name__, e))
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    gws = tree.get("gateways") if isinstance(tree, dict) else None
    conv = {}
    if isinstance(gws, dict):
        for k, g in gws.items():
            if isinstance(g, dict) and "converge_gateway_id" in g:
                conv[k] = g["converge_gateway_id"]
    out["converge"] = conv
    return out


def main():
    signal.signal(signal.SIGALRM, on_alarm)
    ap = argparse.ArgumentParser()
    ap.add_argument("--cycles", choices=["allow", "forbid"], default="allow")
    ap.add_argument("--timeout", type=float, default=2.0)
    args = ap.parse_args()
    for line in sys.stdin:
        if not line.strip():
            continue
        tree = json.loads(line)
        v = verdict(tree, args.cycles == "allow", args.timeout)
        sys.stdout.write(json.dumps(v, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
