#!/usr/bin/env python3
"""The aggregation nhi-audit does on Kubernetes audit logs, with Python's json module: the bench's baseline.

usage: python_k8s_aggregate.py FILE   (audit events as JSON lines)
Counts each request once (at ResponseComplete, else the last stage seen for its auditID) and
aggregates acting identity x action: count, denied, first/last seen, distinct user agents and source IPs.
"""
import json
import sys

FINAL = {"ResponseComplete", "Panic"}


def add(aggregate, event):
    user = (event.get("impersonatedUser") or {}).get("username") or (event.get("user") or {}).get("username")
    ref = event.get("objectRef") or {}
    group, resource, sub = ref.get("apiGroup") or "", ref.get("resource"), ref.get("subresource")
    if resource:
        action = event["verb"] + " " + (group + "/" if group else "") + resource + ("/" + sub if sub else "")
    else:
        action = event["verb"] + " " + (event.get("requestURI") or "").split("?")[0]
    key = (user, action, ref.get("namespace"))
    time = event.get("stageTimestamp") or event.get("requestReceivedTimestamp")
    entry = aggregate.get(key)
    if entry is None:
        entry = aggregate[key] = {"count": 0, "denied": 0, "first": time, "last": time, "agents": set(), "ips": set()}
    entry["count"] += 1
    code = (event.get("responseStatus") or {}).get("code") or 0
    if code in (401, 403) or (event.get("annotations") or {}).get("authorization.k8s.io/decision") == "forbid":
        entry["denied"] += 1
    entry["first"] = min(entry["first"], time)
    entry["last"] = max(entry["last"], time)
    if len(entry["agents"]) < 16:
        entry["agents"].add(event.get("userAgent"))
    if len(entry["ips"]) < 16:
        entry["ips"].add((event.get("sourceIPs") or [None])[0])


def main():
    aggregate, pending, requests = {}, {}, 0
    with open(sys.argv[1]) as handle:
        for line in handle:
            if not line.strip():
                continue
            event = json.loads(line)
            audit_id = event.get("auditID")
            if event.get("stage") in FINAL:
                pending.pop(audit_id, None)
                add(aggregate, event)
                requests += 1
            else:
                pending[audit_id] = event
    for event in pending.values():
        add(aggregate, event)
        requests += 1
    print(f"{requests} requests, {len(aggregate)} keys")


if __name__ == "__main__":
    main()
