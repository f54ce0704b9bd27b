#!/usr/bin/env python3
"""Writes the shipped example organisation (Northwind Freight, 2026-Q3 and 2026-Q4) under evidence/.

Deterministic: a fixed seed, fixed times, gzip with mtime 0, no clock reads. Standard library only.
The story it tells is in evidence/northwind/README.md; Tests/CLITests/ExampleEvidenceTests.swift
checks that the committed files are what this script writes.

    python3 scripts/generate-example.py              # rewrite evidence/
    python3 scripts/generate-example.py --out DIR    # write DIR/northwind/2026-Q3 and 2026-Q4
"""

import argparse
import csv
import gzip
import hashlib
import io
import json
import os
import random
import shutil
import sys
import urllib.parse
import uuid
from datetime import date, datetime, timedelta, timezone

SEED = 20261231
ORG_NAME = "Northwind Freight"
ORG_FOLDER = "northwind"
GH_ORG = "northwind"
GH_ORG_ID = 81234567
PROD = "111122223333"
STG = "444455556666"
VENDOR_ACCOUNT = "999988887777"      # Skyline Observability, the monitoring SaaS
CONTRACTOR_ACCOUNT = "777766665555"  # the data-migration contractor of 2026-Q4
REGION = "eu-west-1"
GLOBAL_REGION = "us-east-1"          # IAM and console sign-in events are delivered here
PROD_CLUSTER = "prod-eu-1"
STG_CLUSTER = "staging-eu-1"
DOMAIN = "northwind.example"

QUARTERS = {
    "2026-Q3": (datetime(2026, 7, 1, tzinfo=timezone.utc), datetime(2026, 9, 30, 23, 59, 59, tzinfo=timezone.utc)),
    "2026-Q4": (datetime(2026, 10, 1, tzinfo=timezone.utc), datetime(2026, 12, 31, 23, 59, 59, tzinfo=timezone.utc)),
}

# Secret access keys and tokens that appear only inside scanners/gitleaks.json. They are fake, and no
# output of nhi-audit may ever contain them (the secret-scanner tests grep for them).
LEAK_REPORTING_KEY_ID = "AKIA" + "NWFEXAMPLELEAK01"
LEAK_REPORTING_SECRET = "nwfFAKEsecretREPORTINGexport0000000000L1"
LEAK_BUILDCACHE_KEY_ID = "AKIA" + "NWFEXAMPLELEAK00"
LEAK_BUILDCACHE_SECRET = "nwfFAKEsecretBUILDcacheSYNC000000000000L0"
LEAK_ARTIFACTS_KEY_ID = "AKIA" + "NWFEXAMPLELEAK03"
LEAK_ARTIFACTS_SECRET = "nwfFAKEsecretSTAGINGartifacts0000000000L3"

UA_AWS_CLI_GHA = ("aws-cli/2.17.20 md/awscrt#0.20.11 ua/2.0 os/linux#6.5.0-1025-azure md/arch#x86_64 "
                  "lang/python#3.11.9 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe "
                  "md/distrib#ubuntu.22 md/prompt#off md/command#{command}")
UA_TERRAFORM = ("APN/1.0 HashiCorp/1.0 Terraform/1.9.5 (+https://www.terraform.io) terraform-provider-aws/5.68.0 "
                "(+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.30.5 os/linux lang/go#1.22.6 "
                "md/GOOS#linux md/GOARCH#amd64 api/{api}")
UA_BOTO_LAMBDA = ("Boto3/1.34.145 md/Botocore#1.34.145 ua/2.0 os/linux#5.10.224-233.887.amzn2.x86_64 md/arch#x86_64 "
                  "lang/python#3.12.5 md/pyimpl#CPython exec-env/AWS_Lambda_python3.12 cfg/retry-mode#legacy "
                  "Botocore/1.34.145")
UA_JAVA_SDK = ("aws-sdk-java/2.26.25 Linux/5.10.225-213.878.amzn2.x86_64 OpenJDK_64-Bit_Server_VM/21.0.4+7-LTS "
               "Java/21.0.4 vendor/Amazon.com_Inc. io/sync http/Apache cfg/retry-mode/legacy")
UA_VENDOR = "aws-sdk-go/1.55.5 (go1.22.7; linux; amd64) skyline-collector/4.12.0"
UA_BROWSER = ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) "
              "Chrome/130.0.0.0 Safari/537.36")
UA_CONSOLE = "AWS Internal"
UA_CODEPIPELINE = "codepipeline.amazonaws.com"
UA_KUBECTL_MAC = "kubectl/v1.31.2 (darwin/arm64) kubernetes/5864a46"
UA_ARGOCD = "argocd-application-controller/v2.12.4+27d1e64 (linux/amd64) kubernetes/v0.30.3"
UA_ONCALL = "oncall-runner/v1.9.0 (linux/amd64) kubernetes/v0.31.1"
UA_PROMETHEUS = "Prometheus/2.54.1"

SSO_ENGINEER_ROLE = "AWSReservedSSO_PlatformEngineer_5f1c2a9b7d3e4a60"
SSO_READONLY_ROLE = "AWSReservedSSO_ReadOnly_0a7d3c2b9e8f1d44"
SSO_PATH = "/aws-reserved/sso.amazonaws.com/eu-west-1/"


# ----------------------------------------------------------------------------------------------
# Small helpers

def iso(t):
    """CloudTrail style time: 2026-11-05T09:31:12Z."""
    return t.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def iso_offset(t):
    """Credential report and IAM style time: 2026-11-05T09:31:12+00:00."""
    return t.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S+00:00")


def iso_micro(t):
    """Kubernetes audit style time with microseconds."""
    return t.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def at(text):
    """A fixed UTC time from 'YYYY-MM-DD HH:MM[:SS]'."""
    fmt = "%Y-%m-%d %H:%M:%S" if text.count(":") == 2 else "%Y-%m-%d %H:%M"
    return datetime.strptime(text, fmt).replace(tzinfo=timezone.utc)


def epoch_ms(t):
    return int(t.timestamp() * 1000)


def stable_id(prefix, name, length=17):
    """IAM-style unique ids derived from a name, so they stay the same in both quarters."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
    digest = hashlib.sha256(name.encode()).digest()
    return prefix + "".join(alphabet[b % 32] for b in digest[:length])


def key_id(name):
    return "AKIA" + "NWF" + stable_id("", "key:" + name, 13)


class Random:
    """The one source of randomness: a seeded generator used in a fixed order."""

    def __init__(self, seed):
        self.rng = random.Random(seed)

    def uuid(self):
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def token(self, n, alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"):
        return "".join(self.rng.choice(alphabet) for _ in range(n))

    def hexid(self, n):
        return self.token(n, "0123456789abcdef")

    def pick(self, seq):
        return self.rng.choice(seq)

    def jitter(self, minutes):
        return timedelta(seconds=self.rng.randint(0, minutes * 60))

    def ip(self, prefix):
        return prefix + str(self.rng.randint(2, 250))


def write_text(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)


def write_bytes(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def write_json(path, value, indent=4):
    write_text(path, json.dumps(value, indent=indent, ensure_ascii=False) + "\n")


def write_csv(path, header, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(row)
    write_text(path, buffer.getvalue())


def gzip_bytes(data):
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0) as f:
        f.write(data)
    return buffer.getvalue()


def yaml_scalar(value):
    """Quotes a YAML scalar when it needs it; dates and plain words stay bare."""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if text and all(c.isalnum() or c in "-_.@/" for c in text) and not text[0] in "-@" and text not in ("yes", "no", "true", "false", "null"):
        return text
    return json.dumps(text, ensure_ascii=False)


def policy(*statements):
    return {"Version": "2012-10-17", "Statement": list(statements)}


def allow(actions, resources="*", condition=None, sid=None):
    statement = {}
    if sid:
        statement["Sid"] = sid
    statement["Effect"] = "Allow"
    statement["Action"] = actions
    statement["Resource"] = resources
    if condition:
        statement["Condition"] = condition
    return statement


# ----------------------------------------------------------------------------------------------
# AWS identities

AWS_MANAGED = {
    "AdministratorAccess": policy(allow("*")),
    "PowerUserAccess": policy(
        {"Effect": "Allow", "NotAction": ["iam:*", "organizations:*", "account:*"], "Resource": "*"},
        allow(["iam:CreateServiceLinkedRole", "iam:DeleteServiceLinkedRole", "iam:ListRoles",
               "organizations:DescribeOrganization", "account:ListRegions", "account:GetAccountInformation"])),
    # Abridged: the real ReadOnlyAccess lists several hundred service read actions.
    "ReadOnlyAccess": policy(allow([
        "acm:Describe*", "acm:List*", "autoscaling:Describe*", "cloudformation:Describe*", "cloudformation:Get*",
        "cloudformation:List*", "cloudtrail:Describe*", "cloudtrail:Get*", "cloudtrail:LookupEvents",
        "cloudwatch:Describe*", "cloudwatch:Get*", "cloudwatch:List*", "codedeploy:Batch*", "codedeploy:Get*",
        "codedeploy:List*", "ec2:Describe*", "ec2:Get*", "ecr:BatchGetImage", "ecr:Describe*", "ecr:List*",
        "ecs:Describe*", "ecs:List*", "eks:Describe*", "eks:List*", "elasticloadbalancing:Describe*",
        "iam:Get*", "iam:List*", "kms:Describe*", "kms:List*", "lambda:Get*", "lambda:List*", "logs:Describe*",
        "logs:Get*", "logs:FilterLogEvents", "rds:Describe*", "rds:List*", "route53:Get*", "route53:List*",
        "s3:GetBucket*", "s3:List*", "sqs:Get*", "sqs:List*", "tag:Get*"])),
    "AmazonRDSReadOnlyAccess": policy(allow(["rds:Describe*", "rds:ListTagsForResource", "ec2:DescribeAccountAttributes",
                                              "ec2:DescribeAvailabilityZones", "ec2:DescribeSecurityGroups", "ec2:DescribeVpcs"])),
    "AmazonECSTaskExecutionRolePolicy": policy(allow(["ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability",
                                                      "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage",
                                                      "logs:CreateLogStream", "logs:PutLogEvents"])),
}
AWS_MANAGED_PATHS = {"AmazonECSTaskExecutionRolePolicy": "/service-role/", "AWSConfigServiceRolePolicy": "/aws-service-role/"}


class Role:
    def __init__(self, account, name, trust, created, path="/", managed=(), inline=None, max_session=3600,
                 description=None, tags=None, last_used=None, boundary=None):
        self.account = account
        self.name = name
        self.trust = trust
        self.created = created
        self.path = path
        self.managed = list(managed)
        self.inline = inline or {}
        self.max_session = max_session
        self.description = description
        self.tags = tags or {}
        self.last_used = last_used   # fixed RoleLastUsed for roles that do not act in the period
        self.boundary = boundary

    @property
    def arn(self):
        return f"arn:aws:iam::{self.account}:role{self.path}{self.name}"

    @property
    def canonical(self):
        return f"arn:aws:iam::{self.account}:role/{self.name}"

    @property
    def role_id(self):
        return stable_id("AROA", f"{self.account}:{self.name}")


class AccessKey:
    def __init__(self, key_id_value, created, active=True):
        self.id = key_id_value
        self.created = created
        self.active = active


class User:
    def __init__(self, account, name, created, keys=(), password=False, password_changed=None,
                 password_last_used=None, mfa=False, managed=(), inline=None, groups=(), tags=None, path="/",
                 key_last_used_fixed=None):
        self.account = account
        self.name = name
        self.created = created
        self.keys = list(keys)
        self.password = password
        self.password_changed = password_changed
        self.password_last_used = password_last_used
        self.mfa = mfa
        self.managed = list(managed)
        self.inline = inline or {}
        self.groups = list(groups)
        self.tags = tags or {}
        self.path = path
        # key id -> (time, region, service) for keys last used before the period (no CloudTrail event in it)
        self.key_last_used_fixed = key_last_used_fixed or {}

    @property
    def arn(self):
        return f"arn:aws:iam::{self.account}:user{self.path}{self.name}"

    @property
    def user_id(self):
        return stable_id("AIDA", f"{self.account}:{self.name}")


class Group:
    def __init__(self, account, name, created, managed=(), inline=None):
        self.account = account
        self.name = name
        self.created = created
        self.managed = list(managed)
        self.inline = inline or {}


class CustomerPolicy:
    def __init__(self, account, name, created, versions, path="/", description=None):
        self.account = account
        self.name = name
        self.created = created
        self.versions = versions   # list of (version id, created, document), last one is the default
        self.path = path
        self.description = description

    @property
    def arn(self):
        return f"arn:aws:iam::{self.account}:policy{self.path}{self.name}"


def managed_ref(name, account=None):
    if account:
        return {"PolicyName": name, "PolicyArn": f"arn:aws:iam::{account}:policy/{name}"}
    path = AWS_MANAGED_PATHS.get(name, "/")
    return {"PolicyName": name, "PolicyArn": f"arn:aws:iam::aws:policy{path}{name}"}


def github_oidc_trust(account, subjects=None):
    condition = {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}}
    if subjects:
        condition["StringLike" if any("*" in s for s in subjects) else "StringEquals"] = {
            "token.actions.githubusercontent.com:sub": subjects if len(subjects) > 1 else subjects[0]}
    return policy({
        "Effect": "Allow",
        "Principal": {"Federated": f"arn:aws:iam::{account}:oidc-provider/token.actions.githubusercontent.com"},
        "Action": "sts:AssumeRoleWithWebIdentity",
        "Condition": condition,
    })


def service_trust(service):
    return policy({"Effect": "Allow", "Principal": {"Service": service}, "Action": "sts:AssumeRole"})


# ----------------------------------------------------------------------------------------------
# CloudTrail

class Trail:
    """Collects one account's CloudTrail events and writes them in the S3 delivery layout."""

    def __init__(self, account, rnd):
        self.account = account
        self.rnd = rnd
        self.events = []

    def add(self, t, identity, source, name, params=None, response=None, read_only=False, ua=None,
            ip="AWS Internal", region=REGION, event_type="AwsApiCall", error=None, extra=None,
            resources=None, category="Management", management=True):
        event = {
            "eventVersion": "1.09" if event_type == "AwsApiCall" else "1.08",
            "userIdentity": identity,
            "eventTime": iso(t),
            "eventSource": source,
            "eventName": name,
            "awsRegion": region,
            "sourceIPAddress": ip,
            "userAgent": ua or ip,
        }
        if error:
            event["errorCode"], event["errorMessage"] = error
        event["requestParameters"] = params
        event["responseElements"] = response
        if extra:
            event["additionalEventData"] = extra
        if event_type == "AwsApiCall":
            event["requestID"] = self.rnd.uuid()
        event["eventID"] = self.rnd.uuid()
        event["readOnly"] = read_only
        if resources:
            event["resources"] = resources
        event["eventType"] = event_type
        event["managementEvent"] = management
        event["recipientAccountId"] = self.account
        event["eventCategory"] = category
        if event_type == "AwsApiCall" and not ua == ip:
            event["tlsDetails"] = {"tlsVersion": "TLSv1.3", "cipherSuite": "TLS_AES_128_GCM_SHA256",
                                   "clientProvidedHostHeader": host_header(source, region)}
        self.events.append((t, event))
        return event

    def last_used(self):
        """identity key -> (time, region, service) of its last event, for the inventories."""
        result = {}
        for t, event in self.events:
            identity = event["userIdentity"]
            keys = []
            if identity.get("type") == "AssumedRole":
                keys.append(("role", identity["sessionContext"]["sessionIssuer"]["userName"]))
            if identity.get("type") == "IAMUser" and identity.get("accountId") == self.account:
                keys.append(("user", identity["userName"]))
                if identity.get("accessKeyId"):
                    keys.append(("key", identity["accessKeyId"]))
                if event["eventName"] == "ConsoleLogin":
                    keys.append(("password", identity["userName"]))
            service = event["eventSource"].split(".")[0]
            for key in keys:
                if key not in result or result[key][0] < t:
                    result[key] = (t, event["awsRegion"], service)
        return result

    def write(self, root):
        """One file per region and day, named like CloudTrail names its S3 objects."""
        groups = {}
        for t, event in sorted(self.events, key=lambda e: (e[0], e[1]["eventID"])):
            groups.setdefault((event["awsRegion"], t.date()), []).append((t, event))
        for (region, day), items in sorted(groups.items()):
            last = items[-1][0]
            delivered = (last + timedelta(minutes=5 - last.minute % 5)).replace(second=0)
            stamp = delivered.strftime("%Y%m%dT%H%MZ")
            suffix = self.rnd.token(16)
            folder = os.path.join(root, "AWSLogs", self.account, "CloudTrail", region,
                                  f"{day.year:04d}", f"{day.month:02d}", f"{day.day:02d}")
            name = f"{self.account}_CloudTrail_{region}_{stamp}_{suffix}.json.gz"
            payload = json.dumps({"Records": [e for _, e in items]}, separators=(",", ":")).encode()
            write_bytes(os.path.join(folder, name), gzip_bytes(payload))


