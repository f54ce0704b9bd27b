#!/usr/bin/env python3
"""Regroups a JSON-lines CloudTrail trail into `{"Records":[...]}` files of about SIZE_MB each, for
the bench: the events in the trail's order and bytes, split as evenly as whole events allow into
round(trail size / SIZE_MB) files (at least one), named as the generator names its 8 MB files.

usage: records_layout.py EVENTS_JSONL OUT_DIR SIZE_MB
Prints the number of events written.
"""
import os
import sys


def main():
    source, out, size_mb = sys.argv[1], sys.argv[2], float(sys.argv[3])
    with open(source, "rb") as trail:
        lines = [line.strip() for line in trail if line.strip()]
    total = sum(len(line) + 1 for line in lines)
    files = max(1, round(total / (size_mb * 1024 * 1024)))
    os.makedirs(out, exist_ok=True)
    start, written = 0, 0
    for part in range(files):
        # Cut where the running byte count passes this file's share: sizes differ by about one event.
        target = total * (part + 1) // files
        end = start
        while end < len(lines) and (written < target or end == start):
            written += len(lines[end]) + 1
            end += 1
        if part == files - 1:
            end = len(lines)
        with open(os.path.join(out, f"111122223333_CloudTrail_eu-west-1_{part:05d}.json"), "wb") as handle:
            handle.write(b'{"Records":[' + b",".join(lines[start:end]) + b"]}")
        start = end
    print(len(lines))


if __name__ == "__main__":
    main()
