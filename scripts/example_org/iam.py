"""IAM model of the example: roles, users, groups, policies and trust documents."""

from .common import allow, policy, stable_id


AWS_MANAGED = {
    "AdministratorAccess": policy(allow("*")),
    "PowerUserAccess": policy(
        {"Effect": "Allow", "NotAction": ["iam:*", "organizations:*", "account:*"], "Resource": "*"},
        allow(["iam:CreateServiceLinkedRole", "iam:DeleteServiceLinkedRole", "iam:ListRoles",
               "organizations:DescribeOrganization", "account:ListRegions", "account:GetAccountInformation"])),
    # Abridged: the real ReadOnlyAccess lists several hundred service read actions.
    "ReadOnlyAccess": policy(allow([
        "acm:Describe*", "acm:List*", "autoscaling:Describe*", "cloudformation:Describe*", "cloudformation:Get*",
        "cloudformation:List*", "cloudtrail:Describe*", "cloudtrail:Get*", "cloudtrail:LookupEvents",
        "cloudwatch:Describe*", "cloudwatch:Get*", "cloudwatch:List*", "codedeploy:Batch*", "codedeploy:Get*",
        "codedeploy:List*", "ec2:Describe*", "ec2:Get*", "ecr:BatchGetImage", "ecr:Describe*", "ecr:List*",
        "ecs:Describe*", "ecs:List*", "eks:Describe*", "eks:List*", "elasticloadbalancing:Describe*",
        "iam:Get*", "iam:List*", "kms:Describe*", "kms:List*", "lambda:Get*", "lambda:List*", "logs:Describe*",
        "logs:Get*", "logs:FilterLogEvents", "rds:Describe*", "rds:List*", "route53:Get*", "route53:List*",
        "s3:GetBucket*", "s3:List*", "sqs:Get*", "sqs:List*", "tag:Get*"])),
    "AmazonRDSReadOnlyAccess": policy(allow(["rds:Describe*", "rds:ListTagsForResource", "ec2:DescribeAccountAttributes",
                                              "ec2:DescribeAvailabilityZones", "ec2:DescribeSecurityGroups", "ec2:DescribeVpcs"])),
    "AmazonECSTaskExecutionRolePolicy": policy(allow(["ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability",
                                                      "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage",
                                                      "logs:CreateLogStream", "logs:PutLogEvents"])),
}
AWS_MANAGED_PATHS = {"AmazonECSTaskExecutionRolePolicy": "/service-role/", "AWSConfigServiceRolePolicy": "/aws-service-role/"}


class Role:
    def __init__(self, account, name, trust, created, path="/", managed=(), inline=None, max_session=3600,
                 description=None, tags=None, last_used=None):
        self.account = account
        self.name = name
        self.trust = trust
        self.created = created
        self.path = path
        self.managed = list(managed)
        self.inline = inline or {}
        self.max_session = max_session
        self.description = description
        self.tags = tags or {}
        self.last_used = last_used   # fixed RoleLastUsed for roles that do not act in the period

    @property
    def arn(self):
        return f"arn:aws:iam::{self.account}:role{self.path}{self.name}"

    @property
    def canonical(self):
        return f"arn:aws:iam::{self.account}:role/{self.name}"

    @property
    def role_id(self):
        return stable_id("AROA", f"{self.account}:{self.name}")


class AccessKey:
    def __init__(self, key_id_value, created, active=True):
        self.id = key_id_value
        self.created = created
        self.active = active


class User:
    def __init__(self, account, name, created, keys=(), password=False, password_changed=None,
                 mfa=False, managed=(), inline=None, groups=(), tags=None, path="/",
                 key_last_used_fixed=None):
        self.account = account
        self.name = name
        self.created = created
        self.keys = list(keys)
        self.password = password
        self.password_changed = password_changed
        self.mfa = mfa
        self.managed = list(managed)
        self.inline = inline or {}
        self.groups = list(groups)
        self.tags = tags or {}
        self.path = path
        # key id -> (time, region, service) for keys last used before the period (no CloudTrail event in it)
        self.key_last_used_fixed = key_last_used_fixed or {}

    @property
    def arn(self):
        return f"arn:aws:iam::{self.account}:user{self.path}{self.name}"

    @property
    def user_id(self):
        return stable_id("AIDA", f"{self.account}:{self.name}")


class Group:
    def __init__(self, account, name, created, managed=(), inline=None):
        self.account = account
        self.name = name
        self.created = created
        self.managed = list(managed)
        self.inline = inline or {}


class CustomerPolicy:
    def __init__(self, account, name, created, versions, path="/", description=None):
        self.account = account
        self.name = name
        self.created = created
        self.versions = versions   # list of (version id, created, document), last one is the default
        self.path = path
        self.description = description

    @property
    def arn(self):
        return f"arn:aws:iam::{self.account}:policy{self.path}{self.name}"


def managed_ref(name, account=None, path="/"):
    if account:
        return {"PolicyName": name, "PolicyArn": f"arn:aws:iam::{account}:policy{path}{name}"}
    path = AWS_MANAGED_PATHS.get(name, "/")
    return {"PolicyName": name, "PolicyArn": f"arn:aws:iam::aws:policy{path}{name}"}


def github_oidc_trust(account, subjects=None):
    condition = {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}}
    if subjects:
        condition["StringLike" if any("*" in s for s in subjects) else "StringEquals"] = {
            "token.actions.githubusercontent.com:sub": subjects if len(subjects) > 1 else subjects[0]}
    return policy({
        "Effect": "Allow",
        "Principal": {"Federated": f"arn:aws:iam::{account}:oidc-provider/token.actions.githubusercontent.com"},
        "Action": "sts:AssumeRoleWithWebIdentity",
        "Condition": condition,
    })


def service_trust(service):
    return policy({"Effect": "Allow", "Principal": {"Service": service}, "Action": "sts:AssumeRole"})
