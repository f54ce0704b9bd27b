#!/usr/bin/env python3
"""Writes synthetic Kubernetes audit events (audit.k8s.io/v1, about 1 KB each) for the ingest bench.

usage: generate_k8s_audit.py OUT_DIR SIZE_MB
Writes OUT_DIR/k8s/prod-1/audit.log (JSON lines, as the API server's log backend writes them) and
prints the number of requests (events counted once per auditID) and of lines.
"""
import json
import os
import random
import sys

NAMESPACES = ["ci", "payments", "web", "kube-system", "monitoring"]
ACCOUNTS = [f"system:serviceaccount:{ns}:{name}" for ns in NAMESPACES for name in ("deployer", "operator", "default", "reader")]
USERS = ["alice@example.com", "bob@example.com", "system:kube-controller-manager", "system:node:node-1"]
CALLS = [("get", "pods", ""), ("list", "pods", ""), ("watch", "configmaps", ""), ("get", "secrets", ""),
         ("create", "pods", "exec"), ("patch", "deployments", "apps"), ("update", "deployments", "apps"),
         ("delete", "pods", ""), ("create", "events", ""), ("get", "leases", "coordination.k8s.io")]
AGENTS = ["kubectl/v1.30.0 (linux/amd64) kubernetes/7c48c2b", "kube-controller-manager/v1.30.0 (linux/amd64) kubernetes/7c48c2b/system:serviceaccount:kube-system:deployment-controller",
          "argocd-application-controller/v0.0.0 (linux/amd64) kubernetes/$Format", "Mozilla/5.0 (X11; Linux x86_64) \u00e9"]
BODIES = [{"spec": {"template": {"metadata": {"annotations": {"kubectl.kubernetes.io/restartedAt": "2026-10-01T00:00:00Z"}}}}},
          {"spec": {"replicas": 3}},
          {"spec": {"template": {"spec": {"containers": [{"name": "app", "image": "repo/app:1.2.3"}]}}}}]


def event(rng, index, stage):
    verb, resource, group = rng.choice(CALLS)
    subresource = "exec" if group == "exec" else ""
    group = "" if group == "exec" else group
    namespace = rng.choice(NAMESPACES)
    username = rng.choice(ACCOUNTS) if rng.random() < 0.85 else rng.choice(USERS)
    second = index % 60
    time = f"2026-10-{1 + index // 2_000_000 % 28:02d}T{index // 100_000 % 24:02d}:{index // 1000 % 60:02d}:{second:02d}.{index % 1_000_000:06d}Z"
    code = 403 if index % 40 == 0 else (201 if verb == "create" else 200)
    record = {
        "kind": "Event", "apiVersion": "audit.k8s.io/v1", "level": "Request" if verb in ("patch", "update") else "Metadata",
        "auditID": f"{index:08x}-2b8c-4a1e-9f0e-{index % 999983:012x}", "stage": stage,
        "requestURI": f"/apis/{group + '/v1' if group else 'v1'}/namespaces/{namespace}/{resource}/app-{index % 50}",
        "verb": verb,
        "user": {"username": username, "uid": f"uid-{sum(map(ord, username)) % 10000}", "groups": ["system:serviceaccounts", f"system:serviceaccounts:{namespace}", "system:authenticated"],
                 "extra": {"authentication.kubernetes.io/credential-id": [f"JTI={index % 97:08x}-0000-0000"], "authentication.kubernetes.io/pod-name": [f"app-{index % 7}"]}},
        "sourceIPs": [f"10.0.{index % 8}.{index % 250}"], "userAgent": rng.choice(AGENTS),
        "objectRef": {"resource": resource, "namespace": namespace, "name": f"app-{index % 50}", "apiGroup": group, "apiVersion": "v1"},
        "responseStatus": {"metadata": {}, "code": code},
        "requestReceivedTimestamp": time, "stageTimestamp": time,
        "annotations": {"authorization.k8s.io/decision": "forbid" if code == 403 else "allow",
                        "authorization.k8s.io/reason": f"RBAC: allowed by RoleBinding \"{resource}-rb/{namespace}\" of Role \"{resource}\""},
    }
    if subresource:
        record["objectRef"]["subresource"] = subresource
    if rng.random() < 0.05:
        record["impersonatedUser"] = {"username": rng.choice(ACCOUNTS), "groups": ["system:authenticated"]}
    if verb in ("patch", "update") and resource == "deployments":
        record["requestObject"] = rng.choice(BODIES)
    return record


def main():
    out, size_mb = sys.argv[1], float(sys.argv[2])
    target = int(size_mb * 1024 * 1024)
    os.makedirs(f"{out}/k8s/prod-1", exist_ok=True)
    written, index, lines = 0, 0, 0
    with open(f"{out}/k8s/prod-1/audit.log", "w") as handle:
        while written < target:
            # One request in ten is also logged at RequestReceived (counted once, at ResponseComplete).
            stages = ["RequestReceived", "ResponseComplete"] if index % 10 == 0 else ["ResponseComplete"]
            for stage in stages:
                text = json.dumps(event(random.Random(index), index, stage), separators=(",", ":")) + "\n"
                handle.write(text)
                written += len(text)
                lines += 1
            index += 1
    print(f"{index} {lines}")


if __name__ == "__main__":
    main()
