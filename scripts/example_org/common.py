"""Constants, time and id helpers, the seeded random source and file writers shared by every part of the example."""

import base64
import csv
import gzip
import hashlib
import io
import json
import os
import random
import uuid
from datetime import datetime, timedelta, timezone


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
# The svc-northwind-ci classic PAT: the audit log names it by its hash; in Q4 it is committed too.
GITHUB_CI_PAT = "ghp_" + "svcNorthwindCiClassicTokenExample0000"

UA_AWS_CLI_GHA = ("aws-cli/2.17.20 md/awscrt#0.20.11 ua/2.0 os/linux#6.5.0-1025-azure md/arch#x86_64 "
                  "lang/python#3.11.9 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe "
                  "md/distrib#ubuntu.22 md/prompt#off md/command#{command}")
UA_CONFIGURE_CREDENTIALS = "configure-aws-credentials-for-github-actions"
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


def hashed(token):
    """GitHub's hashed_token: base64 of the SHA-256 of the token."""
    return base64.b64encode(hashlib.sha256(token.encode()).digest()).decode()
