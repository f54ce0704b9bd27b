#!/usr/bin/env python3
"""Writes synthetic CloudTrail events (about 1.2 KB each, realistic field mix) for the ingest bench.

usage: generate_cloudtrail.py OUT_DIR SIZE_MB
Writes OUT_DIR/lines/events.jsonl (JSON lines, one file) and OUT_DIR/records/*.json
(`{"Records":[...]}` files of ~8 MB each, as CloudTrail delivers them to S3): in both, every event
draws its principal, access key, source IP and user agent at random, the worst case for memo tables.
Also writes OUT_DIR/sessions/events.jsonl, the same event shapes grouped as real trails are: a role
session (or an IAM user's key) makes a burst of calls from one IP and client, 16 sessions interleaved,
time increasing.
"""
import json
import os
import random
import sys

ACCOUNTS = ["111122223333", "444455556666"]
ROLES = [f"deploy-{i}" for i in range(60)] + [f"ops-{i}" for i in range(30)] + ["AWSReservedSSO_Admin_0123456789abcdef"]
USERS = [f"ci-user-{i}" for i in range(20)]
CALLS = [
    ("cloudformation.amazonaws.com", "UpdateStack", False), ("cloudformation.amazonaws.com", "DescribeStacks", True),
    ("autoscaling.amazonaws.com", "SetDesiredCapacity", False), ("ec2.amazonaws.com", "DescribeInstances", True),
    ("lambda.amazonaws.com", "UpdateFunctionCode20150331v2", False), ("s3.amazonaws.com", "GetObject", True),
    ("sts.amazonaws.com", "AssumeRole", True), ("ecs.amazonaws.com", "UpdateService", False),
    ("ssm.amazonaws.com", "SendCommand", False), ("iam.amazonaws.com", "ListRoles", True),
]
AGENTS = ["aws-cli/2.15.0 Python/3.11.6 Linux/6.1 exe/x86_64.amzn.2023", "Boto3/1.34.0 md/Botocore#1.34.0 ua/2.0 os/linux",
          "terraform-provider-aws/5.31.0 (+https://registry.terraform.io) \u00e9t\u00e9", "console.amazonaws.com"]


def random_time(rng):
    return f"2026-{rng.randint(10, 12):02d}-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}Z"


def new_session(rng, number):
    """Who calls, from where and with which client, for a burst of calls."""
    return {"account": rng.choice(ACCOUNTS), "role": rng.choice(ROLES) if rng.random() < 0.8 else None,
            "user": rng.choice(USERS), "session": number % 31, "principal": number % 997, "key": number,
            "ip": number % 250, "agent": rng.choice(AGENTS), "calls": 1 + int(rng.expovariate(1 / 30))}


