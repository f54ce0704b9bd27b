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
import json
import os
import shutil
import sys

sys.dont_write_bytecode = True   # keep scripts/ free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from example_org.common import ORG_FOLDER, QUARTERS, SEED, Random  # noqa: E402
from example_org.quarter import Quarter  # noqa: E402


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
                    content = json.load(f)
                assert content["digestS3Object"] if "_CloudTrail-Digest_" in name else content["Records"], path
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
