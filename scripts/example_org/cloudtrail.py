"""CloudTrail: events, userIdentity blocks, and the S3 delivery layout."""

import hashlib
import json
import os
from datetime import timedelta

from .common import REGION, gzip_bytes, iso, stable_id, write_bytes
from .digests import SigningKey, write_digests, write_public_keys


class Trail:
    """Collects one account's CloudTrail events and writes them in the S3 delivery layout."""

    def __init__(self, account, rnd):
        self.account = account
        self.rnd = rnd
        self.events = []

    def add(self, t, identity, source, name, params=None, response=None, read_only=False, ua=None,
            ip="AWS Internal", region=REGION, event_type="AwsApiCall", error=None, extra=None,
            resources=None, category="Management", management=True, ids=None):
        """`ids`: the event's (requestID, eventID) when they must not come from the shared random
        sequence, so that the events generated after it keep theirs."""
        event = {
            "eventVersion": "1.09" if event_type == "AwsApiCall" else "1.08",
            "userIdentity": identity,
            "eventTime": iso(t),
            "eventSource": source,
            "eventName": name,
            "awsRegion": region,
            "sourceIPAddress": ip,
            "userAgent": ua or ip,
        }
        if error:
            event["errorCode"], event["errorMessage"] = error
        event["requestParameters"] = params
        event["responseElements"] = response
        if extra:
            event["additionalEventData"] = extra
        request_id, event_id = ids if ids else (self.rnd.uuid() if event_type == "AwsApiCall" else None, self.rnd.uuid())
        if event_type == "AwsApiCall":
            event["requestID"] = request_id
        event["eventID"] = event_id
        event["readOnly"] = read_only
        if resources:
            event["resources"] = resources
        event["eventType"] = event_type
        event["managementEvent"] = management
        event["recipientAccountId"] = self.account
        event["eventCategory"] = category
        if event_type == "AwsApiCall" and not ua == ip:
            event["tlsDetails"] = {"tlsVersion": "TLSv1.3", "cipherSuite": "TLS_AES_128_GCM_SHA256",
                                   "clientProvidedHostHeader": host_header(source, region)}
        self.events.append((t, event))
        return event

    def last_used(self):
        """identity key -> (time, region, service) of its last event, for the inventories."""
        result = {}
        for t, event in self.events:
            identity = event["userIdentity"]
            keys = []
            if identity.get("type") == "AssumedRole":
                keys.append(("role", identity["sessionContext"]["sessionIssuer"]["userName"]))
            if identity.get("type") == "IAMUser" and identity.get("accountId") == self.account:
                keys.append(("user", identity["userName"]))
                if identity.get("accessKeyId"):
                    keys.append(("key", identity["accessKeyId"]))
                if event["eventName"] == "ConsoleLogin":
                    keys.append(("password", identity["userName"]))
            service = event["eventSource"].split(".")[0]
            for key in keys:
                if key not in result or result[key][0] < t:
                    result[key] = (t, event["awsRegion"], service)
        return result

    def write(self, root, start, end, stopped=None, altered=None):
        """One file per region and day, named like CloudTrail names its S3 objects, the digests that
        list them, and the public key they verify with. `altered`: the (region, day) of a log file
        changed after its digest recorded it; `stopped`: when logging was off."""
        groups = {}
        for t, event in sorted(self.events, key=lambda e: (e[0], e[1]["eventID"])):
            groups.setdefault((event["awsRegion"], t.date()), []).append((t, event))
        delivered = []
        for (region, day), items in sorted(groups.items()):
            last = items[-1][0]
            delivery = (last + timedelta(minutes=5 - last.minute % 5)).replace(second=0)
            stamp = delivery.strftime("%Y%m%dT%H%MZ")
            suffix = object_suffix(self.account, region, day.isoformat())
            folder = f"AWSLogs/{self.account}/CloudTrail/{region}/{day.year:04d}/{day.month:02d}/{day.day:02d}"
            name = f"{self.account}_CloudTrail_{region}_{stamp}_{suffix}.json.gz"
            payload = json.dumps({"Records": [e for _, e in items]}, separators=(",", ":")).encode()
            delivered.append((region, f"{folder}/{name}", payload, items[0][0], last))
            if (region, day) == altered:
                payload = edit_after_delivery(payload)
            write_bytes(os.path.join(root, *folder.split("/"), name), gzip_bytes(payload))
        key = SigningKey()
        write_digests(root, self.account, sorted({region for region, _ in groups}), delivered, start, end, key, stopped)
        write_public_keys(os.path.join(root, "public-keys.json"), key, start, end)


def edit_after_delivery(payload):
    """The log file someone edited in the bucket: one routine read asks for fewer results. Harmless
    in itself and still parseable, but no longer the file CloudTrail delivered and hashed."""
    content = json.loads(payload)
    event = next(e for e in content["Records"] if (e.get("requestParameters") or {}).get("maxResults"))
    event["requestParameters"]["maxResults"] = 50
    return json.dumps(content, separators=(",", ":")).encode()


def object_suffix(*parts):
    """The random-looking tail of a CloudTrail object name, derived from its place rather than drawn,
    so that changing the story does not rename every file."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    digest = hashlib.sha256(":".join(parts).encode()).digest()
    return "".join(alphabet[b % len(alphabet)] for b in digest[:16])


def host_header(source, region):
    service = source.split(".")[0]
    if service in ("iam", "signin"):
        return f"{service}.amazonaws.com"
    return f"{service}.{region}.amazonaws.com"


def session_identity(role, session, created, mfa=False, invoked_by=None, source_identity=None):
    identity = {
        "type": "AssumedRole",
        "principalId": f"{role.role_id}:{session}",
        "arn": f"arn:aws:sts::{role.account}:assumed-role/{role.name}/{session}",
        "accountId": role.account,
        "accessKeyId": "ASIA" + stable_id("", f"sts:{role.name}:{session}:{iso(created)}", 16),
        "sessionContext": {
            "sessionIssuer": {
                "type": "Role",
                "principalId": role.role_id,
                "arn": role.arn,
                "accountId": role.account,
                "userName": role.name,
            },
            "attributes": {"creationDate": iso(created), "mfaAuthenticated": "true" if mfa else "false"},
        },
    }
    if source_identity:
        identity["sessionContext"]["sourceIdentity"] = source_identity
    if invoked_by:
        identity["invokedBy"] = invoked_by
    return identity


def shadow_session_identity(account, role_name, session, created):
    """A session of a role the authorization details do not list (deleted before the export)."""
    role_id = stable_id("AROA", f"{account}:{role_name}")
    return {
        "type": "AssumedRole",
        "principalId": f"{role_id}:{session}",
        "arn": f"arn:aws:sts::{account}:assumed-role/{role_name}/{session}",
        "accountId": account,
        "accessKeyId": "ASIA" + stable_id("", f"sts:{role_name}:{session}:{iso(created)}", 16),
        "sessionContext": {
            "sessionIssuer": {"type": "Role", "principalId": role_id,
                              "arn": f"arn:aws:iam::{account}:role/{role_name}", "accountId": account,
                              "userName": role_name},
            "attributes": {"creationDate": iso(created), "mfaAuthenticated": "false"},
        },
    }


def user_identity(user, key=None):
    identity = {
        "type": "IAMUser",
        "principalId": user.user_id,
        "arn": user.arn,
        "accountId": user.account,
        "userName": user.name,
    }
    if key:
        identity["accessKeyId"] = key
    return identity


def service_identity(service):
    return {"type": "AWSService", "invokedBy": service}
