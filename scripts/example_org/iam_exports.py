"""The IAM exports: credential report and get-account-authorization-details."""

import csv
import io
import json
import os
import urllib.parse
from datetime import date

from .common import PROD, REGION, STG, allow, at, iso_offset, policy, stable_id, write_json, write_text
from .iam import AWS_MANAGED, AWS_MANAGED_PATHS

# 2026-Q4: the production log file of this region and day is changed in the bucket after delivery.
ALTERED_LOG_FILE = (REGION, date(2026, 11, 20))


class IamExports:
    """Writes the IAM and CloudTrail exports of both accounts (mixed into Quarter)."""

    def write_aws(self, root):
        for account in (PROD, STG):
            trail = self.trails[account]
            used = trail.last_used()
            base = os.path.join(root, "aws", account)
            write_text(os.path.join(base, "credential-report.csv"), self.credential_report(account, used))
            write_json(os.path.join(base, "authorization-details.json"),
                       self.authorization_details(account, used, url_encoded=(account == STG)), indent=4)
            trail.write(os.path.join(base, "cloudtrail"), self.start, self.end,
                        stopped=self.staging_gap() if account == STG else None,
                        altered=ALTERED_LOG_FILE if self.q4 and account == PROD else None)

    def credential_report(self, account, used):
        header = ["user", "arn", "user_creation_time", "password_enabled", "password_last_used", "password_last_changed",
                  "password_next_rotation", "mfa_active", "access_key_1_active", "access_key_1_last_rotated",
                  "access_key_1_last_used_date", "access_key_1_last_used_region", "access_key_1_last_used_service",
                  "access_key_2_active", "access_key_2_last_rotated", "access_key_2_last_used_date",
                  "access_key_2_last_used_region", "access_key_2_last_used_service", "cert_1_active",
                  "cert_1_last_rotated", "cert_2_active", "cert_2_last_rotated"]
        root_created = at("2024-05-14 08:55:02") if account == PROD else at("2024-05-14 08:57:40")
        root_used = (at("2026-06-30 09:12:00") if account == PROD else "no_information")
        # 2026-Q4: someone created an access key on the staging root to script an S3 clean-up.
        root_key = (["true", iso_offset(at("2025-03-11 10:00:00")), iso_offset(at("2026-11-02 08:14:00")), "eu-west-1", "s3"]
                    if self.q4 and account == STG else ["false", "N/A", "N/A", "N/A", "N/A"])
        rows = [["<root_account>", f"arn:aws:iam::{account}:root", iso_offset(root_created), "not_supported",
                 iso_offset(root_used) if root_used != "no_information" else root_used,
                 "not_supported", "not_supported", "true"] + root_key +
                ["false", "N/A", "N/A", "N/A", "N/A", "false", "N/A", "false", "N/A"]]
        for (acct, name), user in sorted(self.users.items()):
            if acct != account:
                continue
            if user.password:
                pwd = used.get(("password", name))
                password = ["true", iso_offset(pwd[0]) if pwd else "no_information",
                            iso_offset(user.password_changed), "N/A"]
            else:
                password = ["false", "N/A", "N/A", "N/A"]
            keys = []
            for index in range(2):
                if index < len(user.keys):
                    key = user.keys[index]
                    last = used.get(("key", key.id)) or user.key_last_used_fixed.get(key.id)
                    keys += ["true" if key.active else "false", iso_offset(key.created),
                             iso_offset(last[0]) if last else "N/A", last[1] if last else "N/A", last[2] if last else "N/A"]
                else:
                    keys += ["false", "N/A", "N/A", "N/A", "N/A"]
            rows.append([name, user.arn, iso_offset(user.created)] + password + ["true" if user.mfa else "false"] + keys +
                        ["false", "N/A", "false", "N/A"])
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
        return buffer.getvalue()

    def authorization_details(self, account, used, url_encoded):
        def trust_document(doc):
            return urllib.parse.quote(json.dumps(doc, separators=(",", ":")), safe="") if url_encoded else doc

        users = []
        for (acct, name), user in sorted(self.users.items()):
            if acct != account:
                continue
            users.append({
                "Path": user.path, "UserName": name, "UserId": user.user_id, "Arn": user.arn,
                "CreateDate": iso_offset(user.created),
                "UserPolicyList": [{"PolicyName": n, "PolicyDocument": d} for n, d in sorted(user.inline.items())],
                "GroupList": user.groups,
                "AttachedManagedPolicies": user.managed,
                "Tags": [{"Key": k, "Value": v} for k, v in sorted(user.tags.items())],
            })
        groups = []
        for (acct, name), group in sorted(self.groups.items()):
            if acct != account:
                continue
            groups.append({
                "Path": "/", "GroupName": name, "GroupId": stable_id("AGPA", f"{acct}:{name}"),
                "Arn": f"arn:aws:iam::{acct}:group/{name}", "CreateDate": iso_offset(group.created),
                "GroupPolicyList": [{"PolicyName": n, "PolicyDocument": d} for n, d in sorted(group.inline.items())],
                "AttachedManagedPolicies": group.managed,
            })
        roles = []
        attached = {}
        for (acct, name), role in sorted(self.roles.items()):
            if acct != account:
                continue
            for ref in role.managed:
                attached[ref["PolicyArn"]] = attached.get(ref["PolicyArn"], 0) + 1
            last = used.get(("role", name))
            if last:
                role_last_used = {"LastUsedDate": iso_offset(last[0]), "Region": last[1]}
            elif role.last_used:
                role_last_used = {"LastUsedDate": iso_offset(role.last_used[0]), "Region": role.last_used[1]}
            else:
                role_last_used = {}
            entry = {
                "Path": role.path, "RoleName": name, "RoleId": role.role_id, "Arn": role.arn,
                "CreateDate": iso_offset(role.created),
                "AssumeRolePolicyDocument": trust_document(role.trust),
                "InstanceProfileList": [],
                "RolePolicyList": [{"PolicyName": n, "PolicyDocument": d} for n, d in sorted(role.inline.items())],
                "AttachedManagedPolicies": role.managed,
                "Tags": [{"Key": k, "Value": v} for k, v in sorted(role.tags.items())],
                "RoleLastUsed": role_last_used,
            }
            if role.description:
                entry["Description"] = role.description
            entry["MaxSessionDuration"] = role.max_session
            if name == "qa-loadtest":
                entry["InstanceProfileList"] = [{
                    "Path": "/", "InstanceProfileName": "qa-loadtest", "InstanceProfileId": stable_id("AIPA", "qa-loadtest"),
                    "Arn": f"arn:aws:iam::{acct}:instance-profile/qa-loadtest", "CreateDate": iso_offset(role.created),
                    "Roles": []}]
            roles.append(entry)
        for (acct, name), user in self.users.items():
            if acct == account:
                for ref in user.managed:
                    attached[ref["PolicyArn"]] = attached.get(ref["PolicyArn"], 0) + 1
        policies = []
        for (acct, name), pol in sorted(self.policies.items()):
            if acct != account:
                continue
            versions = [{"Document": doc, "VersionId": vid, "IsDefaultVersion": i == len(pol.versions) - 1,
                         "CreateDate": iso_offset(created)} for i, (vid, created, doc) in enumerate(pol.versions)]
            policies.append({
                "PolicyName": name, "PolicyId": stable_id("ANPA", f"{acct}:{name}"), "Arn": pol.arn, "Path": pol.path,
                "DefaultVersionId": pol.versions[-1][0], "AttachmentCount": attached.get(pol.arn, 0),
                "PermissionsBoundaryUsageCount": 0, "IsAttachable": True, "CreateDate": iso_offset(pol.created),
                "UpdateDate": iso_offset(pol.versions[-1][1]), "PolicyVersionList": versions,
            })
            if pol.description:
                policies[-1]["Description"] = pol.description
        for arn in sorted(attached):
            name = arn.rsplit("/", 1)[1]
            if not arn.startswith("arn:aws:iam::aws:policy"):
                continue
            document = AWS_MANAGED.get(name, policy(allow(["config:Put*", "ec2:Describe*", "iam:GetRole", "s3:GetBucketPolicy"])))
            policies.append({
                "PolicyName": name, "PolicyId": stable_id("ANPA", "aws:" + name), "Arn": arn,
                "Path": AWS_MANAGED_PATHS.get(name, "/"), "DefaultVersionId": "v1", "AttachmentCount": attached[arn],
                "PermissionsBoundaryUsageCount": 0, "IsAttachable": True, "CreateDate": "2015-02-06T18:39:46+00:00",
                "UpdateDate": "2015-02-06T18:39:46+00:00",
                "PolicyVersionList": [{"Document": document, "VersionId": "v1", "IsDefaultVersion": True,
                                       "CreateDate": "2015-02-06T18:39:46+00:00"}],
            })
        return {"UserDetailList": users, "GroupDetailList": groups, "RoleDetailList": roles, "Policies": policies}

    # -- scanners and records ---------------------------------------------------------------
