#!/usr/bin/env python3
"""Writes lab/authorization-details.json and expected.json: a lab account in the manner of Bishop Fox's
iam-vulnerable, written from the public descriptions of the AWS privilege escalation paths (Rhino
Security Labs, iam-vulnerable's path list): one principal per path, plus traps that must not fire.

expected.json maps every principal to the path ids that must be reported for it ([] for traps)."""
import json
import os

ACCOUNT = "111122223333"
IAM = f"arn:aws:iam::{ACCOUNT}:"
HERE = os.path.dirname(os.path.abspath(__file__))

policies, roles, users, groups, expected = [], [], [], [], {}


def statement(actions, effect="Allow", resource="*", condition=None, not_action=False, not_resource=False):
    item = {"Effect": effect, ("NotAction" if not_action else "Action"): actions,
            ("NotResource" if not_resource else "Resource"): resource}
    if condition:
        item["Condition"] = condition
    return item


def policy(name, *statements):
    arn = f"{IAM}policy/{name}"
    policies.append({
        "PolicyName": name, "PolicyId": "ANPA" + name.upper().replace("-", "")[:17], "Arn": arn, "Path": "/",
        "DefaultVersionId": "v1", "AttachmentCount": 1, "IsAttachable": True,
        "PolicyVersionList": [{"Document": {"Version": "2012-10-17", "Statement": list(statements)},
                               "VersionId": "v1", "IsDefaultVersion": True, "CreateDate": "2026-01-05T10:00:00Z"}],
    })
    return {"PolicyName": name, "PolicyArn": arn}


