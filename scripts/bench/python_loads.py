#!/usr/bin/env python3
"""The machine-speed reference of the ingest bench: Python's json.loads on every line of a JSON-lines
file and nothing else, as the feasibility spike behind the 400 MB/s per core target measured it
(98 MB/s for Python json on the build machine then). Prints MB per CPU second.

usage: python_loads.py FILE [MAX_MB]
With MAX_MB, stops after the line that reaches it: a shorter yardstick, run just before and just
after the reader it scales, so that all three see the machine at about the same speed.
"""
import json
import os
import sys
import time


def main():
    path = sys.argv[1]
    limit = int(sys.argv[2]) * 1048576 if len(sys.argv) > 2 else os.path.getsize(path)
    read = 0
    start = time.process_time()
    with open(path, "rb") as lines:
        for line in lines:
            json.loads(line)
            read += len(line)
            if read >= limit:
                break
    seconds = time.process_time() - start
    print(f"{read / 1048576 / seconds:.0f}")


if __name__ == "__main__":
    main()
