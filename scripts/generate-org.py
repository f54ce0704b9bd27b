#!/usr/bin/env python3
"""Writes a synthetic organisation's evidence folder at any size, for the pipeline benchmark.

usage: generate-org.py N_IDENTITIES N_EVENTS OUT_DIR

Deterministic (a fixed seed; same arguments, same bytes) and standard library only. The
organisation has four AWS accounts (two production, two staging), each with
`authorization-details.json` (roles and users with customer-managed policies, inline policies,
groups, and two large AWS-managed-style policies attached everywhere, as real accounts have),
`credential-report.csv` and a CloudTrail trail as JSON lines; two Kubernetes clusters (RBAC and
audit log); a GitHub organisation audit log; `owners.csv` for 80 % of the identities; a few
changes and incidents; and `scope.yaml`. Identities: 80 % AWS (one in six an IAM user with a
key), 15 % Kubernetes service accounts, 5 % GitHub tokens. Events: 85 % CloudTrail, 12 %
Kubernetes audit, 3 % GitHub. Prints the identity and event counts per platform.
"""
import json
import os
import random
import sys
import zlib

ACCOUNTS = [("111122223333", "production"), ("222233334444", "production"),
            ("333344445555", "staging"), ("444455556666", "staging")]
CLUSTERS = [("prod-1", "production"), ("staging-1", "staging")]
ORG = "example-org"
SERVICES = ["ec2", "s3", "lambda", "ecs", "cloudformation", "dynamodb", "sqs", "sns", "logs", "ssm", "kms", "iam"]
VERBS = ["Describe", "Get", "List", "Put", "Update", "Create", "Delete", "Start", "Stop", "Set"]
CALLS = [("cloudformation", "UpdateStack", False), ("cloudformation", "DescribeStacks", True),
         ("autoscaling", "SetDesiredCapacity", False), ("ec2", "DescribeInstances", True),
         ("lambda", "UpdateFunctionCode20150331v2", False), ("s3", "GetObject", True), ("s3", "PutObject", False),
         ("sts", "AssumeRole", True), ("ecs", "UpdateService", False), ("ssm", "SendCommand", False),
         ("iam", "ListRoles", True), ("dynamodb", "DescribeTable", True), ("kms", "Decrypt", True)]
AGENTS = ["aws-cli/2.15.0 Python/3.11.6 Linux/6.1 exe/x86_64.amzn.2023", "Boto3/1.34.0 md/Botocore#1.34.0 ua/2.0 os/linux",
          "terraform-provider-aws/5.31.0 (+https://registry.terraform.io)", "aws-sdk-go-v2/1.24.0 os/linux lang/go#1.21"]
K8S_VERBS = [("get", "pods"), ("list", "pods"), ("patch", "deployments"), ("update", "deployments"), ("create", "jobs"),
             ("delete", "pods"), ("get", "secrets"), ("list", "configmaps")]
PERIOD = ("2026-10-01", "2026-12-31")


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)


def time_in_period(rng):
    day = rng.randrange(91)
    month, date = (10, day + 1) if day < 31 else ((11, day - 30) if day < 61 else (12, day - 60))
    return f"2026-{month:02d}-{date:02d}T{rng.randrange(24):02d}:{rng.randrange(60):02d}:{rng.randrange(60):02d}Z"


def large_policy(name, prefix_count):
    """An AWS-managed-style policy with hundreds of action patterns, like ReadOnlyAccess."""
    actions = [f"{service}{i}:{verb}*" for i in range(prefix_count) for service in SERVICES[:4] for verb in VERBS[:3]]
    return {"PolicyName": name, "Arn": f"arn:aws:iam::aws:policy/{name}", "Path": "/", "DefaultVersionId": "v1",
            "AttachmentCount": 1, "IsAttachable": True,
            "PolicyVersionList": [{"VersionId": "v1", "IsDefaultVersion": True, "Document": {
                "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": actions, "Resource": "*"}]}}]}


def customer_policy(rng, account, index):
    statements = []
    for sid in range(rng.randint(1, 4)):
        service = rng.choice(SERVICES)
        actions = sorted({f"{service}:{rng.choice(VERBS)}{rng.choice(['', 'Item', 'Stack', 'Function', '*'])}"
                          for _ in range(rng.randint(1, 6))})
        resource = "*" if rng.random() < 0.4 else f"arn:aws:{service}:eu-west-1:{account}:app-{index}-*"
        statements.append({"Sid": f"S{sid}", "Effect": "Allow", "Action": actions, "Resource": resource})
    return {"PolicyName": f"app-{index}", "Arn": f"arn:aws:iam::{account}:policy/app-{index}", "Path": "/",
            "DefaultVersionId": "v1", "AttachmentCount": 1, "IsAttachable": True,
            "PolicyVersionList": [{"VersionId": "v1", "IsDefaultVersion": True,
                                   "Document": {"Version": "2012-10-17", "Statement": statements}}]}


