#!/usr/bin/env python3
"""Writes a synthetic get-account-authorization-details export of about TARGET_KB into OUT: the AWS managed
policies of LARGE (ReadOnlyAccess, SecurityAudit, ...) attached to many roles and users as real accounts
attach them, plus customer policies with escalation actions, group membership and inline policies.

usage: generate_iam_account.py LARGE_MANAGED_POLICIES_JSON OUT [TARGET_KB]"""
import json
import sys

source, out = sys.argv[1], sys.argv[2]
target = int(sys.argv[3]) * 1024 if len(sys.argv) > 3 else 824 * 1024
large = json.load(open(source))
account = "111122223333"
iam = f"arn:aws:iam::{account}:"
managed = [{"PolicyName": p["PolicyName"], "PolicyArn": p["Arn"]} for p in large["Policies"]]
policies = list(large["Policies"])
roles, users, groups = [], [], []
groups.append({"Path": "/", "GroupName": "auditors", "GroupId": "AGPAAUDITORS", "Arn": f"{iam}group/auditors",
               "GroupPolicyList": [], "AttachedManagedPolicies": managed[:2]})
actions = ["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction", "ec2:RunInstances", "ssm:SendCommand",
           "iam:CreatePolicyVersion", "s3:GetObject", "s3:PutObject", "dynamodb:Query", "sqs:SendMessage"]


def size():
    return len(json.dumps({"UserDetailList": users, "GroupDetailList": groups, "RoleDetailList": roles, "Policies": policies}))


index = 0
while size() < target:
    name = f"workload-{index:04d}"
    policy_arn = f"{iam}policy/{name}"
    policies.append({"PolicyName": name, "Arn": policy_arn, "Path": "/", "DefaultVersionId": "v1", "PolicyVersionList": [
        {"VersionId": "v1", "IsDefaultVersion": True, "Document": {"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": actions[index % 7: index % 7 + 3], "Resource": "*"}]}}]})
    attached = [managed[index % len(managed)], {"PolicyName": name, "PolicyArn": policy_arn}]
    roles.append({"Path": "/", "RoleName": name, "RoleId": f"AROA{index:017d}", "Arn": f"{iam}role/{name}",
                  "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [
                      {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"} if index % 3 else {"AWS": f"{iam}root"},
                       "Action": "sts:AssumeRole"}]},
                  "RolePolicyList": [{"PolicyName": f"{name}-inline", "PolicyDocument": {"Version": "2012-10-17", "Statement": [
                      {"Effect": "Allow", "Action": ["sts:AssumeRole"], "Resource": f"{iam}role/workload-{(index + 1):04d}"}]}}],
                  "AttachedManagedPolicies": attached, "InstanceProfileList": [], "Tags": []})
    if index % 4 == 0:
        users.append({"Path": "/", "UserName": f"svc-{index:04d}", "UserId": f"AIDA{index:017d}", "Arn": f"{iam}user/svc-{index:04d}",
                      "GroupList": ["auditors"], "AttachedManagedPolicies": attached[1:], "UserPolicyList": [], "Tags": []})
    index += 1

with open(out, "w") as handle:
    json.dump({"UserDetailList": users, "GroupDetailList": groups, "RoleDetailList": roles, "Policies": policies}, handle)
print(f"{out}: {size() // 1024} KB, {len(roles)} roles, {len(users)} users, {len(policies)} policies")