def host_header(source, region):
    service = source.split(".")[0]
    if service in ("iam", "signin"):
        return f"{service}.amazonaws.com"
    return f"{service}.{region}.amazonaws.com"


def session_identity(role, session, created, mfa=False, invoked_by=None, source_identity=None):
    identity = {
        "type": "AssumedRole",
        "principalId": f"{role.role_id}:{session}",
        "arn": f"arn:aws:sts::{role.account}:assumed-role/{role.name}/{session}",
        "accountId": role.account,
        "accessKeyId": "ASIA" + stable_id("", f"sts:{role.name}:{session}:{iso(created)}", 16),
        "sessionContext": {
            "sessionIssuer": {
                "type": "Role",
                "principalId": role.role_id,
                "arn": role.arn,
                "accountId": role.account,
                "userName": role.name,
            },
            "attributes": {"creationDate": iso(created), "mfaAuthenticated": "true" if mfa else "false"},
        },
    }
    if source_identity:
        identity["sessionContext"]["sourceIdentity"] = source_identity
    if invoked_by:
        identity["invokedBy"] = invoked_by
    return identity


def shadow_session_identity(account, role_name, session, created):
    """A session of a role the authorization details do not list (deleted before the export)."""
    role_id = stable_id("AROA", f"{account}:{role_name}")
    return {
        "type": "AssumedRole",
        "principalId": f"{role_id}:{session}",
        "arn": f"arn:aws:sts::{account}:assumed-role/{role_name}/{session}",
        "accountId": account,
        "accessKeyId": "ASIA" + stable_id("", f"sts:{role_name}:{session}:{iso(created)}", 16),
        "sessionContext": {
            "sessionIssuer": {"type": "Role", "principalId": role_id,
                              "arn": f"arn:aws:iam::{account}:role/{role_name}", "accountId": account,
                              "userName": role_name},
            "attributes": {"creationDate": iso(created), "mfaAuthenticated": "false"},
        },
    }


def user_identity(user, key=None):
    identity = {
        "type": "IAMUser",
        "principalId": user.user_id,
        "arn": user.arn,
        "accountId": user.account,
        "userName": user.name,
    }
    if key:
        identity["accessKeyId"] = key
    return identity


def service_identity(service):
    return {"type": "AWSService", "invokedBy": service}


# ----------------------------------------------------------------------------------------------
# The organisation, one quarter at a time

