#!/usr/bin/env python3
"""The same aggregation nhi-audit does, with Python's json module: the bench's baseline.

usage: python_aggregate.py FILE_OR_DIR...   (JSON lines files, or folders of {"Records":[...]} files,
gzip-compressed when their names end in .gz, found in sorted order through every subfolder)
Aggregates identity x action x account: count, first/last seen, distinct user agents and source IPs.
"""
import gzip
import json
import os
import sys


def identity_of(user):
    kind, arn = user.get("type"), user.get("arn") or ""
    if kind == "AssumedRole" and ":assumed-role/" in arn:
        prefix, rest = arn.split(":assumed-role/", 1)
        return prefix.replace(":sts:", ":iam:") + ":role/" + rest.split("/")[0]
    if kind == "AWSService":
        return "aws-service:" + (user.get("invokedBy") or "")
    return arn or user.get("accessKeyId") or "unknown"


def add(aggregate, event):
    user = event.get("userIdentity") or {}
    service = (event.get("eventSource") or "").split(".")[0]
    key = (identity_of(user), f"{service}:{event.get('eventName')}", event.get("recipientAccountId"))
    entry = aggregate.get(key)
    time = event.get("eventTime")
    if entry is None:
        entry = aggregate[key] = {"count": 0, "first": time, "last": time, "agents": set(), "ips": set()}
    entry["count"] += 1
    entry["first"] = min(entry["first"], time)
    entry["last"] = max(entry["last"], time)
    if len(entry["agents"]) < 16:
        entry["agents"].add(event.get("userAgent"))
    if len(entry["ips"]) < 16:
        entry["ips"].add(event.get("sourceIPAddress"))


def records_files(folder):
    found = []
    for parent, folders, names in os.walk(folder):
        folders.sort()
        found += [os.path.join(parent, name) for name in sorted(names)]
    return found


def main():
    aggregate, events = {}, 0
    for path in sys.argv[1:]:
        if os.path.isdir(path):
            for name in records_files(path):
                with (gzip.open if name.endswith(".gz") else open)(name, "rt") as handle:
                    for event in json.load(handle)["Records"]:
                        add(aggregate, event)
                        events += 1
        else:
            with open(path) as handle:
                for line in handle:
                    if line.strip():
                        add(aggregate, json.loads(line))
                        events += 1
    print(f"{events} events, {len(aggregate)} keys")


if __name__ == "__main__":
    main()
