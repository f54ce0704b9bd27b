#!/usr/bin/env python3
"""The machine-speed reference of the ingest bench: Python's json.loads on every line of a JSON-lines
file and nothing else, as the feasibility spike behind the 400 MB/s per core target measured it
(98 MB/s for Python json on the build machine then). Prints MB per CPU second.

usage: python_loads.py FILE
"""
import json
import os
import sys
import time


def main():
    path = sys.argv[1]
    start = time.process_time()
    with open(path, "rb") as lines:
        for line in lines:
            json.loads(line)
    seconds = time.process_time() - start
    print(f"{os.path.getsize(path) / 1048576 / seconds:.0f}")


if __name__ == "__main__":
    main()
