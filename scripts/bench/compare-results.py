#!/usr/bin/env python3
"""Compares what two packs concluded: their results.json findings, rule evaluations, control
results, authority rows and metrics, whatever the formatting (compact or indented) and the run's
time. For checking that a change meant to be faster changed no result.

usage: compare-results.py PACK_A PACK_B   (pack folders or results.json files)
Exit 0 when they agree, 1 listing the first differences.
"""
import json
import os
import sys

COMPARED = ["findings", "ruleEvaluations", "frameworks", "authority", "unclassifiedActions", "metrics",
            "waivers", "attestations", "coverage", "notices", "scope"]


def load(path):
    if os.path.isdir(path):
        path = os.path.join(path, "results.json")
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def differences(a, b, where, out, limit=20):
    if len(out) >= limit:
        return
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            if key not in a or key not in b:
                out.append(f"{where}.{key}: only in {'B' if key not in a else 'A'}")
            else:
                differences(a[key], b[key], f"{where}.{key}", out, limit)
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            out.append(f"{where}: {len(a)} vs {len(b)} elements")
        for index, (x, y) in enumerate(zip(a, b)):
            differences(x, y, f"{where}[{index}]", out, limit)
    elif a != b:
        out.append(f"{where}: {str(a)[:200]!r} vs {str(b)[:200]!r}")


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    a, b = load(sys.argv[1]), load(sys.argv[2])
    out = []
    for key in COMPARED:
        differences(a.get(key), b.get(key), key, out)
    if out:
        print("\n".join(out))
        sys.exit(1)
    print(f"same results: {len(a.get('findings', []))} findings, "
          f"{sum(len(f.get('controls', [])) for f in a.get('frameworks', []))} control results")


main()