def event(rng, index, time=None, session=None):
    """One event; without a session every caller attribute is drawn at random (in the order the
    first version of this script drew them, so its data stays the same)."""
    account = session["account"] if session else rng.choice(ACCOUNTS)
    source, name, read_only = rng.choice(CALLS)
    time = time or random_time(rng)
    if session is None:
        session = {"role": rng.choice(ROLES) if rng.random() < 0.8 else None, "user": None, "session": index % 31,
                   "principal": index % 997, "key": index % 9973, "ip": index % 250, "agent": None}
    if session["role"]:
        role = session["role"]
        identity = {
            "type": "AssumedRole", "principalId": f"AROAEXAMPLE{session['principal']:05d}:session-{session['session']}",
            "arn": f"arn:aws:sts::{account}:assumed-role/{role}/session-{session['session']}", "accountId": account,
            "accessKeyId": f"ASIAEXAMPLE{session['key']:09d}",
            "sessionContext": {
                "sessionIssuer": {"type": "Role", "principalId": "AROAEXAMPLE", "arn": f"arn:aws:iam::{account}:role/{role}",
                                  "accountId": account, "userName": role},
                "webIdFederationData": {},
                "attributes": {"creationDate": session.get("created") or time, "mfaAuthenticated": "false"},
            },
        }
    else:
        user = session["user"] or rng.choice(USERS)
        identity = {"type": "IAMUser", "principalId": "AIDAEXAMPLE", "arn": f"arn:aws:iam::{account}:user/{user}",
                    "accountId": account, "accessKeyId": f"AKIAEXAMPLE{USERS.index(user):09d}", "userName": user}
    request = None if read_only else {
        "stackName": f"app-{index % 40}", "templateURL": "https://s3.amazonaws.com/templates/app.json",
        "parameters": [{"parameterKey": "Image", "parameterValue": f"repo/app:{index % 1000}"}, {"parameterKey": "Count", "usePreviousValue": True}],
        "tags": {"team": "platform", "note": "quote \" brace } bracket ]"}, "desiredCount": index % 9,
    }
    record = {
        "eventVersion": "1.09", "userIdentity": identity, "eventTime": time, "eventSource": source, "eventName": name,
        "awsRegion": rng.choice(["eu-west-1", "us-east-1", "eu-central-1"]),
        "sourceIPAddress": f"203.0.113.{session['ip']}", "userAgent": session["agent"] or rng.choice(AGENTS),
        "requestParameters": request,
        "responseElements": {"stackId": f"arn:aws:cloudformation:eu-west-1:{account}:stack/app/{index:012x}"} if not read_only else None,
        "requestID": f"{index:08x}-1111-2222-3333-444455556666", "eventID": f"{index:08x}-aaaa-bbbb-cccc-ddddeeeeffff",
        "readOnly": read_only, "eventType": "AwsApiCall", "managementEvent": True, "recipientAccountId": account,
        "eventCategory": "Management",
        "tlsDetails": {"tlsVersion": "TLSv1.3", "cipherSuite": "TLS_AES_128_GCM_SHA256", "clientProvidedHostHeader": source},
    }
    if index % 50 == 0:
        record["errorCode"] = "AccessDenied"
        record["errorMessage"] = "User is not authorized to perform this operation"
    return record


def main():
    out, size_mb = sys.argv[1], float(sys.argv[2])
    target = int(size_mb * 1024 * 1024)
    rng = random.Random(42)
    os.makedirs(f"{out}/lines", exist_ok=True)
    os.makedirs(f"{out}/records", exist_ok=True)
    written, index = 0, 0
    with open(f"{out}/lines/events.jsonl", "w") as lines:
        while written < target:
            text = json.dumps(event(rng, index), separators=(",", ":")) + "\n"
            lines.write(text)
            written += len(text)
            index += 1
    events = index
    rng = random.Random(42)
    written, index, part = 0, 0, 0
    while written < target:
        batch, size = [], 0
        while size < 8 * 1024 * 1024 and written + size < target:
            batch.append(event(rng, index))
            size += 1200
            index += 1
        text = json.dumps({"Records": batch}, separators=(",", ":"))
        with open(f"{out}/records/{ACCOUNTS[0]}_CloudTrail_eu-west-1_{part:05d}.json", "w") as handle:
            handle.write(text)
        written += len(text)
        part += 1
    record_events = index
    # Sessions: 16 at a time, each a burst of calls, one second apart overall.
    os.makedirs(f"{out}/sessions", exist_ok=True)
    rng = random.Random(42)
    written, index, started = 0, 0, 0
    active = []
    with open(f"{out}/sessions/events.jsonl", "w") as lines:
        while written < target:
            while len(active) < 16:
                active.append(new_session(rng, started))
                started += 1
            session = rng.choice(active)
            seconds = 1_790_000_000 + index
            time = f"2026-10-{1 + seconds // 86400 % 28:02d}T{seconds // 3600 % 24:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}Z"
            session.setdefault("created", time)
            text = json.dumps(event(rng, index, time, session), separators=(",", ":")) + "\n"
            lines.write(text)
            written += len(text)
            index += 1
            session["calls"] -= 1
            if session["calls"] <= 0:
                active.remove(session)
    print(f"{events} {record_events} {index}")


if __name__ == "__main__":
    main()
