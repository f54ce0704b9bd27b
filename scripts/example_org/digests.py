"""CloudTrail digest files: the signed chain that lists every delivered log file with its SHA-256.

Layout and fields follow AWS "CloudTrail digest file structure"; the signature is SHA256withRSA
(RSASSA-PKCS1-v1_5) over the signing string of "Custom implementations of CloudTrail log file
integrity validation", made with Python's pow() so that the generator needs the standard library
only. PKCS#1 v1.5 signatures are deterministic, so the output is reproducible.

CloudTrail delivers a digest every hour; the example delivers one a day, each starting where the
previous one ended, because hourly digests (with their signature sidecars) would not fit the
example's 5 MB.
"""

import base64
import hashlib
import json
import os
from datetime import datetime, timedelta, timezone

from .common import REGION, gzip_bytes, iso, write_bytes, write_json

TRAIL = "northwind-trail"
KEY_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "example-cloudtrail-signing-key.json")
# DER of DigestInfo's AlgorithmIdentifier for SHA-256, the prefix of EMSA-PKCS1-v1_5 (RFC 8017 9.2).
SHA256_DIGEST_INFO = bytes.fromhex("3031300d060960864801650304020105000420")

# The last digest written per (account, region): 2026-Q4's first digest names 2026-Q3's last, as a
# real chain continues across quarters. Used only when it ends where the next one starts.
_tails = {}


def bucket(account):
    return f"northwind-cloudtrail-{account}"


class SigningKey:
    """The throwaway RSA key of the example (scripts/example_org/example-cloudtrail-signing-key.json)."""

    def __init__(self):
        with open(KEY_FILE, encoding="utf-8") as f:
            key = json.load(f)
        self.n, self.e, self.d = int(key["n"], 16), key["e"], int(key["d"], 16)
        self.size = (self.n.bit_length() + 7) // 8

    def sign(self, message):
        """Lower-case hex RSASSA-PKCS1-v1_5 signature with SHA-256."""
        info = SHA256_DIGEST_INFO + hashlib.sha256(message).digest()
        encoded = b"\x00\x01" + b"\xff" * (self.size - len(info) - 3) + b"\x00" + info
        return pow(int.from_bytes(encoded, "big"), self.d, self.n).to_bytes(self.size, "big").hex()

    def public_der(self):
        """PKCS #1 RSAPublicKey, as list-public-keys gives it."""
        return der_sequence(der_integer(self.n) + der_integer(self.e))

    def fingerprint(self):
        return hashlib.md5(self.public_der()).hexdigest()


def der_length(length):
    if length < 0x80:
        return bytes([length])
    body = length.to_bytes((length.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(body)]) + body


def der_integer(value):
    body = value.to_bytes(value.bit_length() // 8 + 1, "big")  # a leading zero keeps it positive
    return b"\x02" + der_length(len(body)) + body


def der_sequence(body):
    return b"\x30" + der_length(len(body)) + body


def days(start, end):
    """[midnight, next midnight) intervals from start's day through end's."""
    cursor = datetime(start.year, start.month, start.day, tzinfo=timezone.utc)
    while cursor <= end:
        yield cursor, cursor + timedelta(days=1)
        cursor += timedelta(days=1)


def intervals(start, end, stopped=None):
    """The digests' intervals: days, less the time logging was stopped (CloudTrail delivers no
    digest then, and starts a new chain when logging restarts)."""
    for first, last in days(start, end):
        if stopped and first < stopped[1] and stopped[0] < last:
            if first < stopped[0]:
                yield first, stopped[0]
            if stopped[1] < last:
                yield stopped[1], last
        else:
            yield first, last


def write_digests(root, account, regions, log_files, start, end, key, stopped=None):
    """One chain per region of the trail over [start, end]; log_files: (region, s3 object, payload, oldest, newest)."""
    for region in regions:
        tail = _tails.get((account, region))
        if tail and tail["end"] != start:
            tail = None
        for first, last in intervals(start, end, stopped):
            if stopped and first == stopped[1]:
                tail = None
            listed = [f for f in log_files if f[0] == region and first <= f[3] < last]
            tail = write_digest(root, account, region, first, last, listed, tail, key)
        _tails[(account, region)] = tail


def write_digest(root, account, region, first, last, listed, previous, key):
    name = f"{account}_CloudTrail-Digest_{region}_{TRAIL}_{REGION}_{last.strftime('%Y%m%dT%H%M%SZ')}.json.gz"
    folder = f"AWSLogs/{account}/CloudTrail-Digest/{region}/{last.year:04d}/{last.month:02d}/{last.day:02d}"
    digest = {
        "awsAccountId": account,
        "digestStartTime": iso(first),
        "digestEndTime": iso(last),
        "digestS3Bucket": bucket(account),
        "digestS3Object": f"{folder}/{name}",
        "digestPublicKeyFingerprint": key.fingerprint(),
        "digestSignatureAlgorithm": "SHA256withRSA",
        "newestEventTime": iso(max(f[4] for f in listed)) if listed else None,
        "oldestEventTime": iso(min(f[3] for f in listed)) if listed else None,
        "previousDigestS3Bucket": bucket(account) if previous else None,
        "previousDigestS3Object": previous["object"] if previous else None,
        "previousDigestHashValue": previous["hash"] if previous else None,
        "previousDigestHashAlgorithm": "SHA-256" if previous else None,
        "previousDigestSignature": previous["signature"] if previous else None,
        "logFiles": [{"s3Bucket": bucket(account), "s3Object": obj, "hashValue": hashlib.sha256(payload).hexdigest(),
                      "hashAlgorithm": "SHA-256", "newestEventTime": iso(newest), "oldestEventTime": iso(oldest)}
                     for _, obj, payload, oldest, newest in listed],
    }
    content = json.dumps(digest, separators=(",", ":")).encode()
    content_hash = hashlib.sha256(content).hexdigest()
    signing = "\n".join([digest["digestEndTime"], f"{bucket(account)}/{digest['digestS3Object']}", content_hash,
                         previous["signature"] if previous else "null"])
    signature = key.sign(signing.encode())
    path = os.path.join(root, *folder.split("/"), name)
    write_bytes(path, gzip_bytes(content))
    # The signature lives in the S3 object's metadata: exported as `aws s3api head-object --query Metadata`.
    write_json(path + ".metadata.json", {"signature": signature, "signature-algorithm": "SHA256withRSA"})
    return {"end": last, "object": digest["digestS3Object"], "hash": content_hash, "signature": signature}


def write_public_keys(path, key, start, end):
    """The output of `aws cloudtrail list-public-keys` for the period."""
    write_json(path, {"PublicKeyList": [{
        "Value": base64.b64encode(key.public_der()).decode(),
        "ValidityStartTime": start.strftime("%Y-%m-%dT%H:%M:%S+00:00"),
        "ValidityEndTime": end.strftime("%Y-%m-%dT%H:%M:%S+00:00"),
        "Fingerprint": key.fingerprint(),
    }]})
