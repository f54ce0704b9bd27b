"""Kubernetes: audit events and the RBAC / ServiceAccount / Pod List of each cluster."""

import hashlib
import json
import os
from datetime import timedelta

from .common import (
    DOMAIN, PROD, PROD_CLUSTER, REGION, STG, STG_CLUSTER, UA_ARGOCD, UA_KUBECTL_MAC, UA_ONCALL,
    UA_PROMETHEUS, at, iso_micro, write_json, write_text,
)


class KubernetesActivity:
    """Kubernetes audit events and RBAC exports (mixed into Quarter)."""

    def k8s_event(self, cluster, t, namespace_sa, name_sa, verb, resource, namespace, name, subresource=None,
                  request_object=None, ua=None, ip=None, code=None, with_received=False, user=None, level=None,
                  api_group="apps", api_version="v1"):
        if cluster == STG_CLUSTER and self.q4 and t > at("2026-11-02 09:15"):
            return   # the staging audit webhook was lost in the cluster upgrade of 2 November
        rnd = self.rnd
        audit_id = rnd.uuid()
        if user is None:
            user = {
                "username": f"system:serviceaccount:{namespace_sa}:{name_sa}",
                "uid": hashlib.sha256(f"{cluster}:{namespace_sa}:{name_sa}".encode()).hexdigest()[:8] + "-" + rnd.hexid(4) + "-4" + rnd.hexid(3) + "-a" + rnd.hexid(3) + "-" + rnd.hexid(12),
                "groups": ["system:serviceaccounts", f"system:serviceaccounts:{namespace_sa}", "system:authenticated"],
                "extra": {
                    "authentication.kubernetes.io/credential-id": ["JTI=" + rnd.uuid()],
                    "authentication.kubernetes.io/node-name": [f"ip-10-42-{rnd.rng.randint(1, 9)}-{rnd.rng.randint(10, 250)}.eu-west-1.compute.internal"],
                    "authentication.kubernetes.io/pod-name": [f"{name_sa}-{rnd.hexid(10)}-{rnd.token(5, 'bcdfghjklmnpqrstvwxz2456789')}"],
                },
            }
        base = "/api/v1" if api_group == "" else f"/apis/{api_group}/{api_version}"
        uri = f"{base}/namespaces/{namespace}/{resource}" if namespace else f"{base}/{resource}"
        if name:
            uri += f"/{name}"
        if subresource:
            uri += f"/{subresource}"
        if verb in ("list", "watch") and not name:
            uri += "?limit=500&resourceVersion=0" if verb == "list" else "?allowWatchBookmarks=true&watch=true"
        object_ref = {"resource": resource}
        if namespace:
            object_ref["namespace"] = namespace
        if name:
            object_ref["name"] = name
        object_ref["apiGroup"] = api_group
        object_ref["apiVersion"] = api_version
        if subresource:
            object_ref["subresource"] = subresource
        if level is None:
            level = "Request" if request_object is not None else "Metadata"
        received = {
            "kind": "Event",
            "apiVersion": "audit.k8s.io/v1",
            "level": level,
            "auditID": audit_id,
            "stage": "RequestReceived",
            "requestURI": uri,
            "verb": verb,
            "user": user,
            "sourceIPs": [ip or "10.42.0.1"],
            "userAgent": ua,
            "objectRef": object_ref,
        }
        if request_object is not None:
            received["requestObject"] = request_object
        received["requestReceivedTimestamp"] = iso_micro(t)
        received["stageTimestamp"] = iso_micro(t)
        complete = dict(received)
        complete["stage"] = "ResponseComplete"
        status = code or (201 if verb == "create" else 200)
        complete["responseStatus"] = {"metadata": {}, "code": status}
        if status >= 400:
            complete["responseStatus"].update({"status": "Failure", "reason": "Forbidden"})
        complete["requestReceivedTimestamp"] = iso_micro(t)
        complete["stageTimestamp"] = iso_micro(t + timedelta(microseconds=rnd.rng.randint(2000, 90000)))
        decision = "allow" if status < 400 else "forbid"
        complete["annotations"] = {"authorization.k8s.io/decision": decision,
                                   "authorization.k8s.io/reason": self.k8s_reason(namespace_sa, name_sa, user)}
        if with_received:
            self.k8s[cluster].append((t, 0, received))
        self.k8s[cluster].append((t, 1, complete))

    def k8s_reason(self, namespace_sa, name_sa, user):
        if user.get("username", "").startswith("oidc:"):
            return 'RBAC: allowed by RoleBinding "platform-engineers/tracking" of ClusterRole "edit" to Group "oidc:platform-engineers"'
        reasons = {
            ("argocd", "argocd-application-controller"): 'RBAC: allowed by ClusterRoleBinding "argocd-application-controller" of ClusterRole "cluster-admin" to ServiceAccount "argocd-application-controller/argocd"',
            ("ops", "oncall-runner"): 'RBAC: allowed by ClusterRoleBinding "oncall-runner" of ClusterRole "oncall-runner" to ServiceAccount "oncall-runner/ops"',
            ("monitoring", "prometheus"): 'RBAC: allowed by ClusterRoleBinding "prometheus" of ClusterRole "prometheus" to ServiceAccount "prometheus/monitoring"',
            ("tracking", "tracking-api"): 'RBAC: allowed by RoleBinding "tracking-api/tracking" of Role "tracking-api" to ServiceAccount "tracking-api/tracking"',
            ("tracking", "legacy-importer"): 'RBAC: allowed by RoleBinding "legacy-importer/tracking" of Role "legacy-importer" to ServiceAccount "legacy-importer/tracking"',
        }
        return reasons.get((namespace_sa, name_sa), "")

    def background_k8s(self):
        rnd = self.rnd
        for cluster in (PROD_CLUSTER, STG_CLUSTER):
            t = self.start + timedelta(minutes=3)
            slot = 0
            while t <= self.end:
                when = t + rnd.jitter(50)
                if slot % 2 == 0:
                    self.k8s_event(cluster, when, "monitoring", "prometheus", "list", "pods", None, None,
                                   ua=UA_PROMETHEUS, ip="10.42.5.12", api_group="", api_version="v1")
                else:
                    self.k8s_event(cluster, when, "argocd", "argocd-application-controller", "list", "deployments",
                                   None, None, ua=UA_ARGOCD, ip="10.42.3.17")
                if slot % 21 == 3:
                    self.k8s_event(cluster, when + timedelta(minutes=5), "argocd", "argocd-server", "list", "applications",
                                   "argocd", None, ua="argocd-server/v2.12.4+27d1e64 (linux/amd64) kubernetes/v0.30.3",
                                   ip="10.42.3.22", api_group="argoproj.io", api_version="v1alpha1")
                    self.k8s_event(cluster, when + timedelta(minutes=9), "ops", "oncall-runner", "list", "deployments",
                                   "tracking", None, ua=UA_ONCALL, ip="10.42.7.31")
                if slot % 9 == 5:
                    self.k8s_event(cluster, when + timedelta(minutes=7), "tracking", "tracking-api", "get", "configmaps",
                                   "tracking", "tracking-api-config", ua="tracking-api/2026.9 (linux/amd64) kubernetes/v0.31.1",
                                   ip="10.42.6.44", api_group="", api_version="v1")
                if cluster == PROD_CLUSTER and slot % 21 == 9:
                    self.k8s_event(cluster, when + timedelta(minutes=11), "tracking", "legacy-importer", "list", "secrets",
                                   "tracking", None, ua="legacy-importer/0.4.1 (linux/amd64) kubernetes/v0.22.4",
                                   ip="10.42.6.90", api_group="", api_version="v1")
                t += timedelta(hours=8)
                slot += 1
        # Engineers reading with their own (human) identities.
        for day in self.days():
            if day.weekday() == 2:
                human = {"username": "oidc:aisha.khan@" + DOMAIN, "groups": ["oidc:platform-engineers", "system:authenticated"]}
                self.k8s_event(PROD_CLUSTER, day + timedelta(hours=10, minutes=12) + rnd.jitter(120), None, None, "get", "pods",
                               "tracking", None, ua=UA_KUBECTL_MAC, ip="203.0.113.25", user=human, api_group="", api_version="v1")
        if self.q4:
            # A service-account token copied out of the cluster and used from a laptop.
            sa_user = {"username": "system:serviceaccount:tracking:tracking-api",
                       "uid": "3f9c2b1e-7d4a-4e8b-a1c5-2b7d9e0f6a13",
                       "groups": ["system:serviceaccounts", "system:serviceaccounts:tracking", "system:authenticated"]}
            t = at("2026-12-08 19:42:05")
            self.k8s_event(PROD_CLUSTER, t, "tracking", "tracking-api", "get", "secrets", "tracking", "tracking-db-credentials",
                           ua=UA_KUBECTL_MAC, ip="203.0.113.61", user=sa_user, api_group="", api_version="v1", with_received=True)
            self.k8s_event(PROD_CLUSTER, t + timedelta(minutes=2), "tracking", "tracking-api", "create", "pods", "tracking",
                           "tracking-api-6d8f7c9b5d-x2k9p", subresource="exec", ua=UA_KUBECTL_MAC, ip="203.0.113.61",
                           user=sa_user, api_group="", api_version="v1", code=403)
            self.k8s_event(PROD_CLUSTER, t + timedelta(minutes=3), "tracking", "tracking-api", "list", "pods", "tracking", None,
                           ua=UA_KUBECTL_MAC, ip="203.0.113.61", user=sa_user, api_group="", api_version="v1")

    def write_k8s(self, root):
        for cluster, events in self.k8s.items():
            lines = [json.dumps(e, separators=(",", ":")) for _, _, e in sorted(events, key=lambda x: (x[0], x[1], x[2]["auditID"]))]
            write_text(os.path.join(root, "k8s", cluster, "audit.jsonl"), "\n".join(lines) + "\n")
            write_json(os.path.join(root, "k8s", cluster, "rbac.json"), self.rbac(cluster), indent=4)

    def rbac(self, cluster):
        prod = cluster == PROD_CLUSTER
        created = "2025-02-18T09:14:22Z" if prod else "2025-02-11T15:02:10Z"
        uid_seed = [0]

        def meta(name, namespace=None, labels=None, annotations=None, when=created, extra=None):
            uid_seed[0] += 1
            value = {"creationTimestamp": when}
            if labels:
                value["labels"] = labels
            if annotations:
                value["annotations"] = annotations
            value["name"] = name
            if namespace:
                value["namespace"] = namespace
            value["resourceVersion"] = str(100000 + uid_seed[0] * 37 + (0 if prod else 5))
            digest = hashlib.sha256(f"{cluster}:{namespace}:{name}".encode()).hexdigest()
            value["uid"] = f"{digest[:8]}-{digest[8:12]}-4{digest[13:16]}-a{digest[17:20]}-{digest[20:32]}"
            if extra:
                value.update(extra)
            return value

        def sa(name, namespace, secrets=None, automount=None, annotations=None, when=created):
            obj = {"apiVersion": "v1", "kind": "ServiceAccount", "metadata": meta(name, namespace, annotations=annotations, when=when)}
            if automount is not None:
                obj["automountServiceAccountToken"] = automount
            if secrets:
                obj["secrets"] = [{"name": s} for s in secrets]
            return obj

        def rule(groups, resources, verbs, names=None):
            r = {"apiGroups": groups}
            if names:
                r["resourceNames"] = names
            r["resources"] = resources
            r["verbs"] = verbs
            return r

        def role(kind, name, namespace, rules, labels=None):
            return {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": kind,
                    "metadata": meta(name, namespace, labels=labels), "rules": rules}

        def binding(kind, name, namespace, role_kind, role_name, subjects):
            return {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": kind, "metadata": meta(name, namespace),
                    "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": role_kind, "name": role_name},
                    "subjects": subjects}

        def sa_subject(name, namespace):
            return {"kind": "ServiceAccount", "name": name, "namespace": namespace}

        def pod(name, namespace, sa_name, image, owner, node, automount=None, when="2026-09-01T10:00:00Z"):
            spec = {"containers": [{"image": image, "imagePullPolicy": "IfNotPresent", "name": name.rsplit("-", 2)[0],
                                    "resources": {"requests": {"cpu": "250m", "memory": "256Mi"}}}],
                    "nodeName": node, "restartPolicy": "Always", "serviceAccount": sa_name, "serviceAccountName": sa_name}
            if automount is not None:
                spec["automountServiceAccountToken"] = automount
            return {"apiVersion": "v1", "kind": "Pod",
                    "metadata": meta(name, namespace, labels={"app.kubernetes.io/name": name.rsplit("-", 2)[0]}, when=when,
                                     extra={"ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": owner,
                                                                 "controller": True, "blockOwnerDeletion": True,
                                                                 "uid": hashlib.md5(owner.encode()).hexdigest()[:8] + "-1c2d-4e5f-8a9b-" + hashlib.md5(owner.encode()).hexdigest()[8:20]}]}),
                    "spec": spec,
                    "status": {"phase": "Running", "podIP": f"10.42.{len(name) % 9 + 1}.{len(namespace) * 7 % 250}",
                               "startTime": when}}

        release = "2026.09.24" if not self.q4 else "2026.12.17"
        items = [
            sa("tracking-api", "tracking", automount=True,
               annotations={"eks.amazonaws.com/role-arn": f"arn:aws:iam::{PROD if prod else STG}:role/tracking-api-pod"}),
            sa("argocd-application-controller", "argocd"),
            sa("argocd-server", "argocd"),
            sa("oncall-runner", "ops", automount=True),
            sa("prometheus", "monitoring"),
        ]
        if prod:
            items.append(sa("legacy-importer", "tracking", secrets=["legacy-importer-token-x7k2p"], automount=True,
                            when="2023-06-12T08:30:00Z"))
        items += [
            role("Role", "tracking-api", "tracking", [rule([""], ["configmaps"], ["get", "list", "watch"])]),
            binding("RoleBinding", "tracking-api", "tracking", "Role", "tracking-api", [sa_subject("tracking-api", "tracking")]),
            binding("RoleBinding", "platform-engineers", "tracking", "ClusterRole", "edit",
                    [{"apiGroup": "rbac.authorization.k8s.io", "kind": "Group", "name": "oidc:platform-engineers"}]),
        ]
        if prod:
            items += [
                role("Role", "legacy-importer", "tracking", [rule([""], ["secrets", "configmaps"], ["*"])]),
                binding("RoleBinding", "legacy-importer", "tracking", "Role", "legacy-importer",
                        [sa_subject("legacy-importer", "tracking")]),
            ]
        items += [
            role("ClusterRole", "cluster-admin", None, [rule(["*"], ["*"], ["*"]), {"nonResourceURLs": ["*"], "verbs": ["*"]}],
                 labels={"kubernetes.io/bootstrapping": "rbac-defaults"}),
            role("ClusterRole", "edit", None, [rule(["", "apps", "batch"], ["pods", "deployments", "replicasets", "jobs", "services", "configmaps"],
                                                    ["create", "delete", "get", "list", "patch", "update", "watch"])],
                 labels={"kubernetes.io/bootstrapping": "rbac-defaults"}),
            role("ClusterRole", "oncall-runner", None, [
                rule(["apps"], ["deployments"], ["get", "list", "patch"]),
                rule(["apps"], ["deployments/scale"], ["get", "patch", "update"]),
                rule([""], ["pods"], ["get", "list", "delete"])]),
            role("ClusterRole", "prometheus", None, [
                rule([""], ["nodes", "nodes/metrics", "services", "endpoints", "pods"], ["get", "list", "watch"]),
                {"nonResourceURLs": ["/metrics"], "verbs": ["get"]}]),
            binding("ClusterRoleBinding", "argocd-application-controller", None, "ClusterRole", "cluster-admin",
                    [sa_subject("argocd-application-controller", "argocd")]),
            binding("ClusterRoleBinding", "oncall-runner", None, "ClusterRole", "oncall-runner", [sa_subject("oncall-runner", "ops")]),
            binding("ClusterRoleBinding", "prometheus", None, "ClusterRole", "prometheus", [sa_subject("prometheus", "monitoring")]),
            pod("tracking-api-6d8f7c9b5d-x2k9p", "tracking", "tracking-api",
                f"{PROD}.dkr.ecr.{REGION}.amazonaws.com/tracking-api:{release}{'' if prod else '-rc'}",
                "tracking-api-6d8f7c9b5d", "ip-10-42-3-118.eu-west-1.compute.internal"),
            pod("argocd-application-controller-0", "argocd", "argocd-application-controller",
                "quay.io/argoproj/argocd:v2.12.4", "argocd-application-controller", "ip-10-42-1-20.eu-west-1.compute.internal"),
            pod("oncall-runner-7b9c5d4f8-m4q2t", "ops", "oncall-runner", "ghcr.io/northwind/oncall-runner:1.9.0",
                "oncall-runner-7b9c5d4f8", "ip-10-42-2-41.eu-west-1.compute.internal"),
            pod("prometheus-server-5f7d8c6b9-h8w3n", "monitoring", "prometheus", "quay.io/prometheus/prometheus:v2.54.1",
                "prometheus-server-5f7d8c6b9", "ip-10-42-2-77.eu-west-1.compute.internal"),
        ]
        if prod and self.q4:
            # The reindex worker added in November runs as the tracking-api ServiceAccount (NHI reuse).
            items.append(pod("tracking-reindex-7f4c8d2b9-q7w3z", "tracking", "tracking-api",
                             f"{PROD}.dkr.ecr.{REGION}.amazonaws.com/tracking-api:{release}", "tracking-reindex-7f4c8d2b9",
                             "ip-10-42-3-118.eu-west-1.compute.internal", when="2026-11-16T09:00:00Z"))
        if prod:
            items.append(pod("legacy-importer-84c9f6d7b-p9v5z", "tracking", "legacy-importer",
                             "ghcr.io/northwind/legacy-importer:0.4.1", "legacy-importer-84c9f6d7b",
                             "ip-10-42-4-15.eu-west-1.compute.internal", when="2026-03-02T06:00:00Z"))
        return {"apiVersion": "v1", "items": items, "kind": "List", "metadata": {"resourceVersion": ""}}

    # -- GitHub -----------------------------------------------------------------------------