def aws_account(rng, account, roles, users):
    policies = [customer_policy(rng, account, i) for i in range(60)]
    policies += [large_policy("SyntheticReadOnlyAccess", 40), large_policy("SyntheticViewOnlyAccess", 12)]
    common = [{"PolicyName": "SyntheticReadOnlyAccess", "PolicyArn": "arn:aws:iam::aws:policy/SyntheticReadOnlyAccess"}]
    role_list = []
    for name in roles:
        attached = common + [{"PolicyName": p["PolicyName"], "PolicyArn": p["Arn"]} for p in rng.sample(policies[:60], 2)]
        trust = ({"Service": "ecs-tasks.amazonaws.com"} if rng.random() < 0.5 else {"AWS": f"arn:aws:iam::{account}:root"})
        role_list.append({
            "Path": "/", "RoleName": name, "RoleId": "AROA" + name.upper().replace("-", "")[:16], "CreateDate": "2025-01-10T09:00:00Z",
            "Arn": f"arn:aws:iam::{account}:role/{name}",
            "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [
                {"Effect": "Allow", "Principal": trust, "Action": "sts:AssumeRole"}]},
            "RolePolicyList": ([{"PolicyName": "inline", "PolicyDocument": {"Version": "2012-10-17", "Statement": [
                {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": f"arn:aws:s3:::{name}/*"}]}}]
                if rng.random() < 0.3 else []),
            "AttachedManagedPolicies": attached, "InstanceProfileList": [], "Tags": [],
            "RoleLastUsed": {"LastUsedDate": "2026-12-01T10:00:00Z", "Region": "eu-west-1"}})
    user_list = [{"Path": "/", "UserName": name, "UserId": "AIDA" + name.upper().replace("-", "")[:16],
                  "Arn": f"arn:aws:iam::{account}:user/{name}", "CreateDate": "2025-01-10T09:00:00Z",
                  "UserPolicyList": [], "GroupList": ["ci"], "Tags": [],
                  "AttachedManagedPolicies": [{"PolicyName": p["PolicyName"], "PolicyArn": p["Arn"]}
                                              for p in rng.sample(policies[:60], 1)]} for name in users]
    groups = [{"Path": "/", "GroupName": "ci", "GroupId": "AGPACI0000000000", "Arn": f"arn:aws:iam::{account}:group/ci",
               "CreateDate": "2025-01-10T09:00:00Z", "GroupPolicyList": [], "AttachedManagedPolicies": common}]
    details = {"UserDetailList": user_list, "GroupDetailList": groups, "RoleDetailList": role_list, "Policies": policies}
    header = ("user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,"
              "mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,"
              "access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,"
              "access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,"
              "cert_1_last_rotated,cert_2_active,cert_2_last_rotated")
    rows = [f"<root_account>,arn:aws:iam::{account}:root,2024-05-14T08:55:02+00:00,not_supported,no_information,"
            "not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A"]
    for name in users:
        rotated = f"2025-{rng.randint(1, 12):02d}-10T09:00:00+00:00"
        rows.append(f"{name},arn:aws:iam::{account}:user/{name},2025-01-10T09:00:00+00:00,false,N/A,N/A,N/A,false,"
                    f"true,{rotated},2026-12-01T10:00:00+00:00,eu-west-1,s3,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A")
    return details, header + "\n" + "\n".join(rows) + "\n"


def cloudtrail_event(rng, account, principal, index):
    service, name, read_only = rng.choice(CALLS)
    kind, identity = principal
    if kind == "role":
        user = {"type": "AssumedRole", "principalId": f"AROA{index % 997:012d}:s{index % 31}",
                "arn": f"arn:aws:sts::{account}:assumed-role/{identity}/s{index % 31}", "accountId": account,
                "accessKeyId": f"ASIA{index % 9973:016d}",
                "sessionContext": {"sessionIssuer": {"type": "Role", "arn": f"arn:aws:iam::{account}:role/{identity}",
                                                     "accountId": account, "userName": identity}}}
    else:
        user = {"type": "IAMUser", "principalId": f"AIDA{identity}", "arn": f"arn:aws:iam::{account}:user/{identity}",
                "accountId": account, "accessKeyId": f"AKIA{zlib.crc32(identity.encode()):016d}", "userName": identity}
    return {"eventVersion": "1.09", "userIdentity": user, "eventTime": time_in_period(rng),
            "eventSource": f"{service}.amazonaws.com", "eventName": name, "awsRegion": "eu-west-1",
            "sourceIPAddress": f"10.{index % 7}.{index % 250}.{index % 200}", "userAgent": rng.choice(AGENTS),
            "requestParameters": None if read_only else {"stackName": f"app-{index % 40}"}, "responseElements": None,
            "readOnly": read_only, "eventID": f"e{index:012d}", "eventType": "AwsApiCall", "recipientAccountId": account}


def kubernetes(rng, cluster, accounts, events, out):
    items = [{"apiVersion": "v1", "kind": "ServiceAccount",
              "metadata": {"name": sa, "namespace": ns, "creationTimestamp": "2025-02-18T09:14:22Z", "uid": f"{cluster}-{ns}-{sa}"}}
             for ns, sa in accounts]
    items += [{"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": {"name": "deployer"},
               "rules": [{"apiGroups": ["apps"], "resources": ["deployments"], "verbs": ["get", "list", "patch", "update"]},
                         {"apiGroups": [""], "resources": ["pods"], "verbs": ["get", "list", "delete"]}]}]
    items += [{"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding",
               "metadata": {"name": f"{sa}-deployer", "namespace": ns},
               "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "deployer"},
               "subjects": [{"kind": "ServiceAccount", "name": sa, "namespace": ns}]} for ns, sa in accounts[::3]]
    write(os.path.join(out, "k8s", cluster, "rbac.json"), json.dumps({"apiVersion": "v1", "kind": "List", "items": items}))
    lines = []
    for index in range(events):
        ns, sa = accounts[rng.randrange(len(accounts))] if accounts else ("default", "default")
        verb, resource = rng.choice(K8S_VERBS)
        stamp = time_in_period(rng).replace("Z", ".000000Z")
        lines.append(json.dumps({
            "kind": "Event", "apiVersion": "audit.k8s.io/v1", "level": "Metadata", "auditID": f"{cluster}-{index}",
            "stage": "ResponseComplete", "requestURI": f"/apis/apps/v1/namespaces/{ns}/{resource}", "verb": verb,
            "user": {"username": f"system:serviceaccount:{ns}:{sa}", "groups": ["system:serviceaccounts"]},
            "sourceIPs": [f"10.42.{index % 8}.{index % 250}"], "userAgent": "kubectl/v1.30.2",
            "objectRef": {"resource": resource, "namespace": ns, "name": f"obj-{index % 50}", "apiVersion": "v1"},
            "requestReceivedTimestamp": stamp, "stageTimestamp": stamp, "responseStatus": {"code": 200}},
            separators=(",", ":")))
    write(os.path.join(out, "k8s", cluster, "audit.jsonl"), "\n".join(lines) + "\n")


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__.split("\n\n")[1])
    total, events, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    rng = random.Random(20261206)
    aws_total, k8s_total = total * 80 // 100, total * 15 // 100
    github_total = total - aws_total - k8s_total
    owners = ["identity,owner,team,purpose,environment,approved_until,kind"]
    teams = ["platform", "sre", "payments", "data"]
    purposes = ["delivery", "operations", "runtime", "integration"]
    scope_envs = {"production": {"aws": [], "k8s": []}, "staging": {"aws": [], "k8s": []}}
    sources = []
    ct_events, ct_written = events * 85 // 100, 0
    for number, (account, environment) in enumerate(ACCOUNTS):
        share = aws_total // len(ACCOUNTS) + (1 if number < aws_total % len(ACCOUNTS) else 0)
        users = [f"ci-user-{number}-{i}" for i in range(share // 6)]
        roles = [f"app-{number}-{i}" for i in range(share - len(users))]
        details, report = aws_account(rng, account, roles, users)
        base = os.path.join(out, "aws", account)
        write(os.path.join(base, "authorization-details.json"), json.dumps(details))
        write(os.path.join(base, "credential-report.csv"), report)
        principals = [("role", r) for r in roles] + [("user", u) for u in users]
        count = ct_events // len(ACCOUNTS) + (1 if number < ct_events % len(ACCOUNTS) else 0)
        with open(os.path.join(base, "cloudtrail.jsonl"), "w", encoding="utf-8") as trail:
            for index in range(count):
                principal = principals[min(int(rng.paretovariate(1.2)) - 1, len(principals) - 1)] \
                    if rng.random() < 0.5 else rng.choice(principals)
                trail.write(json.dumps(cloudtrail_event(rng, account, principal, ct_written + index), separators=(",", ":")) + "\n")
        ct_written += count
        for kind, name in principals:
            if rng.random() < 0.8:
                owners.append(f"arn:aws:iam::{account}:{kind}/{name},{rng.choice(teams)}-lead@example.org,{rng.choice(teams)},"
                              f"{rng.choice(purposes)},{environment},2027-06-30,")
        scope_envs[environment]["aws"].append(account)
        sources.append(f"  - path: aws/{account}/**\n    account: \"{account}\"\n    environment: {environment}")
    k8s_events = events * 12 // 100
    for number, (cluster, environment) in enumerate(CLUSTERS):
        accounts = [(f"ns-{i % 20}", f"sa-{number}-{i}") for i in range(k8s_total // len(CLUSTERS))]
        kubernetes(rng, cluster, accounts, k8s_events // len(CLUSTERS), out)
        for ns, sa in accounts:
            if rng.random() < 0.8:
                owners.append(f"k8s:{cluster}:serviceaccount:{ns}:{sa},{rng.choice(teams)}-lead@example.org,"
                              f"{rng.choice(teams)},runtime,{environment},2027-06-30,")
        scope_envs[environment]["k8s"].append(cluster)
        sources.append(f"  - path: k8s/{cluster}/**\n    account: {cluster}\n    environment: {environment}")
    github_events = events - ct_written - k8s_events // len(CLUSTERS) * len(CLUSTERS)
    lines = []
    for index in range(github_events):
        token = index % max(github_total, 1)
        stamp = 1790812800000 + rng.randrange(91 * 86400) * 1000
        lines.append(json.dumps({"@timestamp": stamp, "created_at": stamp, "action": rng.choice(["git.clone", "git.push"]),
                                 "actor": f"svc-bot-{token}", "actor_is_bot": False, "org": ORG,
                                 "repo": f"{ORG}/repo-{token % 50}", "programmatic_access_type": "Personal access token (classic)",
                                 "token_id": 100000 + token, "token_scopes": "repo,workflow", "user_agent": "git/2.45.2"},
                                separators=(",", ":")))
    write(os.path.join(out, "github", "audit-log.jsonl"), "\n".join(lines) + "\n")
    sources.append("  - path: github/**\n    account: " + ORG)
    changes = ["id,system,environment,requested_by,approved_by,executed_by,window_start,window_end,status"]
    for index in range(max(total // 200, 3)):
        day = 1 + index % 28
        changes.append(f"CHG-{index:05d},app-{index % 40},production,dev{index % 9}@example.org,lead{index % 5}@example.org,"
                       f"arn:aws:iam::111122223333:role/app-0-{index % 50},2026-11-{day:02d}T08:00:00Z,"
                       f"2026-11-{day:02d}T12:00:00Z,completed")
    incidents = ["id,severity,declared_at,resolved_at,responders,review_completed_at,review_ref"]
    for index in range(max(total // 1000, 2)):
        day = 1 + index % 28
        incidents.append(f"INC-{index:04d},sev2,2026-12-{day:02d}T06:00:00Z,2026-12-{day:02d}T08:00:00Z,"
                         f"oncall{index % 3}@example.org,2026-12-{min(day + 5, 31):02d}T10:00:00Z,PIR-{index:04d}")
    write(os.path.join(out, "owners.csv"), "\n".join(owners) + "\n")
    write(os.path.join(out, "changes.csv"), "\n".join(changes) + "\n")
    write(os.path.join(out, "incidents.csv"), "\n".join(incidents) + "\n")
    envs = []
    for name, holdings in scope_envs.items():
        envs.append(f"  - name: {name}\n    production: {'true' if name == 'production' else 'false'}\n"
                    f"    aws_accounts: {json.dumps(holdings['aws'])}\n    kubernetes: {json.dumps(holdings['k8s'])}")
    write(os.path.join(out, "scope.yaml"),
          f"organisation: Synthetic Org {total}\nperiod:\n  start: {PERIOD[0]}\n  end: {PERIOD[1]}\n"
          "environments:\n" + "\n".join(envs) + "\nsources:\n" + "\n".join(sources) + "\n")
    print(f"identities aws={aws_total} kubernetes={k8s_total} github={github_total}; "
          f"events cloudtrail={ct_written} kubernetes={k8s_events // len(CLUSTERS) * len(CLUSTERS)} github={github_events}")


if __name__ == "__main__":
    main()
