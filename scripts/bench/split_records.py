#!/usr/bin/env python3
"""Writes a JSON-lines CloudTrail file as many small {"Records":[...]} files, as S3 delivers a
trail (one file per account, region and five minutes, often well under a megabyte), for the bench.

usage: split_records.py EVENTS_JSONL OUT_DIR KB
Each file holds whole events up to about KB kilobytes; files are named in event order. They are
left uncompressed (S3 delivers them gzipped), so that MB/s compare with the other layouts.
"""
import os
import sys


def main():
    source, out, kb = sys.argv[1], sys.argv[2], int(sys.argv[3])
    os.makedirs(out, exist_ok=True)
    batch, size, part = [], 0, 0

    def write():
        nonlocal batch, size, part
        with open(os.path.join(out, f"111122223333_CloudTrail_eu-west-1_{part:06d}.json"), "w") as handle:
            handle.write('{"Records":[' + ",".join(batch) + "]}")
        batch, size, part = [], 0, part + 1

    with open(source) as lines:
        for line in lines:
            line = line.strip()
            if not line:
                continue
            if batch and size + len(line) > kb * 1024:
                write()
            batch.append(line)
            size += len(line) + 1
    if batch:
        write()
    print(part)


if __name__ == "__main__":
    main()