def trust(*principals):
    return {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": principal, "Action": "sts:AssumeRole"} for principal in principals]}


def role(name, attached=(), inline=(), principal=None, profiles=False, boundary=None, paths=None):
    item = {"Path": "/", "RoleName": name, "RoleId": "AROA" + name.upper().replace("-", "")[:17],
            "Arn": f"{IAM}role/{name}", "CreateDate": "2026-01-05T10:00:00Z",
            "AssumeRolePolicyDocument": trust(principal or {"AWS": f"{IAM}root"}),
            "InstanceProfileList": [{"InstanceProfileName": name}] if profiles else [],
            "RolePolicyList": [{"PolicyName": f"{name}-inline-{i}", "PolicyDocument": {"Version": "2012-10-17", "Statement": s}}
                               for i, s in enumerate(inline)],
            "AttachedManagedPolicies": list(attached), "Tags": []}
    if boundary:
        item["PermissionsBoundary"] = {"PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": boundary["PolicyArn"]}
    roles.append(item)
    if paths is not None:
        expected[f"{IAM}role/{name}"] = paths


def user(name, attached=(), in_groups=(), paths=None):
    users.append({"Path": "/", "UserName": name, "UserId": "AIDA" + name.upper().replace("-", "")[:17],
                  "Arn": f"{IAM}user/{name}", "CreateDate": "2026-01-05T10:00:00Z", "GroupList": list(in_groups),
                  "AttachedManagedPolicies": list(attached), "UserPolicyList": [], "Tags": []})
    if paths is not None:
        expected[f"{IAM}user/{name}"] = paths


def path_role(path, *actions):
    role(f"pe-{path}", attached=[policy(f"pe-{path}", statement(list(actions)))], paths=[path])


# Service roles a PassRole path hands over (powerful, but with no escalation path of their own).
storage = [[statement("s3:*")]]
for service in ["lambda", "cloudformation", "datapipeline", "glue", "codebuild", "sagemaker", "batch"]:
    role(f"svc-{service}", inline=storage, principal={"Service": f"{service}.amazonaws.com"}, paths=[])
role("svc-ec2", inline=storage, principal={"Service": "ec2.amazonaws.com"}, profiles=True, paths=[])

# One principal per path.
path_role("iam-wildcard", "iam:*")
path_role("create-policy-version", "iam:CreatePolicyVersion")
path_role("set-default-policy-version", "iam:SetDefaultPolicyVersion", "iam:ListPolicyVersions")
path_role("attach-role-policy", "iam:AttachRolePolicy")
path_role("put-role-policy", "iam:PutRolePolicy")
path_role("create-access-key", "iam:CreateAccessKey")
path_role("create-login-profile", "iam:CreateLoginProfile")
path_role("update-login-profile", "iam:UpdateLoginProfile")
path_role("update-assume-role-policy", "iam:UpdateAssumeRolePolicy", "sts:AssumeRole")
path_role("pass-role-lambda", "iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction")
role("pe-pass-role-lambda-event-source", attached=[policy("pe-pass-role-lambda-event-source", statement(
    ["iam:PassRole", "lambda:CreateFunction", "lambda:CreateEventSourceMapping", "dynamodb:CreateTable", "dynamodb:PutItem"]))],
    paths=["pass-role-lambda"])
path_role("lambda-update-function-code", "lambda:UpdateFunctionCode")
path_role("pass-role-ec2", "iam:PassRole", "ec2:RunInstances", "ec2:DescribeInstances")
path_role("pass-role-cloudformation", "iam:PassRole", "cloudformation:CreateStack", "cloudformation:DescribeStacks")
role("pe-pass-role-cloudformation-update", attached=[policy("pe-pass-role-cloudformation-update", statement(
    ["iam:PassRole", "cloudformation:UpdateStack", "cloudformation:DescribeStacks"]))], paths=["pass-role-cloudformation"])
path_role("cloudformation-update-stack", "cloudformation:UpdateStack", "cloudformation:DescribeStacks")
path_role("pass-role-datapipeline", "iam:PassRole", "datapipeline:CreatePipeline", "datapipeline:PutPipelineDefinition",
          "datapipeline:ActivatePipeline")
path_role("pass-role-glue", "iam:PassRole", "glue:CreateDevEndpoint", "glue:GetDevEndpoint")
path_role("glue-update-dev-endpoint", "glue:UpdateDevEndpoint", "glue:GetDevEndpoint")
path_role("pass-role-codebuild", "iam:PassRole", "codebuild:CreateProject", "codebuild:StartBuild")
path_role("pass-role-sagemaker-notebook", "iam:PassRole", "sagemaker:CreateNotebookInstance",
          "sagemaker:CreatePresignedNotebookInstanceUrl")
role("pe-pass-role-sagemaker-training", attached=[policy("pe-pass-role-sagemaker-training", statement(
    ["iam:PassRole", "sagemaker:CreateTrainingJob"]))], paths=["pass-role-sagemaker-job"])
role("pe-pass-role-sagemaker-processing", attached=[policy("pe-pass-role-sagemaker-processing", statement(
    ["iam:PassRole", "sagemaker:CreateProcessingJob"]))], paths=["pass-role-sagemaker-job"])
path_role("sagemaker-notebook-url", "sagemaker:CreatePresignedNotebookInstanceUrl", "sagemaker:ListNotebookInstances")
role("pe-ssm-send-command", attached=[policy("pe-ssm-send-command", statement(["ssm:SendCommand", "ec2:DescribeInstances"]))],
     paths=["ssm-command"])
role("pe-ssm-start-session", attached=[policy("pe-ssm-start-session", statement(["ssm:StartSession"]))], paths=["ssm-command"])
path_role("ec2-instance-connect", "ec2-instance-connect:SendSSHPublicKey", "ec2:DescribeInstances")

# Paths only a user can take: on its own user or its own group.
groups.append({"Path": "/", "GroupName": "pe-group", "GroupId": "AGPAPEGROUP", "Arn": f"{IAM}group/pe-group",
               "GroupPolicyList": [], "AttachedManagedPolicies": []})
for path, action in [("attach-user-policy", "iam:AttachUserPolicy"), ("put-user-policy", "iam:PutUserPolicy"),
                     ("attach-group-policy", "iam:AttachGroupPolicy"), ("put-group-policy", "iam:PutGroupPolicy"),
                     ("add-user-to-group", "iam:AddUserToGroup")]:
    user(f"pe-{path}-user", attached=[policy(f"pe-{path}-user", statement([action]))], in_groups=["pe-group"], paths=[path])

# Chains: a role that can only assume another, which can escalate.
role("pe-chain-target", inline=[[statement("iam:PutRolePolicy", resource=f"{IAM}role/pe-chain-target")]],
     principal={"AWS": [f"{IAM}role/pe-chain-start", f"{IAM}role/pe-chain-hop"]}, paths=["put-role-policy"])
role("pe-chain-start", inline=[[statement("ec2:Describe*")]], paths=["via pe-chain-target"])
role("pe-chain-hop", inline=[[statement("sts:AssumeRole", resource=f"{IAM}role/pe-chain-target")]],
     principal={"AWS": f"{IAM}root"}, paths=[])
role("pe-chain-two-hops", inline=[[statement("sts:AssumeRole", resource=f"{IAM}role/pe-chain-hop")]], paths=["via pe-chain-target"])
# iam-vulnerable's AssumeRole path: a role with no policy at all, named by the next role's trust, which
# is named by the trust of a role holding * on *.
role("pe-assume-start", paths=["via pe-assume-end"])
role("pe-assume-middle", principal={"AWS": f"{IAM}role/pe-assume-start"}, paths=["via pe-assume-end"])
role("pe-assume-end", inline=[[statement("*")]], principal={"AWS": f"{IAM}role/pe-assume-middle"}, paths=["iam-wildcard"])
# The target's trust names the hop, which therefore escalates too.
expected[f"{IAM}role/pe-chain-hop"] = ["via pe-chain-target"]

# Traps: none of these may fire.
role("trap-allow-deny-one-policy", attached=[policy("trap-allow-deny-one-policy",
     statement(["iam:PutRolePolicy", "iam:AttachRolePolicy"]), statement("iam:PutRolePolicy", effect="Deny"),
     statement("iam:AttachRolePolicy", effect="Deny"))], paths=[])
role("trap-allow-deny-two-policies", attached=[policy("trap-allow", statement(["iam:CreateAccessKey", "iam:CreateLoginProfile"])),
     policy("trap-deny", statement(["iam:CreateAccessKey", "iam:CreateLoginProfile"], effect="Deny"))], paths=[])
role("trap-deny-iam-star", attached=[policy("trap-deny-iam-star-allow", statement(["iam:CreatePolicyVersion", "iam:PassRole",
     "lambda:CreateFunction", "lambda:InvokeFunction"])), policy("trap-deny-iam-star", statement("iam:*", effect="Deny"))], paths=[])
role("trap-policy-version-elsewhere", attached=[policy("trap-policy-version-elsewhere",
     statement("iam:CreatePolicyVersion", resource=f"{IAM}policy/not-attached-anywhere"))], paths=[])
role("trap-passed-to-other-service", attached=[policy("trap-passed-to-other-service",
     statement("iam:PassRole", condition={"StringEquals": {"iam:PassedToService": "batch.amazonaws.com"}}),
     statement(["lambda:CreateFunction", "lambda:InvokeFunction", "batch:SubmitJob"]))], paths=[])
role("trap-pass-role-no-trusting-role", attached=[policy("trap-pass-role-no-trusting-role",
     statement("iam:PassRole", resource=f"{IAM}role/svc-batch"), statement(["ec2:RunInstances", "lambda:CreateFunction",
     "lambda:InvokeFunction"]))], paths=[])
role("trap-attach-read-only-only", attached=[policy("trap-attach-read-only-only", statement("iam:AttachRolePolicy",
     condition={"ArnEquals": {"iam:PolicyARN": "arn:aws:iam::aws:policy/ReadOnlyAccess"}}))], paths=[])
role("trap-mfa-required", attached=[policy("trap-mfa-required", statement("iam:PutRolePolicy",
     condition={"Bool": {"aws:MultiFactorAuthPresent": "true"}}))], paths=[])
role("trap-not-resource-self", attached=[policy("trap-not-resource-self", statement("iam:PutRolePolicy",
     resource=f"{IAM}role/trap-not-resource-self", not_resource=True))], paths=[])
role("trap-not-action", attached=[policy("trap-not-action", statement(
     ["iam:*", "sts:*", "lambda:*", "ec2:*", "ec2-instance-connect:*", "ssm:*", "glue:*", "sagemaker:*", "codebuild:*",
      "cloudformation:*", "datapipeline:*"], not_action=True))], paths=[])
boundary = policy("trap-boundary-storage-only", statement(["s3:*"]))
role("trap-bounded", attached=[policy("trap-bounded", statement("iam:*"))], boundary=boundary, paths=[])
user("trap-self-service-keys", attached=[policy("trap-self-service-keys", statement(
     ["iam:CreateAccessKey", "iam:UpdateLoginProfile"], resource=f"{IAM}user/${{aws:username}}"))], paths=[])
role("trap-assume-nothing-escalating", inline=[[statement("sts:AssumeRole", resource=f"{IAM}role/svc-lambda")]], paths=[])

os.makedirs(os.path.join(HERE, "lab"), exist_ok=True)
with open(os.path.join(HERE, "lab", "authorization-details.json"), "w") as out:
    json.dump({"UserDetailList": users, "GroupDetailList": groups, "RoleDetailList": roles, "Policies": policies}, out, indent=1)
    out.write("\n")
with open(os.path.join(HERE, "expected.json"), "w") as out:
    json.dump(dict(sorted(expected.items())), out, indent=1)
    out.write("\n")