class Quarter:
    def __init__(self, name, rnd):
        self.name = name
        self.q4 = name == "2026-Q4"
        self.start, self.end = QUARTERS[name]
        self.rnd = rnd
        self.trails = {PROD: Trail(PROD, rnd), STG: Trail(STG, rnd)}
        self.k8s = {PROD_CLUSTER: [], STG_CLUSTER: []}
        self.github = []
        self.changes = []
        self.incidents = []
        self.build_identities()

    # -- inventory --------------------------------------------------------------------------

    def build_identities(self):
        q4 = self.q4
        p, s = PROD, STG
        self.roles = {}
        self.users = {}
        self.groups = {}
        self.policies = {}

        def add_role(role):
            self.roles[(role.account, role.name)] = role

        def add_user(user):
            self.users[(user.account, user.name)] = user

        # Customer managed policies
        deploy_doc = policy(
            allow(["cloudformation:*"], [f"arn:aws:cloudformation:{REGION}:{p}:stack/payments-*/*"], sid="PaymentsStacks"),
            allow(["codedeploy:*"], [f"arn:aws:codedeploy:{REGION}:{p}:*"], sid="CodeDeploy"),
            allow(["ecs:RegisterTaskDefinition", "ecs:DescribeTaskDefinition", "ecs:DescribeServices",
                   "ecs:UpdateService", "ecs:DescribeClusters"], "*", sid="Ecs"),
            allow(["iam:PassRole"], [f"arn:aws:iam::{p}:role/payments-api-task", f"arn:aws:iam::{p}:role/ecs-task-execution"],
                  sid="PassTaskRoles"),
            allow(["s3:GetObject", "s3:PutObject"], ["arn:aws:s3:::northwind-deploy-artifacts-prod/*"], sid="Artifacts"),
            allow(["lambda:UpdateFunctionCode", "lambda:UpdateAlias", "lambda:PublishVersion"],
                  [f"arn:aws:lambda:{REGION}:{p}:function:payments-*"], sid="PaymentsLambdas"),
        )
        self.policies[(p, "DeployPipelinePayments")] = CustomerPolicy(
            p, "DeployPipelinePayments", at("2025-03-11 10:02:41"),
            [("v3", at("2025-09-02 13:40:10"), deploy_doc)], path="/ci/",
            description="Deploy the payments stacks and services from GitHub Actions")
        staging_doc = policy(
            allow(["cloudformation:*", "ecs:*", "codedeploy:*", "autoscaling:*", "application-autoscaling:*"], "*"),
            allow(["iam:PassRole"], [f"arn:aws:iam::{s}:role/*-task"]),
            allow(["s3:GetObject", "s3:PutObject"], ["arn:aws:s3:::northwind-deploy-artifacts-staging/*"]),
        )
        self.policies[(s, "StagingDeployer")] = CustomerPolicy(
            s, "StagingDeployer", at("2025-03-14 09:12:05"), [("v1", at("2025-03-14 09:12:05"), staging_doc)],
            path="/ci/")

        # Production roles
        add_role(Role(p, "deploy-pipeline",
                      github_oidc_trust(p, ["repo:northwind/payments:environment:production"]),
                      at("2025-03-11 10:05:17"), path="/ci/", managed=[managed_ref("DeployPipelinePayments", p)],
                      description="GitHub Actions deploys of northwind/payments to production",
                      tags={"team": "platform", "purpose": "delivery"}))
        add_role(Role(p, "ops-autoscaler", service_trust("lambda.amazonaws.com"), at("2025-04-02 08:44:50"), path="/ops/",
                      inline={"runbook-actions": policy(
                          allow(["autoscaling:SetDesiredCapacity", "autoscaling:UpdateAutoScalingGroup",
                                 "autoscaling:DescribeAutoScalingGroups"], "*"),
                          allow(["ecs:UpdateService", "ecs:DescribeServices"], "*"),
                          allow(["rds:RebootDBInstance", "rds:FailoverDBCluster", "rds:DescribeDBClusters"], "*"))},
                      description="PagerDuty runbook Lambdas: scale-out and database failover",
                      tags={"team": "sre", "purpose": "operations"}))
        platform_trust = policy({
            "Effect": "Allow",
            "Principal": {"Federated": f"arn:aws:iam::{p}:oidc-provider/app.terraform.io"},
            "Action": "sts:AssumeRoleWithWebIdentity",
            "Condition": {"StringEquals": {"app.terraform.io:aud": "aws.workload.identity"},
                          "StringLike": {"app.terraform.io:sub": "organization:northwind:project:platform:workspace:prod-*:run_phase:*"}},
        })
        add_role(Role(p, "platform-automation", platform_trust, at("2024-11-20 16:31:09"),
                      managed=[managed_ref("AdministratorAccess")], max_session=7200,
                      description="Terraform Cloud runs of the platform workspaces",
                      tags={"team": "platform", "managed-by": "terraform"}))
        breakglass_trust = policy({
            "Effect": "Allow",
            "Principal": {"AWS": f"arn:aws:iam::{p}:root"},
            "Action": ["sts:AssumeRole", "sts:SetSourceIdentity"],
            "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"},
                          "ArnLike": {"aws:PrincipalArn": f"arn:aws:iam::{p}:role{SSO_PATH}{SSO_ENGINEER_ROLE}"}},
        })
        add_role(Role(p, "break-glass-admin", breakglass_trust, at("2024-06-03 11:00:00"), path="/emergency/",
                      managed=[managed_ref("AdministratorAccess")], max_session=43200,
                      description="Emergency administrator access; use only under an incident",
                      tags={"purpose": "break-glass", "owner": "sre"}))
        data_export_managed = [managed_ref("AdministratorAccess")] if not q4 else []
        data_export_inline = {} if not q4 else {"export-scoped": policy(
            allow(["athena:StartQueryExecution", "athena:GetQueryExecution", "athena:GetQueryResults"],
                  [f"arn:aws:athena:{REGION}:{p}:workgroup/exports"]),
            allow(["glue:GetTable", "glue:GetPartitions", "glue:GetDatabase"], "*"),
            allow(["s3:GetObject", "s3:PutObject", "s3:ListBucket"],
                  ["arn:aws:s3:::northwind-exports-prod", "arn:aws:s3:::northwind-exports-prod/*"]))}
        add_role(Role(p, "data-export", service_trust("glue.amazonaws.com"), at("2025-08-19 14:22:36"),
                      managed=data_export_managed, inline=data_export_inline,
                      description="Glue jobs that export shipment data for customers",
                      tags={"team": "data"}))
        vendor_trust = policy({"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{VENDOR_ACCOUNT}:root"},
                               "Action": "sts:AssumeRole"})
        add_role(Role(p, "vendor-monitoring", vendor_trust, at("2025-01-27 10:15:44"), path="/integrations/",
                      managed=[managed_ref("ReadOnlyAccess")],
                      description="Skyline Observability metrics collector", tags={"vendor": "skyline"}))
        add_role(Role(p, "payments-api-task", service_trust("ecs-tasks.amazonaws.com"), at("2025-03-11 10:05:20"),
                      inline={"payments-runtime": policy(
                          allow(["secretsmanager:GetSecretValue"], [f"arn:aws:secretsmanager:{REGION}:{p}:secret:payments/*"]),
                          allow(["sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage"],
                                [f"arn:aws:sqs:{REGION}:{p}:payments-*"]),
                          allow(["kms:Decrypt"], [f"arn:aws:kms:{REGION}:{p}:key/6f1b7c3e-2d4a-4b9e-9a51-0c8d7e2f4a10"]))},
                      tags={"team": "payments"}))
        add_role(Role(p, "ecs-task-execution", service_trust("ecs-tasks.amazonaws.com"), at("2025-03-11 10:05:19"),
                      managed=[managed_ref("AmazonECSTaskExecutionRolePolicy")],
                      last_used=(self.end - timedelta(hours=5, minutes=12), REGION)))
        add_role(Role(p, "AWSServiceRoleForConfig", service_trust("config.amazonaws.com"), at("2024-05-14 09:00:12"),
                      path="/aws-service-role/config.amazonaws.com/",
                      managed=[managed_ref("AWSConfigServiceRolePolicy")]))
        sso_trust = policy({"Effect": "Allow",
                            "Principal": {"Federated": f"arn:aws:iam::{p}:saml-provider/AWSSSO_3b8e0f6d21c4a977_DO_NOT_DELETE"},
                            "Action": ["sts:AssumeRoleWithSAML", "sts:TagSession"],
                            "Condition": {"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}}})
        add_role(Role(p, SSO_ENGINEER_ROLE, sso_trust, at("2024-05-14 09:30:00"), path=SSO_PATH,
                      managed=[managed_ref("ReadOnlyAccess")], max_session=28800))
        add_role(Role(p, SSO_READONLY_ROLE, sso_trust, at("2024-05-14 09:30:02"), path=SSO_PATH,
                      managed=[managed_ref("ReadOnlyAccess")], max_session=28800))
        if q4:
            add_role(Role(p, "gha-terraform-plan", github_oidc_trust(p), at("2026-10-14 10:21:07"), path="/ci/",
                          managed=[managed_ref("ReadOnlyAccess")],
                          description="terraform plan from GitHub Actions pull requests",
                          tags={"team": "platform"}))

        # Production users
        ci_key = AccessKey(key_id("ci-deployer"), at("2025-11-04 12:31:55"))
        add_user(User(p, "ci-deployer", at("2025-11-04 12:30:02"), keys=[ci_key],
                      inline={"ecr-push": policy(
                          allow(["ecr:GetAuthorizationToken"], "*"),
                          allow(["ecr:BatchCheckLayerAvailability", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart",
                                 "ecr:CompleteLayerUpload", "ecr:PutImage", "ecr:BatchGetImage"],
                                [f"arn:aws:ecr:{REGION}:{p}:repository/tracking-*"]),
                          *([allow("sts:AssumeRole", f"arn:aws:iam::{s}:role/ci/staging-deployer")] if q4 else []))},
                      tags={"ci": "github-actions", "team": "tracking"}))
        if not q4:
            reporting_keys = [AccessKey(LEAK_REPORTING_KEY_ID, at("2026-01-15 09:12:40"))]
        else:
            reporting_keys = [AccessKey(key_id("reporting-export-2026-10"), at("2026-10-05 08:02:11"))]
        add_user(User(p, "reporting-export", at("2026-01-15 09:11:58"), keys=reporting_keys,
                      inline={"export": policy(
                          allow(["athena:*"], "*"), allow(["glue:*"], "*"),
                          allow(["s3:*"], ["arn:aws:s3:::northwind-exports-prod", "arn:aws:s3:::northwind-exports-prod/*"]))},
                      tags={"team": "data"}))
        if not q4:
            add_user(User(p, "legacy-ftp-sync", at("2024-02-29 17:45:03"),
                          keys=[AccessKey(key_id("legacy-ftp-sync"), at("2024-03-01 08:00:41"))],
                          inline={"ftp-bucket": policy(allow(["s3:*"], ["arn:aws:s3:::northwind-ftp-drop/*"]))},
                          key_last_used_fixed={key_id("legacy-ftp-sync"): (at("2026-03-02 04:10:00"), REGION, "s3")}))
        add_user(User(p, "support-automation", at("2026-08-20 10:40:33"),
                      keys=[AccessKey(key_id("support-automation"), at("2026-08-20 10:41:07"))],
                      password=True, password_changed=at("2026-08-20 10:44:52"),
                      inline={"support-lookups": policy(
                          allow(["dynamodb:GetItem", "dynamodb:Query"], [f"arn:aws:dynamodb:{REGION}:{p}:table/shipments"]),
                          allow(["logs:FilterLogEvents"], "*"))},
                      tags={"team": "customer-ops"}))
        add_user(User(p, "vendor-edi-gateway", at("2025-06-12 13:02:19"),
                      keys=[AccessKey(key_id("vendor-edi-gateway"), at("2025-06-12 13:03:40"))],
                      inline={"edi-queue": policy(allow(["sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage"],
                                                        [f"arn:aws:sqs:{REGION}:{p}:customs-edi-*"]))},
                      tags={"vendor": "harbourline-customs"}))
        self.groups[(p, "integrations")] = Group(p, "integrations", at("2025-01-10 10:00:00"),
                                                 inline={"deny-iam": policy({"Effect": "Deny", "Action": "iam:*", "Resource": "*"})})
        for name in ("reporting-export", "support-automation", "vendor-edi-gateway"):
            self.users[(p, name)].groups.append("integrations")

        # Staging roles
        staging_subjects = ["repo:northwind/payments:environment:staging", "repo:northwind/tracking-api:environment:staging"]
        staging_trust = github_oidc_trust(s, staging_subjects)
        if q4:
            staging_trust["Statement"].append({"Sid": "ProdCiPromotion", "Effect": "Allow",
                                               "Principal": {"AWS": f"arn:aws:iam::{p}:user/ci-deployer"},
                                               "Action": "sts:AssumeRole"})
        add_role(Role(s, "staging-deployer", staging_trust, at("2025-03-14 09:12:30"), path="/ci/",
                      managed=[managed_ref("StagingDeployer", s)], tags={"team": "platform"}))
        add_role(Role(s, "terraform-staging", policy({
            "Effect": "Allow",
            "Principal": {"Federated": f"arn:aws:iam::{s}:oidc-provider/app.terraform.io"},
            "Action": "sts:AssumeRoleWithWebIdentity",
            "Condition": {"StringEquals": {"app.terraform.io:aud": "aws.workload.identity"},
                          "StringLike": {"app.terraform.io:sub": "organization:northwind:project:platform:workspace:staging-*:run_phase:*"}}}),
            at("2024-11-20 16:40:51"), managed=[managed_ref("PowerUserAccess")], tags={"team": "platform"}))
        add_role(Role(s, "qa-loadtest", service_trust("ec2.amazonaws.com"), at("2025-12-01 15:20:00"),
                      inline={"loadtest": policy(allow(["ec2:*", "s3:*", "cloudwatch:PutMetricData"], "*"))},
                      last_used=(at("2026-04-18 22:51:13"), REGION)))
        add_role(Role(s, "AWSServiceRoleForConfig", service_trust("config.amazonaws.com"), at("2024-05-14 09:02:40"),
                      path="/aws-service-role/config.amazonaws.com/", managed=[managed_ref("AWSConfigServiceRolePolicy")]))
        staging_sso = json.loads(json.dumps(sso_trust).replace(p, s))
        add_role(Role(s, SSO_ENGINEER_ROLE, staging_sso, at("2024-05-14 09:31:00"), path=SSO_PATH,
                      managed=[managed_ref("PowerUserAccess")], max_session=28800))

        # Staging users
        add_user(User(s, "build-cache-sync", at("2025-12-02 11:05:00"),
                      keys=[AccessKey(LEAK_BUILDCACHE_KEY_ID, at("2025-12-02 11:05:31"), active=False)],
                      inline={"cache": policy(allow(["s3:GetObject", "s3:PutObject"], ["arn:aws:s3:::northwind-build-cache/*"]))},
                      key_last_used_fixed={LEAK_BUILDCACHE_KEY_ID: (at("2026-06-19 18:02:00"), REGION, "s3")}))
        add_user(User(s, "staging-artifacts-sync", at("2026-07-22 09:40:10"),
                      keys=[AccessKey(LEAK_ARTIFACTS_KEY_ID, at("2026-07-22 09:41:02"))],
                      inline={"artifacts": policy(allow(["s3:GetObject", "s3:PutObject", "s3:ListBucket"],
                                                        ["arn:aws:s3:::northwind-deploy-artifacts-staging",
                                                         "arn:aws:s3:::northwind-deploy-artifacts-staging/*"]),
                                                  allow(["cloudformation:DescribeStacks"], "*"))},
                      tags={"team": "tracking"}))

    def role(self, account, name):
        return self.roles[(account, name)]

    def user(self, account, name):
        return self.users[(account, name)]

    # -- activity ---------------------------------------------------------------------------

    def days(self):
        d = self.start
        while d <= self.end:
            yield d
            d += timedelta(days=1)

    def staging_gap(self):
        """2026-Q4: the staging trail was stopped by a Terraform change and restarted nine days later."""
        if not self.q4:
            return None
        return at("2026-11-13 17:42:09"), at("2026-11-23 10:05:31")

    def in_staging_gap(self, t):
        gap = self.staging_gap()
        return gap is not None and gap[0] < t < gap[1]

    def generate(self):
        self.background_aws()
        self.releases()
        self.platform_changes()
        self.data_and_integrations()
        self.incidents_and_recovery()
        self.quarter_specific()
        self.background_k8s()
        self.github_background()

    def background_aws(self):
        """Steady read traffic every six hours, so each trail covers the whole period."""
        rnd = self.rnd
        for account in (PROD, STG):
            config_role = self.role(account, "AWSServiceRoleForConfig")
            trail = self.trails[account]
            day = self.start
            slot = 0
            while day <= self.end:
                t = day + timedelta(minutes=17) + rnd.jitter(40)
                day += timedelta(hours=6)
                slot += 1
                if account == STG and self.in_staging_gap(t):
                    continue
                session = "AWSConfig-Describe"
                if slot % 2 == 0:
                    trail.add(t, service_identity("config.amazonaws.com"), "sts.amazonaws.com", "AssumeRole",
                              params={"roleArn": config_role.arn, "roleSessionName": session},
                              response={"credentials": {"accessKeyId": "ASIA" + rnd.token(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"),
                                                        "expiration": (t + timedelta(hours=1)).strftime("%b %-d, %Y, %-I:%M:%S %p")},
                                        "assumedRoleUser": {"assumedRoleId": f"{config_role.role_id}:{session}",
                                                            "arn": f"arn:aws:sts::{account}:assumed-role/{config_role.name}/{session}"}},
                              read_only=True, ip="config.amazonaws.com",
                              resources=[{"accountId": account, "type": "AWS::IAM::Role", "ARN": config_role.arn}])
                else:
                    name = rnd.pick(["DescribeInstances", "DescribeSecurityGroups", "DescribeVolumes"])
                    trail.add(t, session_identity(config_role, session, t - timedelta(minutes=3),
                                                  invoked_by="config.amazonaws.com"),
                              "ec2.amazonaws.com", name, params={"maxResults": 1000}, read_only=True,
                              ip="config.amazonaws.com")
                if account == PROD and slot % 3 == 0:
                    vendor = self.role(PROD, "vendor-monitoring")
                    tv = t + timedelta(minutes=9)
                    trail.add(tv, session_identity(vendor, "skyline-poller", tv - timedelta(minutes=2)),
                              "monitoring.amazonaws.com", "GetMetricData",
                              params={"startTime": iso(tv - timedelta(minutes=15)), "endTime": iso(tv)},
                              read_only=True, ua=UA_VENDOR, ip=rnd.ip("198.51.100."))
                if account == PROD and slot % 4 == 1:
                    task = self.role(PROD, "payments-api-task")
                    tt = t + timedelta(minutes=23)
                    session_name = rnd.hexid(32)
                    trail.add(tt, session_identity(task, session_name, tt - timedelta(minutes=40)),
                              "secretsmanager.amazonaws.com", "GetSecretValue",
                              params={"secretId": f"arn:aws:secretsmanager:{REGION}:{PROD}:secret:payments/stripe-webhook-Xk29Qa"},
                              read_only=True, ua=UA_JAVA_SDK, ip=rnd.ip("10.20.14."))

    def add_change(self, cid, system, environment, requested_by, approved_by, executed_by, start, end, status):
        self.changes.append([cid, system, environment, requested_by, approved_by, executed_by,
                             iso(start) if start else "", iso(end) if end else "", status])

    def payments_release(self, t, trail, deploy, release, cid, approved_by=None, requested_by=None,
                         status="completed", github_approver="elena-petrov"):
        """A GitHub Actions release of payments: CloudFormation, then a CodeDeploy blue/green of the ECS service."""
        rnd = self.rnd
        run_id = 11_800_000_000 + int(t.timestamp()) % 100_000_000
        session = f"GitHubActions-{run_id}"
        created = t - timedelta(minutes=1)
        ident = session_identity(deploy, session, created)
        ua = UA_AWS_CLI_GHA
        ip = rnd.ip("20.61.122.")
        trail.add(t, ident, "ecs.amazonaws.com", "RegisterTaskDefinition",
                  params={"family": "payments-api", "taskRoleArn": f"arn:aws:iam::{PROD}:role/payments-api-task",
                          "executionRoleArn": f"arn:aws:iam::{PROD}:role/ecs-task-execution",
                          "containerDefinitions": [{"name": "payments-api",
                                                    "image": f"{PROD}.dkr.ecr.{REGION}.amazonaws.com/payments-api:{release}"}]},
                  ua=ua.format(command="ecs.register-task-definition"), ip=ip)
        trail.add(t + timedelta(minutes=1), ident, "cloudformation.amazonaws.com", "UpdateStack",
                  params={"stackName": "payments-api-prod", "usePreviousTemplate": False,
                          "templateURL": f"https://northwind-deploy-artifacts-prod.s3.{REGION}.amazonaws.com/payments/{release}/stack.yaml",
                          "capabilities": ["CAPABILITY_NAMED_IAM"]},
                  response={"stackId": f"arn:aws:cloudformation:{REGION}:{PROD}:stack/payments-api-prod/5d0f7c10-1e2b-11f0-9c3a-0a8e5f1b2c3d"},
                  ua=ua.format(command="cloudformation.update-stack"), ip=ip)
        deployment_id = "d-" + rnd.token(9, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        trail.add(t + timedelta(minutes=3), ident, "codedeploy.amazonaws.com", "CreateDeployment",
                  params={"applicationName": "payments-api", "deploymentGroupName": "payments-api-prod",
                          "revision": {"revisionType": "AppSpecContent",
                                       "appSpecContent": {"sha256": hashlib.sha256(release.encode()).hexdigest()}}},
                  response={"deploymentId": deployment_id},
                  ua=ua.format(command="deploy.create-deployment"), ip=ip)
        self.add_change(cid, "payments-api", "production", requested_by or "marco.rossi@" + DOMAIN,
                        approved_by or "elena.petrov@" + DOMAIN, deploy.canonical,
                        t - timedelta(minutes=30), t + timedelta(hours=1, minutes=30), status)
        self.github_workflow("northwind/payments", "deploy.yml", "Deploy", t - timedelta(minutes=4), run_id,
                             environment="production", approver=github_approver)
        return deployment_id

    def tracking_release(self, t, cluster, version, cid=None):
        """ci-deployer pushes the image from GitHub Actions, then Argo CD rolls it out."""
        rnd = self.rnd
        if cluster == PROD_CLUSTER:
            ci = self.user(PROD, "ci-deployer")
            trail = self.trails[PROD]
            ident = user_identity(ci, ci.keys[0].id)
            ip = rnd.ip("4.175.112.")
            trail.add(t, ident, "ecr.amazonaws.com", "GetAuthorizationToken", params={}, read_only=True,
                      ua=UA_AWS_CLI_GHA.format(command="ecr.get-login-password"), ip=ip)
            trail.add(t + timedelta(minutes=2), ident, "ecr.amazonaws.com", "PutImage",
                      params={"repositoryName": "tracking-api", "imageTag": version,
                              "registryId": PROD},
                      ua="docker/27.2.0 go/go1.21.13 git-commit/3ab5c7d kernel/6.5.0-1025-azure os/linux arch/amd64 UpstreamClient(docker-buildx)",
                      ip=ip)
            self.add_change(cid, "tracking-api", "production", "jonas.keller@" + DOMAIN, "elena.petrov@" + DOMAIN,
                            f"k8s:{PROD_CLUSTER}:serviceaccount:argocd:argocd-application-controller",
                            t - timedelta(minutes=20), t + timedelta(hours=2), "completed")
        image = f"{PROD}.dkr.ecr.{REGION}.amazonaws.com/tracking-api:{version}"
        self.k8s_event(cluster, t + timedelta(minutes=14), "argocd", "argocd-application-controller", "patch",
                       "deployments", "tracking", "tracking-api",
                       request_object={"spec": {"template": {"spec": {"containers": [{"name": "tracking-api", "image": image}]}}}},
                       ua=UA_ARGOCD, ip="10.42.3.17", with_received=True)

    def releases(self):
        """Weekly payments releases (Tuesday) and tracking releases (Thursday), each inside its change window."""
        deploy = self.role(PROD, "deploy-pipeline")
        trail = self.trails[PROD]
        number = 1
        prefix = "CHG-2026-" + ("3" if not self.q4 else "4")
        for day in self.days():
            tue = day.weekday() == 1
            thu = day.weekday() == 3
            if tue and not self.skip_release(day):
                release = f"v{day:%Y.%m.%d}-1"
                self.payments_release(day + timedelta(hours=9, minutes=5) + self.rnd.jitter(20), trail, deploy, release,
                                      cid=f"{prefix}{number:03d}")
                number += 1
            if thu and not self.skip_release(day):
                version = f"{day:%Y.%m.%d}"
                self.tracking_release(day + timedelta(hours=13, minutes=10) + self.rnd.jitter(20), PROD_CLUSTER, version,
                                      cid=f"{prefix}{number:03d}")
                number += 1
            if day.weekday() in (0, 2) and not (self.q4 and day > at("2026-11-02 00:00")):
                self.tracking_release(day + timedelta(hours=10, minutes=30) + self.rnd.jitter(60), STG_CLUSTER,
                                      f"{day:%Y.%m.%d}-rc")
            if day.weekday() in (0, 3) and not self.in_staging_gap(day + timedelta(hours=15)):
                self.staging_deploy(day + timedelta(hours=15) + self.rnd.jitter(90))

    def skip_release(self, day):
        """No releases in the last week of December (freeze) nor over Black Friday week."""
        if day >= at("2026-12-21 00:00"):
            return True
        if at("2026-11-23 00:00") <= day <= at("2026-11-29 23:59"):
            return True
        return False

    def staging_deploy(self, t):
        rnd = self.rnd
        role = self.role(STG, "staging-deployer")
        trail = self.trails[STG]
        run_id = 11_900_000_000 + int(t.timestamp()) % 100_000_000
        ident = session_identity(role, f"GitHubActions-{run_id}", t - timedelta(minutes=1))
        ip = rnd.ip("20.61.122.")
        trail.add(t, ident, "cloudformation.amazonaws.com", "UpdateStack",
                  params={"stackName": "payments-api-staging", "usePreviousTemplate": False,
                          "capabilities": ["CAPABILITY_NAMED_IAM"]},
                  ua=UA_AWS_CLI_GHA.format(command="cloudformation.update-stack"), ip=ip)
        trail.add(t + timedelta(minutes=4), ident, "ecs.amazonaws.com", "UpdateService",
                  params={"cluster": "payments-staging", "service": "payments-api",
                          "taskDefinition": f"arn:aws:ecs:{REGION}:{STG}:task-definition/payments-api:{200 + t.timetuple().tm_yday}",
                          "forceNewDeployment": False},
                  ua=UA_AWS_CLI_GHA.format(command="ecs.update-service"), ip=ip)
        self.github_workflow("northwind/payments", "deploy.yml", "Deploy", t - timedelta(minutes=3), run_id,
                             environment="staging")

    def platform_changes(self):
        """Terraform Cloud applies by platform-automation, each inside an infrastructure change."""
        role = self.role(PROD, "platform-automation")
        trail = self.trails[PROD]
        rnd = self.rnd
        applies = ([at("2026-07-15 14:05"), at("2026-08-12 14:10"), at("2026-09-16 14:02")] if not self.q4 else
                   [at("2026-10-12 14:04"), at("2026-10-14 10:15"), at("2026-11-18 14:08")])
        for index, t in enumerate(applies):
            cid = f"CHG-2026-{'3' if not self.q4 else '4'}{900 + index}"
            session = f"terraform-run-{rnd.token(16, 'abcdefghijklmnopqrstuvwxyz0123456789')}"
            ident = session_identity(role, session, t - timedelta(minutes=1))
            ip = rnd.ip("52.86.200.")
            for minute, (source, name, params) in enumerate([
                ("ec2.amazonaws.com", "DescribeSecurityGroups", {"groupIdSet": {"items": [{"groupId": "sg-0a1b2c3d4e5f60718"}]}}),
                ("iam.amazonaws.com", "GetRole", {"roleName": "payments-api-task"}),
                ("ec2.amazonaws.com", "AuthorizeSecurityGroupIngress",
                 {"groupId": "sg-0a1b2c3d4e5f60718", "ipPermissions": {"items": [{"ipProtocol": "tcp", "fromPort": 443, "toPort": 443,
                                                                                  "ipRanges": {"items": [{"cidrIp": "10.20.0.0/16"}]}}]}}),
                ("logs.amazonaws.com", "PutRetentionPolicy", {"logGroupName": "/ecs/payments-api", "retentionInDays": 400}),
            ]):
                region = GLOBAL_REGION if source == "iam.amazonaws.com" else REGION
                trail.add(t + timedelta(minutes=minute), ident, source, name, params=params,
                          read_only=name.startswith(("Describe", "Get")), ua=UA_TERRAFORM.format(api=source.split(".")[0]),
                          ip=ip, region=region)
            if self.q4 and index == 0:
                # The data-export role loses AdministratorAccess (the Q3 finding is fixed).
                trail.add(t + timedelta(minutes=5), ident, "iam.amazonaws.com", "DetachRolePolicy",
                          params={"roleName": "data-export", "policyArn": "arn:aws:iam::aws:policy/AdministratorAccess"},
                          ua=UA_TERRAFORM.format(api="iam"), ip=ip, region=GLOBAL_REGION)
                trail.add(t + timedelta(minutes=6), ident, "iam.amazonaws.com", "PutRolePolicy",
                          params={"roleName": "data-export", "policyName": "export-scoped"},
                          ua=UA_TERRAFORM.format(api="iam"), ip=ip, region=GLOBAL_REGION)
            if self.q4 and index == 1:
                plan = self.role(PROD, "gha-terraform-plan")
                trail.add(t + timedelta(minutes=5), ident, "iam.amazonaws.com", "CreateRole",
                          params={"roleName": plan.name, "path": plan.path,
                                  "assumeRolePolicyDocument": json.dumps(plan.trust),
                                  "description": plan.description},
                          ua=UA_TERRAFORM.format(api="iam"), ip=ip, region=GLOBAL_REGION)
                trail.add(t + timedelta(minutes=6), ident, "iam.amazonaws.com", "AttachRolePolicy",
                          params={"roleName": plan.name, "policyArn": "arn:aws:iam::aws:policy/ReadOnlyAccess"},
                          ua=UA_TERRAFORM.format(api="iam"), ip=ip, region=GLOBAL_REGION)
            requested = "tomas.berg@" + DOMAIN
            self.add_change(cid, "platform-infrastructure", "production", requested, "elena.petrov@" + DOMAIN,
                            role.canonical, t - timedelta(minutes=15), t + timedelta(hours=1), "completed")

    def data_and_integrations(self):
        """Nightly exports, the EDI gateway, the support tool, the data-export Glue job."""
        rnd = self.rnd
        trail = self.trails[PROD]
        reporting = self.user(PROD, "reporting-export")
        edi = self.user(PROD, "vendor-edi-gateway")
        export = self.role(PROD, "data-export")
        for day in self.days():
            if day.weekday() < 5:
                t = day + timedelta(hours=2, minutes=5) + rnd.jitter(10)
                key = reporting.keys[0].id
                if self.q4 and day < at("2026-10-06 00:00"):
                    continue_export = False   # exports paused while the leaked key was rotated
                else:
                    continue_export = True
                if continue_export:
                    trail.add(t, user_identity(reporting, key), "athena.amazonaws.com", "StartQueryExecution",
                              params={"queryString": "SELECT * FROM shipments_daily WHERE day = current_date - interval '1' day",
                                      "workGroup": "exports"},
                              response={"queryExecutionId": rnd.uuid()},
                              ua="Boto3/1.34.120 md/Botocore#1.34.120 ua/2.0 os/linux#5.15.0-1066-aws md/arch#x86_64 lang/python#3.11.9 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34.120",
                              ip="203.0.113.40")
            if day.weekday() in (0, 2, 4):
                t = day + timedelta(hours=6, minutes=30) + rnd.jitter(15)
                trail.add(t, user_identity(edi, edi.keys[0].id), "sqs.amazonaws.com", "ReceiveMessage",
                          params={"queueUrl": f"https://sqs.{REGION}.amazonaws.com/{PROD}/customs-edi-inbound",
                                  "maxNumberOfMessages": 10}, read_only=False,
                          ua="aws-sdk-dotnet-coreclr/3.7.400.12 aws-sdk-dotnet-core/3.7.400.12 .NET_Core/8.0.8 OS/Microsoft_Windows_10.0.20348",
                          ip="198.51.100.77")
            if day.weekday() == 6:
                t = day + timedelta(hours=3) + rnd.jitter(20)
                trail.add(t, session_identity(export, "GlueJobRunnerSession", t - timedelta(minutes=2),
                                              invoked_by="glue.amazonaws.com"),
                          "glue.amazonaws.com", "GetTable", params={"databaseName": "shipments", "name": "shipments_daily"},
                          read_only=True, ip="glue.amazonaws.com")
        # Human console use of the support-automation user (it has a console password).
        support = self.user(PROD, "support-automation")
        logins = [at("2026-08-24 08:52:31"), at("2026-09-21 09:14:02")] if not self.q4 else [at("2026-11-19 08:47:55")]
        for t in logins:
            trail.add(t, user_identity(support), "signin.amazonaws.com", "ConsoleLogin",
                      response={"ConsoleLogin": "Success"},
                      extra={"LoginTo": "https://console.aws.amazon.com/console/home?region=eu-west-1",
                             "MobileVersion": "No", "MFAUsed": "No"},
                      ua=UA_BROWSER, ip="203.0.113.25", region=GLOBAL_REGION, event_type="AwsConsoleSignIn")
            trail.add(t + timedelta(minutes=3), user_identity(support), "logs.amazonaws.com", "FilterLogEvents",
                      params={"logGroupName": "/ecs/payments-api", "filterPattern": "\"order 4471\""},
                      read_only=True, ua=UA_CONSOLE, ip="203.0.113.25")
        # The integration's real work, through its access key.
        for day in self.days():
            if day.weekday() < 5 and day.day % 3 == 0 and day > support.created:
                t = day + timedelta(hours=11) + rnd.jitter(300)
                trail.add(t, user_identity(support, support.keys[0].id), "dynamodb.amazonaws.com", "Query",
                          params={"tableName": "shipments", "indexName": "by-customer"}, read_only=True,
                          ua="aws-sdk-nodejs/2.1691.0 linux/v20.17.0 exec-env/zendesk-sidecar promise", ip="198.51.100.140")

    def incidents_and_recovery(self):
        if not self.q4:
            self.incident_q3_tracking()
            self.incident_q3_database()
        else:
            self.incident_q4_payments()
            self.incident_q4_tracking()

    def add_incident(self, iid, severity, declared, resolved, responders, review_at, review_ref):
        self.incidents.append([iid, severity, iso(declared), iso(resolved) if resolved else "",
                               ";".join(responders), iso(review_at) if review_at else "", review_ref or ""])

    def breakglass_session(self, t, who, actions, ip="203.0.113.25"):
        role = self.role(PROD, "break-glass-admin")
        trail = self.trails[PROD]
        engineer = self.role(PROD, SSO_ENGINEER_ROLE)
        session = who
        sso_session = session_identity(engineer, who, t - timedelta(hours=1), mfa=True)
        trail.add(t, sso_session, "sts.amazonaws.com", "AssumeRole",
                  params={"roleArn": role.arn, "roleSessionName": session, "durationSeconds": 43200,
                          "sourceIdentity": who},
                  response={"assumedRoleUser": {"assumedRoleId": f"{role.role_id}:{session}",
                                                "arn": f"arn:aws:sts::{PROD}:assumed-role/{role.name}/{session}"},
                            "sourceIdentity": who},
                  ua=UA_CONSOLE, ip=ip,
                  resources=[{"accountId": PROD, "type": "AWS::IAM::Role", "ARN": role.arn}])
        ident = session_identity(role, session, t, mfa=True, source_identity=who)
        for offset, (source, name, params, read_only) in actions:
            region = GLOBAL_REGION if source == "iam.amazonaws.com" else REGION
            trail.add(t + timedelta(minutes=offset), ident, source, name, params=params, read_only=read_only,
                      ua=UA_CONSOLE if not read_only else UA_BROWSER, ip=ip, region=region)

    def oncall_scale(self, t, replicas):
        self.k8s_event(PROD_CLUSTER, t, "ops", "oncall-runner", "patch", "deployments", "tracking", "tracking-api",
                       subresource="scale", request_object={"spec": {"replicas": replicas}}, ua=UA_ONCALL,
                       ip="10.42.7.31", with_received=True)

    def oncall_restart(self, t):
        self.k8s_event(PROD_CLUSTER, t, "ops", "oncall-runner", "patch", "deployments", "tracking", "tracking-api",
                       request_object={"spec": {"template": {"metadata": {"annotations": {
                           "kubectl.kubernetes.io/restartedAt": iso(t)}}}}},
                       ua=UA_ONCALL, ip="10.42.7.31", with_received=True)

    def ops_lambda(self, t, function, source, name, params):
        role = self.role(PROD, "ops-autoscaler")
        self.trails[PROD].add(t, session_identity(role, function, t - timedelta(seconds=40)), source, name,
                              params=params, ua=UA_BOTO_LAMBDA, ip=self.rnd.ip("34.253.18."))

    def incident_q3_tracking(self):
        declared, resolved = at("2026-08-23 14:02:10"), at("2026-08-23 16:31:44")
        self.oncall_scale(at("2026-08-23 14:20:05"), 10)
        self.ops_lambda(at("2026-08-23 14:25:40"), "scale-out-runbook", "autoscaling.amazonaws.com", "SetDesiredCapacity",
                        {"autoScalingGroupName": "eks-prod-eu-1-workers-7ac1b2", "desiredCapacity": 12, "honorCooldown": False})
        self.oncall_restart(at("2026-08-23 14:35:12"))
        self.breakglass_session(at("2026-08-23 14:41:00"), "aisha.khan@" + DOMAIN, [
            (2, ("ec2.amazonaws.com", "DescribeInstances", {"filterSet": {"items": [{"name": "tag:eks:nodegroup-name", "valueSet": {"items": [{"value": "workers"}]}}]}}, True)),
            (6, ("eks.amazonaws.com", "UpdateNodegroupConfig", {"name": PROD_CLUSTER, "nodegroupName": "workers",
                                                                "scalingConfig": {"minSize": 6, "maxSize": 20, "desiredSize": 12}}, False)),
        ])
        self.add_incident("INC-2026-0823", "sev2", declared, resolved,
                          ["aisha.khan@" + DOMAIN, f"k8s:{PROD_CLUSTER}:serviceaccount:ops:oncall-runner",
                           self.role(PROD, "ops-autoscaler").canonical, self.role(PROD, "break-glass-admin").canonical],
                          at("2026-08-26 15:00:00"), "PIR-2026-0823")

    def incident_q3_database(self):
        declared, resolved = at("2026-09-11 03:10:22"), at("2026-09-11 04:05:09")
        self.ops_lambda(at("2026-09-11 03:18:47"), "rds-failover-runbook", "rds.amazonaws.com", "FailoverDBCluster",
                        {"dBClusterIdentifier": "payments-prod", "targetDBInstanceIdentifier": "payments-prod-2"})
        self.add_incident("INC-2026-0911", "sev3", declared, resolved,
                          ["aisha.khan@" + DOMAIN, self.role(PROD, "ops-autoscaler").canonical],
                          at("2026-09-14 10:30:00"), "PIR-2026-0911")

    def incident_q4_payments(self):
        """The release of 5 November breaks payments; the deploy pipeline itself is used to recover (dual use)."""
        deploy = self.role(PROD, "deploy-pipeline")
        trail = self.trails[PROD]
        # The release change CHG-2026-4xxx of that Tuesday was replaced by this Thursday release.
        release_time = at("2026-11-05 08:41:12")
        deployment_id = self.payments_release(release_time, trail, deploy, "v2026.11.05-1", cid="CHG-2026-4105",
                                              requested_by="marco.rossi@" + DOMAIN)
        declared, resolved = at("2026-11-05 09:12:40"), at("2026-11-05 11:40:03")
        run_id = 11_812_345_678
        session = f"GitHubActions-{run_id}"
        ident = session_identity(deploy, session, at("2026-11-05 09:29:50"))
        ip = self.rnd.ip("20.61.122.")
        self.github_workflow("northwind/payments", "scale.yml", "Emergency scale", at("2026-11-05 09:29:02"), run_id,
                             environment="production", actor="marco-rossi")
        trail.add(at("2026-11-05 09:31:08"), ident, "ecs.amazonaws.com", "UpdateService",
                  params={"cluster": "payments-prod", "service": "payments-api", "desiredCount": 12},
                  ua=UA_AWS_CLI_GHA.format(command="ecs.update-service"), ip=ip)
        run_id2 = 11_812_399_001
        ident2 = session_identity(deploy, f"GitHubActions-{run_id2}", at("2026-11-05 09:57:30"))
        self.github_workflow("northwind/payments", "rollback.yml", "Rollback", at("2026-11-05 09:56:44"), run_id2,
                             environment="production", actor="marco-rossi")
        trail.add(at("2026-11-05 09:58:21"), ident2, "codedeploy.amazonaws.com", "StopDeployment",
                  params={"deploymentId": deployment_id, "autoRollbackEnabled": True},
                  response={"status": "Pending", "statusMessage": "Stopping Pending. Stopping to be started."},
                  ua=UA_AWS_CLI_GHA.format(command="deploy.stop-deployment"), ip=ip)
        trail.add(at("2026-11-05 10:06:45"), ident2, "cloudformation.amazonaws.com", "RollbackStack",
                  params={"stackName": "payments-api-prod"},
                  response={"stackId": f"arn:aws:cloudformation:{REGION}:{PROD}:stack/payments-api-prod/5d0f7c10-1e2b-11f0-9c3a-0a8e5f1b2c3d"},
                  ua=UA_AWS_CLI_GHA.format(command="cloudformation.rollback-stack"), ip=ip)
        self.breakglass_session(at("2026-11-05 10:15:30"), "marco.rossi@" + DOMAIN, [
            (3, ("elasticloadbalancing.amazonaws.com", "DescribeRules",
                 {"listenerArn": f"arn:aws:elasticloadbalancing:{REGION}:{PROD}:listener/app/payments-prod/3e1c7a9f5b2d4c60/8a7b6c5d4e3f2a10"}, True)),
            (9, ("elasticloadbalancing.amazonaws.com", "ModifyRule",
                 {"ruleArn": f"arn:aws:elasticloadbalancing:{REGION}:{PROD}:listener-rule/app/payments-prod/3e1c7a9f5b2d4c60/8a7b6c5d4e3f2a10/1f2e3d4c5b6a7980",
                  "actions": [{"type": "forward", "forwardConfig": {"targetGroups": [
                      {"targetGroupArn": f"arn:aws:elasticloadbalancing:{REGION}:{PROD}:targetgroup/payments-blue/0a1b2c3d4e5f6071", "weight": 100},
                      {"targetGroupArn": f"arn:aws:elasticloadbalancing:{REGION}:{PROD}:targetgroup/payments-green/1b2c3d4e5f607182", "weight": 0}]}}]},
                 False)),
        ])
        self.add_incident("INC-2026-1105", "sev2", declared, resolved,
                          ["marco.rossi@" + DOMAIN, "aisha.khan@" + DOMAIN, deploy.canonical,
                           self.role(PROD, "break-glass-admin").canonical],
                          at("2026-11-18 16:00:00"), "PIR-2026-1105")

    def incident_q4_tracking(self):
        declared, resolved = at("2026-12-03 06:40:18"), at("2026-12-03 07:55:40")
        self.oncall_restart(at("2026-12-03 06:52:31"))
        self.oncall_scale(at("2026-12-03 07:01:09"), 9)
        self.add_incident("INC-2026-1203", "sev3", declared, resolved,
                          ["aisha.khan@" + DOMAIN, f"k8s:{PROD_CLUSTER}:serviceaccount:ops:oncall-runner"],
                          at("2026-12-07 11:00:00"), "PIR-2026-1203")

    def quarter_specific(self):
        trail = self.trails[PROD]
        stg = self.trails[STG]
        rnd = self.rnd
        if not self.q4:
            self.add_change("CHG-2026-3950", "payments-api", "production", "marco.rossi@" + DOMAIN, "elena.petrov@" + DOMAIN,
                            self.role(PROD, "deploy-pipeline").canonical, at("2026-09-24 09:00"), at("2026-09-24 11:00"),
                            "rejected")
            # qa-loadtest was last used in April; build-cache-sync's key was deactivated after a leak in June.
            return
        deploy = self.role(PROD, "deploy-pipeline")
        # Black Friday: a payments-worker deploy during the change freeze, with no change record.
        t = at("2026-11-27 15:12:44")
        run_id = 11_899_001_122
        self.github_workflow("northwind/payments", "deploy-worker.yml", "Deploy worker", t - timedelta(minutes=3), run_id,
                             environment="production", actor="svc-northwind-ci")
        trail.add(t, session_identity(deploy, f"GitHubActions-{run_id}", t - timedelta(minutes=1)),
                  "ecs.amazonaws.com", "UpdateService",
                  params={"cluster": "payments-prod", "service": "payments-worker",
                          "taskDefinition": f"arn:aws:ecs:{REGION}:{PROD}:task-definition/payments-worker:88",
                          "forceNewDeployment": True},
                  ua=UA_AWS_CLI_GHA.format(command="ecs.update-service"), ip=rnd.ip("20.61.122."))
        # An emergency hotfix approved by the deploy pipeline's own owner.
        t = at("2026-12-19 21:34:10")
        self.payments_release(t, trail, deploy, "v2026.12.19-hotfix", cid="CHG-2026-4219",
                              approved_by="tomas.berg@" + DOMAIN, requested_by="tomas.berg@" + DOMAIN,
                              status="emergency", github_approver="tomas-berg")
        # The release bot approves its own tracking-api release train change.
        t = at("2026-12-15 13:20:00")
        self.add_change("CHG-2026-4215", "tracking-api", "production", f"github:{GH_ORG}:app:release-bot",
                        f"github:{GH_ORG}:app:release-bot", f"github:{GH_ORG}:app:release-bot",
                        t - timedelta(minutes=20), t + timedelta(hours=2), "completed")
        self.github_release_bot(t)
        # A scale-out with neither incident nor change ("pre-warming" for a campaign).
        self.ops_lambda(at("2026-12-10 02:14:36"), "scale-out-runbook", "autoscaling.amazonaws.com", "SetDesiredCapacity",
                        {"autoScalingGroupName": "eks-prod-eu-1-workers-7ac1b2", "desiredCapacity": 10, "honorCooldown": False})
        # Break-glass without an incident: a contractor role is created, used, then deleted (a shadow identity).
        contractor_trust = json.dumps(policy({"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{CONTRACTOR_ACCOUNT}:root"},
                                              "Action": "sts:AssumeRole"}))
        self.breakglass_session(at("2026-12-05 10:02:00"), "tomas.berg@" + DOMAIN, [
            (4, ("iam.amazonaws.com", "CreateRole", {"roleName": "contractor-migration", "path": "/",
                                                      "assumeRolePolicyDocument": contractor_trust}, False)),
            (5, ("iam.amazonaws.com", "AttachRolePolicy", {"roleName": "contractor-migration",
                                                            "policyArn": "arn:aws:iam::aws:policy/AmazonRDSFullAccess"}, False)),
        ])
        for day_offset in range(1, 7):
            t = at("2026-12-05 11:00") + timedelta(days=day_offset, hours=rnd.rng.randint(0, 6))
            session = "migration-" + f"{t:%m%d}"
            trail.add(t - timedelta(minutes=1), {"type": "AWSAccount", "principalId": "AIDA" + stable_id("", "contractor", 17) ,
                                                 "accountId": CONTRACTOR_ACCOUNT},
                      "sts.amazonaws.com", "AssumeRole",
                      params={"roleArn": f"arn:aws:iam::{PROD}:role/contractor-migration", "roleSessionName": session},
                      ua="aws-cli/2.18.0 md/awscrt#0.22.0 ua/2.0 os/windows#10 md/arch#amd64 lang/python#3.12.6 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/prompt#off md/command#sts.assume-role",
                      ip="192.0.2.61")
            ident = shadow_session_identity(PROD, "contractor-migration", session, t - timedelta(minutes=1))
            trail.add(t, ident, "rds.amazonaws.com", "DescribeDBSnapshots", params={"dBInstanceIdentifier": "shipments-prod"},
                      read_only=True, ua="aws-cli/2.18.0 md/command#rds.describe-db-snapshots", ip="192.0.2.61")
            if day_offset in (2, 4):
                trail.add(t + timedelta(minutes=6), ident, "rds.amazonaws.com", "CreateDBSnapshot",
                          params={"dBInstanceIdentifier": "shipments-prod", "dBSnapshotIdentifier": f"migration-{t:%Y%m%d}"},
                          ua="aws-cli/2.18.0 md/command#rds.create-db-snapshot", ip="192.0.2.61")
                trail.add(t + timedelta(minutes=48), ident, "rds.amazonaws.com", "ModifyDBSnapshotAttribute",
                          params={"dBSnapshotIdentifier": f"migration-{t:%Y%m%d}", "attributeName": "restore",
                                  "valuesToAdd": [CONTRACTOR_ACCOUNT]},
                          ua="aws-cli/2.18.0 md/command#rds.modify-db-snapshot-attribute", ip="192.0.2.61")
        self.breakglass_session(at("2026-12-12 16:30:00"), "tomas.berg@" + DOMAIN, [
            (3, ("iam.amazonaws.com", "DetachRolePolicy", {"roleName": "contractor-migration",
                                                            "policyArn": "arn:aws:iam::aws:policy/AmazonRDSFullAccess"}, False)),
            (4, ("iam.amazonaws.com", "DeleteRole", {"roleName": "contractor-migration"}, False)),
        ])
        # Production CI keys reused to promote into staging (cross-environment reuse).
        ci = self.user(PROD, "ci-deployer")
        staging_role = self.role(STG, "staging-deployer")
        for t in [at("2026-10-21 15:40:11"), at("2026-11-04 15:52:30"), at("2026-12-02 16:05:18"), at("2026-12-16 15:47:02")]:
            if self.in_staging_gap(t):
                continue
            session = f"promote-{t:%Y%m%d}"
            stg.add(t, user_identity(ci, ci.keys[0].id), "sts.amazonaws.com", "AssumeRole",
                    params={"roleArn": staging_role.arn, "roleSessionName": session},
                    response={"assumedRoleUser": {"assumedRoleId": f"{staging_role.role_id}:{session}",
                                                  "arn": f"arn:aws:sts::{STG}:assumed-role/{staging_role.name}/{session}"}},
                    ua=UA_AWS_CLI_GHA.format(command="sts.assume-role"), ip=rnd.ip("4.175.112."),
                    resources=[{"accountId": STG, "type": "AWS::IAM::Role", "ARN": staging_role.arn}])
            stg.add(t + timedelta(minutes=2), session_identity(staging_role, session, t), "ecs.amazonaws.com", "UpdateService",
                    params={"cluster": "payments-staging", "service": "payments-api",
                            "taskDefinition": f"arn:aws:ecs:{REGION}:{STG}:task-definition/payments-api:{200 + t.timetuple().tm_yday}"},
                    ua=UA_AWS_CLI_GHA.format(command="ecs.update-service"), ip=rnd.ip("4.175.112."))
        # Pull-request plans through the loosely trusted OIDC role.
        plan = self.role(PROD, "gha-terraform-plan")
        day = at("2026-10-15 00:00")
        while day <= self.end:
            if day.weekday() in (1, 3):
                t = day + timedelta(hours=11) + rnd.jitter(240)
                run_id = 11_950_000_000 + int(t.timestamp()) % 100_000_000
                ident = session_identity(plan, f"GitHubActions-{run_id}", t - timedelta(minutes=1))
                self.github_workflow("northwind/infrastructure", "plan.yml", "Terraform plan", t - timedelta(minutes=2), run_id)
                for minute, (source, name) in enumerate([("ec2.amazonaws.com", "DescribeSecurityGroups"),
                                                         ("iam.amazonaws.com", "GetRole"),
                                                         ("rds.amazonaws.com", "DescribeDBClusters")]):
                    trail.add(t + timedelta(seconds=20 * minute), ident, source, name, params={}, read_only=True,
                              ua=UA_TERRAFORM.format(api=source.split(".")[0]), ip=rnd.ip("20.61.122."),
                              region=GLOBAL_REGION if source == "iam.amazonaws.com" else REGION)
            day += timedelta(days=1)
        # The staging trail is stopped by Terraform and restarted nine days later.
        tf = self.role(STG, "terraform-staging")
        start, end = self.staging_gap()
        tf_ident = session_identity(tf, "terraform-run-staging-" + rnd.token(8, "abcdefghijklmnopqrstuvwxyz0123456789"), start - timedelta(minutes=2))
        stg.add(start - timedelta(seconds=30), tf_ident, "cloudtrail.amazonaws.com", "UpdateTrail",
                params={"name": "org-staging-trail", "s3BucketName": "northwind-cloudtrail-staging-v2"},
                ua=UA_TERRAFORM.format(api="cloudtrail"), ip=rnd.ip("52.86.200."))
        stg.add(start, tf_ident, "cloudtrail.amazonaws.com", "StopLogging", params={"name": "org-staging-trail"},
                ua=UA_TERRAFORM.format(api="cloudtrail"), ip=rnd.ip("52.86.200."))
        engineer = self.role(STG, SSO_ENGINEER_ROLE)
        stg.add(end, session_identity(engineer, "tomas.berg@" + DOMAIN, end - timedelta(minutes=20), mfa=True),
                "cloudtrail.amazonaws.com", "StartLogging", params={"name": "org-staging-trail"},
                ua=UA_CONSOLE, ip="203.0.113.25")
        # The leaked staging artifacts key keeps working.
        art = self.user(STG, "staging-artifacts-sync")
        for t in [at("2026-10-08 07:10:00"), at("2026-11-09 07:12:40"), at("2026-12-14 07:09:55")]:
            stg.add(t, user_identity(art, art.keys[0].id), "cloudformation.amazonaws.com", "DescribeStacks",
                    params={"stackName": "payments-api-staging"}, read_only=True,
                    ua="aws-cli/1.33.5 Python/3.9.19 Linux/5.15.0-1064-aws botocore/1.34.113", ip="203.0.113.88")

    # -- Kubernetes -------------------------------------------------------------------------

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
            sa("default", "tracking"),
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
        if prod:
            items.append(pod("legacy-importer-84c9f6d7b-p9v5z", "tracking", "legacy-importer",
                             "ghcr.io/northwind/legacy-importer:0.4.1", "legacy-importer-84c9f6d7b",
                             "ip-10-42-4-15.eu-west-1.compute.internal", when="2026-03-02T06:00:00Z"))
        return {"apiVersion": "v1", "items": items, "kind": "List", "metadata": {"resourceVersion": ""}}

    # -- GitHub -----------------------------------------------------------------------------

    def github_event(self, t, action, actor, fields, bot=False, access=None, token=None, integration=None,
                     operation="modify", ua=None, ip=None, repo=None):
        event = {
            "@timestamp": epoch_ms(t),
            "_document_id": self.rnd.token(22, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
            "action": action,
            "actor": actor,
            "actor_id": GITHUB_ACTOR_IDS.get(actor, 100000000),
            "actor_is_bot": bot,
        }
        if ip:
            event["actor_ip"] = ip
        event["actor_location"] = {"country_code": "IE" if not bot else "US"}
        event["created_at"] = epoch_ms(t)
        event["operation_type"] = operation
        event["org"] = GH_ORG
        event["org_id"] = GH_ORG_ID
        if repo:
            event["repo"] = repo
            event["repo_id"] = GITHUB_REPO_IDS[repo]
        if access:
            event["programmatic_access_type"] = access
        if token:
            event.update(token)
        if integration:
            event["integration"] = integration
        if ua:
            event["user_agent"] = ua
        event.update(fields)
        self.github.append((t, event))

    def github_workflow(self, repo, path, name, t, run_id, environment=None, actor=None, approver=None):
        """A workflow run: created, (approved for an environment,) job prepared, completed."""
        actor = actor or "github-actions[bot]"
        bot = actor.endswith("[bot]")
        workflow_id = 60_000_000 + sum(ord(c) for c in repo + path) * 97
        sha = hashlib.sha1(f"{repo}{run_id}".encode()).hexdigest()
        common = {"workflow_id": workflow_id, "workflow_run_id": run_id, "head_branch": "main", "head_sha": sha,
                  "name": name, "event": "workflow_dispatch" if not bot else "push", "run_attempt": 1}
        self.github_event(t, "workflows.created_workflow_run", actor, dict(common, trigger_id=run_id + 7),
                          bot=bot, operation="create", repo=repo)
        offset = timedelta(seconds=20)
        if approver and environment:
            self.github_event(t + timedelta(seconds=50), "workflows.approve_workflow_job", approver,
                              {"workflow_run_id": run_id, "job_name": f"deploy-{environment}",
                               "environment_name": environment, "comment": "LGTM, change ticket attached"},
                              operation="modify", ua=UA_BROWSER, ip="203.0.113.25", repo=repo)
            offset = timedelta(seconds=70)
        job = {"workflow_run_id": run_id, "job_name": f"deploy-{environment}" if environment else "build",
               "job_workflow_ref": f"{repo}/.github/workflows/{path}@refs/heads/main", "runner_name": "GitHub Actions 412",
               "runner_group_name": "GitHub Actions", "secrets_passed": []}
        if environment:
            job["environment_name"] = environment
        self.github_event(t + offset, "workflows.prepared_workflow_job", "github-actions[bot]", job, bot=True,
                          operation="modify", repo=repo)
        self.github_event(t + timedelta(minutes=6), "workflows.completed_workflow_run", actor,
                          dict(common, conclusion="success", completed_at=iso(t + timedelta(minutes=6)),
                               started_at=iso(t)), bot=bot, operation="modify", repo=repo)

    def github_release_bot(self, t):
        token = {"token_id": 0, "hashed_token": hashed("ghs_release-bot-installation-token-2026-12-15")}
        self.github_event(t, "pull_request_review.submit", "release-bot[bot]",
                          {"pull_request_id": 2144051234, "review_state": "approved", "user": "release-bot[bot]"},
                          bot=True, access="GitHub App server-to-server token", token=token, integration="release-bot",
                          operation="modify", ua="release-bot/3.2.0 octokit-rest.js/20.1.1", repo="northwind/tracking-api")
        self.github_event(t + timedelta(minutes=1), "pull_request.merge", "release-bot[bot]",
                          {"pull_request_id": 2144051234, "pull_request_title": "Release train 2026.12.15"},
                          bot=True, access="GitHub App server-to-server token", token=token, integration="release-bot",
                          operation="modify", ua="release-bot/3.2.0 octokit-rest.js/20.1.1", repo="northwind/tracking-api")

    def github_background(self):
        rnd = self.rnd
        pat = {"token_id": 1184213, "hashed_token": hashed("ghp_svcNorthwindCiClassicTokenExample0000"),
               "token_scopes": "repo,workflow,admin:org"}
        for day in self.days():
            t = day + timedelta(hours=8) + rnd.jitter(90)
            self.github_event(t, "git.clone", "svc-northwind-ci", {"transport_protocol_name": "http",
                                                                    "transport_protocol": 1, "repository": "northwind/tracking-api",
                                                                    "repository_public": False},
                              access="Personal access token (classic)", token=pat, operation="access",
                              ua="git/2.45.2", ip=rnd.ip("4.175.112."), repo="northwind/tracking-api")
            if day.weekday() < 5:
                run_id = 11_700_000_000 + int(day.timestamp()) % 100_000_000
                self.github_workflow(rnd.pick(["northwind/tracking-api", "northwind/payments", "northwind/infrastructure"]),
                                     "ci.yml", "CI", day + timedelta(hours=14) + rnd.jitter(180), run_id)
            if day.weekday() == 0:
                self.github_event(day + timedelta(hours=5) + rnd.jitter(60), "pull_request.create", "dependabot[bot]",
                                  {"pull_request_title": "Bump golang.org/x/net from 0.28.0 to 0.30.0"},
                                  bot=True, access="GitHub App server-to-server token",
                                  token={"token_id": 0, "hashed_token": hashed(f"ghs_dependabot-{day:%Y%m%d}")},
                                  integration="dependabot", operation="create", ua="dependabot-core/0.279.0",
                                  repo="northwind/tracking-api")
        protection = at("2026-07-09 11:20:00") if not self.q4 else at("2026-10-07 11:20:00")
        self.github_event(protection, "protected_branch.update_required_approving_review_count", "tomas-berg",
                          {"name": "main", "required_approving_review_count": 2}, operation="modify",
                          ua=UA_BROWSER, ip="203.0.113.25", repo="northwind/payments")
        self.github_event(protection + timedelta(minutes=4), "environment.update_protection_rule", "tomas-berg",
                          {"environment_name": "production", "reviewers": ["elena-petrov", "aisha-khan"], "wait_timer": 0},
                          operation="modify", ua=UA_BROWSER, ip="203.0.113.25", repo="northwind/payments")
        if self.q4:
            # The shared machine account, signed in through the browser, pushes past branch protection.
            t = at("2026-12-16 18:03:27")
            self.github_event(t, "protected_branch.policy_override", "svc-northwind-ci",
                              {"name": "main", "overridden_codes": ["pull_request_required"]}, operation="modify",
                              ua=UA_BROWSER, ip="203.0.113.61", repo="northwind/payments")
            self.github_event(at("2026-10-14 09:40:00"), "environment.create_actions_secret", "tomas-berg",
                              {"environment_name": "production", "key": "TF_PLAN_ROLE_ARN"}, operation="create",
                              ua=UA_BROWSER, ip="203.0.113.25", repo="northwind/infrastructure")
        self.github_event(self.start + timedelta(days=20, hours=9), "org.oauth_app_access_approved", "aisha-khan",
                          {"oauth_application_name": "Skyline Observability", "oauth_application_id": 902101},
                          operation="modify", ua=UA_BROWSER, ip="203.0.113.25")
        self.github_event(self.start + timedelta(days=20, hours=12), "repo.download_zip", "skyline-observability-sync",
                          {"oauth_application_id": 902101, "repository": "northwind/infrastructure"},
                          access="OAuth access token",
                          token={"token_id": 0, "hashed_token": hashed("gho_skylineOauthTokenExample00000000000"),
                                 "token_scopes": "read:org"},
                          operation="access", ua="skyline-collector/4.12.0", ip="198.51.100.9",
                          repo="northwind/infrastructure")

    def write_github(self, root):
        lines = [json.dumps(e, separators=(",", ":")) for _, e in sorted(self.github, key=lambda x: (x[0], x[1]["_document_id"]))]
        write_text(os.path.join(root, "github", "audit-log.jsonl"), "\n".join(lines) + "\n")

    # -- AWS inventory files ----------------------------------------------------------------

    def write_aws(self, root):
        for account in (PROD, STG):
            trail = self.trails[account]
            used = trail.last_used()
            base = os.path.join(root, "aws", account)
            write_text(os.path.join(base, "credential-report.csv"), self.credential_report(account, used))
            write_json(os.path.join(base, "authorization-details.json"),
                       self.authorization_details(account, used, url_encoded=(account == STG)), indent=4)
            trail.write(os.path.join(base, "cloudtrail"))

    def credential_report(self, account, used):
        header = ["user", "arn", "user_creation_time", "password_enabled", "password_last_used", "password_last_changed",
                  "password_next_rotation", "mfa_active", "access_key_1_active", "access_key_1_last_rotated",
                  "access_key_1_last_used_date", "access_key_1_last_used_region", "access_key_1_last_used_service",
                  "access_key_2_active", "access_key_2_last_rotated", "access_key_2_last_used_date",
                  "access_key_2_last_used_region", "access_key_2_last_used_service", "cert_1_active",
                  "cert_1_last_rotated", "cert_2_active", "cert_2_last_rotated"]
        root_created = at("2024-05-14 08:55:02") if account == PROD else at("2024-05-14 08:57:40")
        root_used = (at("2026-06-30 09:12:00") if account == PROD else "no_information")
        rows = [["<root_account>", f"arn:aws:iam::{account}:root", iso_offset(root_created), "not_supported",
                 iso_offset(root_used) if root_used != "no_information" else root_used,
                 "not_supported", "not_supported", "true", "false", "N/A", "N/A", "N/A", "N/A",
                 "false", "N/A", "N/A", "N/A", "N/A", "false", "N/A", "false", "N/A"]]
        for (acct, name), user in sorted(self.users.items()):
            if acct != account:
                continue
            if user.password:
                pwd = used.get(("password", name))
                password = ["true", iso_offset(pwd[0]) if pwd else (iso_offset(user.password_last_used) if user.password_last_used else "no_information"),
                            iso_offset(user.password_changed), "N/A"]
            else:
                password = ["false", "N/A", "N/A", "N/A"]
            keys = []
            for index in range(2):
                if index < len(user.keys):
                    key = user.keys[index]
                    last = used.get(("key", key.id)) or user.key_last_used_fixed.get(key.id)
                    keys += ["true" if key.active else "false", iso_offset(key.created),
                             iso_offset(last[0]) if last else "N/A", last[1] if last else "N/A", last[2] if last else "N/A"]
                else:
                    keys += ["false", "N/A", "N/A", "N/A", "N/A"]
            rows.append([name, user.arn, iso_offset(user.created)] + password + ["true" if user.mfa else "false"] + keys +
                        ["false", "N/A", "false", "N/A"])
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
        return buffer.getvalue()

    def authorization_details(self, account, used, url_encoded):
        def trust_document(doc):
            return urllib.parse.quote(json.dumps(doc, separators=(",", ":")), safe="") if url_encoded else doc

        users = []
        for (acct, name), user in sorted(self.users.items()):
            if acct != account:
                continue
            users.append({
                "Path": user.path, "UserName": name, "UserId": user.user_id, "Arn": user.arn,
                "CreateDate": iso_offset(user.created),
                "UserPolicyList": [{"PolicyName": n, "PolicyDocument": d} for n, d in sorted(user.inline.items())],
                "GroupList": user.groups,
                "AttachedManagedPolicies": user.managed,
                "Tags": [{"Key": k, "Value": v} for k, v in sorted(user.tags.items())],
            })
        groups = []
        for (acct, name), group in sorted(self.groups.items()):
            if acct != account:
                continue
            groups.append({
                "Path": "/", "GroupName": name, "GroupId": stable_id("AGPA", f"{acct}:{name}"),
                "Arn": f"arn:aws:iam::{acct}:group/{name}", "CreateDate": iso_offset(group.created),
                "GroupPolicyList": [{"PolicyName": n, "PolicyDocument": d} for n, d in sorted(group.inline.items())],
                "AttachedManagedPolicies": group.managed,
            })
        roles = []
        attached = {}
        for (acct, name), role in sorted(self.roles.items()):
            if acct != account:
                continue
            for ref in role.managed:
                attached[ref["PolicyArn"]] = attached.get(ref["PolicyArn"], 0) + 1
            last = used.get(("role", name))
            if last:
                role_last_used = {"LastUsedDate": iso_offset(last[0]), "Region": last[1]}
            elif role.last_used:
                role_last_used = {"LastUsedDate": iso_offset(role.last_used[0]), "Region": role.last_used[1]}
            else:
                role_last_used = {}
            entry = {
                "Path": role.path, "RoleName": name, "RoleId": role.role_id, "Arn": role.arn,
                "CreateDate": iso_offset(role.created),
                "AssumeRolePolicyDocument": trust_document(role.trust),
                "InstanceProfileList": [],
                "RolePolicyList": [{"PolicyName": n, "PolicyDocument": d} for n, d in sorted(role.inline.items())],
                "AttachedManagedPolicies": role.managed,
                "Tags": [{"Key": k, "Value": v} for k, v in sorted(role.tags.items())],
                "RoleLastUsed": role_last_used,
            }
            if role.description:
                entry["Description"] = role.description
            entry["MaxSessionDuration"] = role.max_session
            if name == "qa-loadtest":
                entry["InstanceProfileList"] = [{
                    "Path": "/", "InstanceProfileName": "qa-loadtest", "InstanceProfileId": stable_id("AIPA", "qa-loadtest"),
                    "Arn": f"arn:aws:iam::{acct}:instance-profile/qa-loadtest", "CreateDate": iso_offset(role.created),
                    "Roles": []}]
            roles.append(entry)
        for (acct, name), user in self.users.items():
            if acct == account:
                for ref in user.managed:
                    attached[ref["PolicyArn"]] = attached.get(ref["PolicyArn"], 0) + 1
        policies = []
        for (acct, name), pol in sorted(self.policies.items()):
            if acct != account:
                continue
            versions = [{"Document": doc, "VersionId": vid, "IsDefaultVersion": i == len(pol.versions) - 1,
                         "CreateDate": iso_offset(created)} for i, (vid, created, doc) in enumerate(pol.versions)]
            policies.append({
                "PolicyName": name, "PolicyId": stable_id("ANPA", f"{acct}:{name}"), "Arn": pol.arn, "Path": pol.path,
                "DefaultVersionId": pol.versions[-1][0], "AttachmentCount": attached.get(pol.arn, 0),
                "PermissionsBoundaryUsageCount": 0, "IsAttachable": True, "CreateDate": iso_offset(pol.created),
                "UpdateDate": iso_offset(pol.versions[-1][1]), "PolicyVersionList": versions,
            })
        for arn in sorted(attached):
            name = arn.rsplit("/", 1)[1]
            if not arn.startswith("arn:aws:iam::aws:policy"):
                continue
            document = AWS_MANAGED.get(name, policy(allow(["config:Put*", "ec2:Describe*", "iam:GetRole", "s3:GetBucketPolicy"])))
            policies.append({
                "PolicyName": name, "PolicyId": stable_id("ANPA", "aws:" + name), "Arn": arn,
                "Path": AWS_MANAGED_PATHS.get(name, "/"), "DefaultVersionId": "v1", "AttachmentCount": attached[arn],
                "PermissionsBoundaryUsageCount": 0, "IsAttachable": True, "CreateDate": "2015-02-06T18:39:46+00:00",
                "UpdateDate": "2015-02-06T18:39:46+00:00",
                "PolicyVersionList": [{"Document": document, "VersionId": "v1", "IsDefaultVersion": True,
                                       "CreateDate": "2015-02-06T18:39:46+00:00"}],
            })
        return {"UserDetailList": users, "GroupDetailList": groups, "RoleDetailList": roles, "Policies": policies}

    # -- scanners and records ---------------------------------------------------------------

    def write_scanner(self, root):
        def hit(rule, description, line, match, secret, path, commit, author, email, when, message, tags=()):
            start_col = match.index(secret) + 1 if secret in match else 1
            return {
                "RuleID": rule, "Description": description, "StartLine": line, "EndLine": line,
                "StartColumn": start_col, "EndColumn": start_col + len(secret) - 1, "Match": match, "Secret": secret,
                "File": path, "SymlinkFile": "", "Commit": commit, "Entropy": round(3.5 + (len(set(secret)) % 10) / 10, 6),
                "Author": author, "Email": email, "Date": when, "Message": message, "Tags": list(tags),
                "Fingerprint": f"{commit}:{path}:{rule}:{line}",
            }

        def leak(key, secret, path, commit, author, email, when, message, line):
            return [
                hit("aws-access-token", "Identified a pattern that may indicate AWS credentials, risking unauthorized cloud resource access and data breaches on AWS platforms.",
                    line, f"aws_access_key_id = {key}", key, path, commit, author, email, when, message),
                hit("generic-api-key", "Detected a Generic API Key, potentially exposing access to various services and sensitive operations.",
                    line + 1, f"aws_secret_access_key = {secret}", secret, path, commit, author, email, when, message),
            ]

        findings = []
        findings += leak(LEAK_BUILDCACHE_KEY_ID, LEAK_BUILDCACHE_SECRET, "ci/cache/upload.sh",
                         "9c1e4b7a2f6d8e0c3b5a7d9f1e2c4b6a8d0f2e4c", "Jonas Keller", "jonas.keller@" + DOMAIN,
                         "2026-06-18T16:44:09Z", "Speed up cache uploads", 12)
        findings += leak(LEAK_REPORTING_KEY_ID, LEAK_REPORTING_SECRET, "notebooks/export_check.py",
                         "4f2a9d7c1b3e5f7a9c0e2d4b6f8a1c3e5d7b9f0a", "Li Wei", "li.wei@" + DOMAIN,
                         "2026-09-12T10:22:31Z", "Debug the nightly export", 7)
        if self.q4:
            findings += leak(LEAK_ARTIFACTS_KEY_ID, LEAK_ARTIFACTS_SECRET, "deploy/staging/.env.example",
                             "b7d3f1a9c5e2d8b4f0a6c2e9d5b1f7a3c8e4d0b6", "Jonas Keller", "jonas.keller@" + DOMAIN,
                             "2026-11-30T14:05:52Z", "Document staging variables", 3)
        write_json(os.path.join(root, "scanners", "gitleaks.json"), findings, indent=1)

    def write_records(self, root):
        q4 = self.q4
        owners = [
            (f"arn:aws:iam::{PROD}:role/deploy-pipeline", "tomas.berg@" + DOMAIN, "platform", "delivery", "production", "2027-06-30", ""),
            (f"arn:aws:iam::{PROD}:role/ops-autoscaler", "aisha.khan@" + DOMAIN, "sre", "operations", "production", "2027-06-30", ""),
            (f"arn:aws:iam::{PROD}:role/platform-automation", "tomas.berg@" + DOMAIN, "platform", "delivery", "production", "2027-03-31", ""),
            (f"arn:aws:iam::{PROD}:role/break-glass-admin", "aisha.khan@" + DOMAIN, "sre", "break-glass", "production", "2027-06-30", ""),
            (f"arn:aws:iam::{PROD}:role/vendor-monitoring", "aisha.khan@" + DOMAIN, "sre", "integration", "production", "2027-01-31", ""),
            (f"arn:aws:iam::{PROD}:role/payments-api-task", "marco.rossi@" + DOMAIN, "payments", "runtime", "production", "", ""),
            (f"arn:aws:iam::{PROD}:role/ecs-task-execution", "marco.rossi@" + DOMAIN, "payments", "runtime", "production", "", ""),
            (f"arn:aws:iam::{PROD}:user/ci-deployer", "jonas.keller@" + DOMAIN, "tracking", "delivery", "production", "2027-06-30", ""),
            (f"arn:aws:iam::{PROD}:user/reporting-export", "li.wei@" + DOMAIN, "data", "integration", "production", "2027-06-30", ""),
            (f"arn:aws:iam::{PROD}:user/support-automation", "sofia.nilsson@" + DOMAIN, "customer-ops", "integration", "production", "2027-06-30", "nhi"),
            (f"arn:aws:iam::{PROD}:user/vendor-edi-gateway", "li.wei@" + DOMAIN, "data", "integration", "production", "2027-03-31", ""),
            (f"arn:aws:iam::{STG}:role/staging-deployer", "tomas.berg@" + DOMAIN, "platform", "delivery", "staging", "2027-06-30", ""),
            (f"arn:aws:iam::{STG}:role/terraform-staging", "tomas.berg@" + DOMAIN, "platform", "delivery", "staging", "2027-06-30", ""),
            (f"arn:aws:iam::{STG}:role/qa-loadtest", "", "", "", "staging", "", ""),
            (f"arn:aws:iam::{STG}:user/staging-artifacts-sync", "jonas.keller@" + DOMAIN, "tracking", "delivery", "staging", "2027-06-30", ""),
            (f"arn:aws:iam::{STG}:user/build-cache-sync", "jonas.keller@" + DOMAIN, "tracking", "delivery", "staging", "2026-12-31", ""),
        ]
        if q4:
            owners.append((f"arn:aws:iam::{PROD}:role/data-export", "li.wei@" + DOMAIN, "data", "integration", "production", "2027-06-30", ""))
            owners.append((f"arn:aws:iam::{PROD}:role/gha-terraform-plan", "tomas.berg@" + DOMAIN, "platform", "delivery", "production", "2027-06-30", ""))
        else:
            owners.append((f"arn:aws:iam::{PROD}:user/legacy-ftp-sync", "li.wei@" + DOMAIN, "data", "integration", "production", "2026-06-30", ""))
        for cluster, env in ((PROD_CLUSTER, "production"), (STG_CLUSTER, "staging")):
            owners += [
                (f"k8s:{cluster}:serviceaccount:argocd:argocd-application-controller", "tomas.berg@" + DOMAIN, "platform", "delivery", env, "", ""),
                (f"k8s:{cluster}:serviceaccount:argocd:argocd-server", "tomas.berg@" + DOMAIN, "platform", "delivery", env, "", ""),
                (f"k8s:{cluster}:serviceaccount:ops:oncall-runner", "aisha.khan@" + DOMAIN, "sre", "operations", env, "", ""),
                (f"k8s:{cluster}:serviceaccount:monitoring:prometheus", "aisha.khan@" + DOMAIN, "sre", "runtime", env, "", ""),
                (f"k8s:{cluster}:serviceaccount:tracking:tracking-api", "jonas.keller@" + DOMAIN, "tracking", "runtime", env, "", ""),
            ]
        owners += [
            (f"github:{GH_ORG}:app:release-bot", "tomas.berg@" + DOMAIN, "platform", "delivery", "production", "", ""),
            (f"github:{GH_ORG}:bot:github-actions[bot]", "tomas.berg@" + DOMAIN, "platform", "delivery", "", "", ""),
            (f"github:{GH_ORG}:bot:dependabot[bot]", "jonas.keller@" + DOMAIN, "tracking", "integration", "", "", ""),
            (f"github:{GH_ORG}:user:svc-northwind-ci", "jonas.keller@" + DOMAIN, "tracking", "integration", "", "2027-06-30", "nhi"),
            (f"github:{GH_ORG}:oauth-app:902101", "aisha.khan@" + DOMAIN, "sre", "integration", "", "2027-01-31", ""),
        ]
        write_csv(os.path.join(root, "owners.csv"),
                  ["identity", "owner", "team", "purpose", "environment", "approved_until", "kind"], owners)
        write_csv(os.path.join(root, "changes.csv"),
                  ["id", "system", "environment", "requested_by", "approved_by", "executed_by", "window_start", "window_end", "status"],
                  sorted(self.changes, key=lambda r: (r[6] or "9999", r[0])))
        write_csv(os.path.join(root, "incidents.csv"),
                  ["id", "severity", "declared_at", "resolved_at", "responders", "review_completed_at", "review_ref"],
                  sorted(self.incidents, key=lambda r: r[2]))

    def write_assessment(self, root):
        waivers = [
            {"id": "WVR-2026-007", "rule": "long-lived-credential", "identity": f"arn:aws:iam::{PROD}:user/vendor-edi-*",
             "justification": "Harbourline Customs' EDI client cannot rotate keys until the contract renewal in March 2027",
             "owner": "li.wei@" + DOMAIN, "approved_by": "ciso@" + DOMAIN, "reference": "RISK-2026-031", "expires": "2027-03-31"},
            {"id": "WVR-2026-012", "rule": "overprivileged-identity", "identity": f"arn:aws:iam::{PROD}:role/platform-automation",
             "justification": "Terraform bootstrap needs AdministratorAccess until the workspaces are split into scoped roles (PLAT-412)",
             "owner": "tomas.berg@" + DOMAIN, "approved_by": "ciso@" + DOMAIN, "reference": "RISK-2026-044", "expires": "2026-11-30"},
        ]
        if self.q4:
            waivers.append(
                {"id": "WVR-2026-019", "rule": "third-party-trust", "identity": f"arn:aws:iam::{PROD}:role/vendor-monitoring",
                 "justification": "Skyline Observability supports external ids from its February 2027 release; the role is read-only",
                 "owner": "aisha.khan@" + DOMAIN, "approved_by": "ciso@" + DOMAIN, "reference": "RISK-2026-058",
                 "expires": "2027-02-28"})
        lines = ["# Accepted risks: each covers the open findings of one rule for the identities its pattern matches.", "waivers:"]
        for waiver in waivers:
            first = True
            for key in ("id", "rule", "identity", "justification", "owner", "approved_by", "reference", "expires"):
                prefix = "  - " if first else "    "
                lines.append(f"{prefix}{key}: {yaml_scalar(waiver[key])}")
                first = False
        write_text(os.path.join(root, "waivers.yaml"), "\n".join(lines) + "\n")

        quarter = self.name
        attestations = [
            (["GV.RR-02", "NHI1:2025"], f"Quarterly NHI access review completed for the production and staging accounts ({quarter})",
             f"attestations/access-review-{quarter}.md", "ciso@" + DOMAIN,
             "2026-09-25" if not self.q4 else "2026-12-16", "2027-03-31" if not self.q4 else "2027-06-30",
             access_review(quarter)),
        ]
        if self.q4:
            attestations.append(
                (["GV.SC-07"], "Third-party integrations (Skyline Observability, Harbourline Customs) re-assessed against the supplier policy",
                 "attestations/supplier-review-2026-Q4.md", "ciso@" + DOMAIN, "2026-12-10", "2027-06-30", supplier_review()))
        lines = ["# Manual controls, each attested with a document kept in this folder (hashed into the pack).", "attestations:"]
        for controls, statement, evidence, by, when, expires, document in attestations:
            lines.append(f"  - controls: [{', '.join(json.dumps(c) for c in controls)}]")
            lines.append(f"    statement: {yaml_scalar(statement)}")
            lines.append(f"    evidence: {evidence}")
            lines.append(f"    attested_by: {by}")
            lines.append(f"    attested_at: {when}")
            lines.append(f"    expires: {expires}")
            write_text(os.path.join(root, evidence), document)
        write_text(os.path.join(root, "attestations.yaml"), "\n".join(lines) + "\n")

    def write_scope(self, root):
        start, end = self.start.date().isoformat(), self.end.date().isoformat()
        text = f"""# Northwind Freight, {self.name}: what is in scope and where each export came from.
organisation: {ORG_NAME}
period:
  start: {start}
  end: {end}
environments:
  - name: production
    production: true
    aws_accounts: ["{PROD}"]
    kubernetes: ["{PROD_CLUSTER}"]
    github: ["{GH_ORG}/payments:production", "{GH_ORG}/tracking-api:production", "{GH_ORG}/infrastructure:production"]
  - name: staging
    production: false
    aws_accounts: ["{STG}"]
    kubernetes: ["{STG_CLUSTER}"]
    github: ["{GH_ORG}/payments:staging", "{GH_ORG}/tracking-api:staging"]
sources:
  - path: aws/{PROD}/**
    account: "{PROD}"
    environment: production
  - path: aws/{STG}/**
    account: "{STG}"
    environment: staging
  - path: k8s/{PROD_CLUSTER}/**
    account: {PROD_CLUSTER}
    environment: production
  - path: k8s/{STG_CLUSTER}/**
    account: {STG_CLUSTER}
    environment: staging
  - path: github/**
    account: {GH_ORG}
"""
        write_text(os.path.join(root, "scope.yaml"), text)

    def write(self, root):
        self.write_scope(root)
        self.write_aws(root)
        self.write_k8s(root)
        self.write_github(root)
        self.write_scanner(root)
        self.write_records(root)
        self.write_assessment(root)


GITHUB_ACTOR_IDS = {
    "github-actions[bot]": 41898282, "dependabot[bot]": 49699333, "release-bot[bot]": 151202310,
    "svc-northwind-ci": 139884211, "tomas-berg": 88120417, "elena-petrov": 90233108, "aisha-khan": 77310925,
    "marco-rossi": 102934466, "skyline-observability-sync": 145512870,
}
GITHUB_REPO_IDS = {"northwind/payments": 612004118, "northwind/tracking-api": 612004175, "northwind/infrastructure": 598812003}


def hashed(token):
    """GitHub's hashed_token: base64 of the SHA-256 of the token."""
    import base64
    return base64.b64encode(hashlib.sha256(token.encode()).digest()).decode()


def access_review(quarter):
    return f"""# NHI access review, {quarter}

Northwind Freight, platform and SRE teams. Reviewed by the CISO.

| account / cluster | identities reviewed | removed | changed |
|---|---:|---:|---:|
| AWS production 111122223333 | {14 if quarter.endswith('Q3') else 15} | {0 if quarter.endswith('Q3') else 1} | {1 if quarter.endswith('Q3') else 2} |
| AWS staging 444455556666 | 7 | 0 | {0 if quarter.endswith('Q3') else 1} |
| prod-eu-1 / staging-eu-1 | 11 | 0 | 0 |
| GitHub northwind | 5 | 0 | 0 |

Each identity was matched to owners.csv; owners confirmed purpose and need.
Open items are tracked as findings in the nhi-audit pack of this quarter.
"""


def supplier_review():
    return """# Supplier access review, 2026-Q4

- Skyline Observability (role vendor-monitoring, OAuth app 902101): read-only access confirmed;
  external id support promised for February 2027 (waiver WVR-2026-019).
- Harbourline Customs (user vendor-edi-gateway): key rotation blocked by the client until the
  contract renewal of March 2027 (waiver WVR-2026-007).
"""


# ----------------------------------------------------------------------------------------------

def generate(out):
    target = os.path.join(out, ORG_FOLDER)
    for quarter in QUARTERS:
        folder = os.path.join(target, quarter)
        if os.path.isdir(folder):
            shutil.rmtree(folder)
    rnd = Random(SEED)
    for quarter in QUARTERS:
        q = Quarter(quarter, rnd)
        q.generate()
        q.write(os.path.join(target, quarter))


def validate(out):
    """Parses every written file the way a reader would, so a broken export never gets committed."""
    target = os.path.join(out, ORG_FOLDER)
    total = 0
    for folder, _, files in os.walk(target):
        for name in files:
            path = os.path.join(folder, name)
            total += os.path.getsize(path)
            if name.endswith(".json.gz"):
                with gzip.open(path) as f:
                    records = json.load(f)["Records"]
                assert records, path
            elif name.endswith(".json"):
                with open(path, encoding="utf-8") as f:
                    json.load(f)
            elif name.endswith(".jsonl"):
                with open(path, encoding="utf-8") as f:
                    for number, line in enumerate(f, 1):
                        assert json.loads(line), f"{path}:{number}"
            elif name.endswith(".csv"):
                with open(path, encoding="utf-8", newline="") as f:
                    rows = list(csv.reader(f))
                assert all(len(r) == len(rows[0]) for r in rows), path
    assert total < 5 * 1024 * 1024, f"evidence is {total} bytes, over 5 MB"
    return total


def main():
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.path.join(repo, "evidence"),
                        help="evidence root to write <out>/northwind/2026-Q3 and 2026-Q4 into (default: evidence/)")
    args = parser.parse_args()
    generate(args.out)
    total = validate(args.out)
    print(f"wrote {os.path.join(args.out, ORG_FOLDER)} ({total} bytes)", file=sys.stderr)


if __name__ == "__main__":
    main()
