#!/usr/bin/env python3
"""Lays a JSON-lines CloudTrail trail out as S3 delivers it, for the bench: FILES `{"Records":[...]}`
files of EVENTS events each under AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/, named
<account>_CloudTrail_<region>_<YYYYMMDDTHHMMZ>_<n>.json[.gz], one account and region per file as
CloudTrail writes them (events of another account go to that account's next file).

usage: s3_layout.py EVENTS_JSONL OUT_DIR FILES EVENTS [--gzip]
The trail is read from the start again when it runs out, so any number of files can be made from
a small trail. Prints the number of events written.
"""
import gzip
import json
import os
import sys


def main():
    source, out, files, per_file = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    compress = "--gzip" in sys.argv[5:]
    pending = {}
    written_files, written_events, serial = 0, 0, 0

    def write(account, region, lines):
        nonlocal written_files, written_events, serial
        first = json.loads(lines[0])["eventTime"]
        day = first[:10].split("-")
        folder = os.path.join(out, "AWSLogs", account, "CloudTrail", region, *day)
        os.makedirs(folder, exist_ok=True)
        stamp = first[:16].replace("-", "").replace(":", "") + "Z"
        name = f"{account}_CloudTrail_{region}_{stamp}_{serial:06d}.json"
        text = ('{"Records":[' + ",".join(lines) + "]}").encode()
        if compress:
            with gzip.open(os.path.join(folder, name + ".gz"), "wb", compresslevel=6) as handle:
                handle.write(text)
        else:
            with open(os.path.join(folder, name), "wb") as handle:
                handle.write(text)
        written_files += 1
        written_events += len(lines)
        serial += 1

    while written_files < files:
        with open(source) as trail:
            for line in trail:
                line = line.strip()
                if not line:
                    continue
                event = json.loads(line)
                key = (event["recipientAccountId"], event["awsRegion"])
                batch = pending.setdefault(key, [])
                batch.append(line)
                if len(batch) == per_file:
                    write(key[0], key[1], batch)
                    pending[key] = []
                    if written_files == files:
                        break
    print(written_events)


if __name__ == "__main__":
    main()
