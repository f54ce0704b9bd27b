"""Who exists in each quarter: the IAM roles, users and policies of both accounts."""

import json
from datetime import timedelta

from .common import (
    LEAK_ARTIFACTS_KEY_ID, LEAK_BUILDCACHE_KEY_ID, LEAK_REPORTING_KEY_ID, PROD, REGION, SSO_ENGINEER_ROLE,
    SSO_PATH, SSO_READONLY_ROLE, STG, VENDOR_ACCOUNT, allow, at, key_id, policy,
)
from .iam import AccessKey, CustomerPolicy, Group, Role, User, github_oidc_trust, managed_ref, service_trust


class Inventory:
    """The identities of one quarter (mixed into Quarter)."""

    def build_identities(self):
        q4 = self.q4
        p, s = PROD, STG
        self.roles = {}
        self.users = {}
        self.groups = {}
        self.policies = {}

        def add_role(role):
            self.roles[(role.account, role.name)] = role

        def add_user(user):
            self.users[(user.account, user.name)] = user

        # Customer managed policies
        deploy_doc = policy(
            allow(["cloudformation:*"], [f"arn:aws:cloudformation:{REGION}:{p}:stack/payments-*/*"], sid="PaymentsStacks"),
            allow(["codedeploy:*"], [f"arn:aws:codedeploy:{REGION}:{p}:*"], sid="CodeDeploy"),
            allow(["ecs:RegisterTaskDefinition", "ecs:DescribeTaskDefinition", "ecs:DescribeServices",
                   "ecs:UpdateService", "ecs:DescribeClusters"], "*", sid="Ecs"),
            allow(["iam:PassRole"], [f"arn:aws:iam::{p}:role/payments-api-task", f"arn:aws:iam::{p}:role/ecs-task-execution"],
                  sid="PassTaskRoles"),
            allow(["s3:GetObject", "s3:PutObject"], ["arn:aws:s3:::northwind-deploy-artifacts-prod/*"], sid="Artifacts"),
            allow(["lambda:UpdateFunctionCode", "lambda:UpdateAlias", "lambda:PublishVersion"],
                  [f"arn:aws:lambda:{REGION}:{p}:function:payments-*"], sid="PaymentsLambdas"),
        )
        self.policies[(p, "DeployPipelinePayments")] = CustomerPolicy(
            p, "DeployPipelinePayments", at("2025-03-11 10:02:41"),
            [("v3", at("2025-09-02 13:40:10"), deploy_doc)], path="/ci/",
            description="Deploy the payments stacks and services from GitHub Actions")
        staging_doc = policy(
            allow(["cloudformation:*", "ecs:*", "codedeploy:*", "autoscaling:*", "application-autoscaling:*"], "*"),
            allow(["iam:PassRole"], [f"arn:aws:iam::{s}:role/*-task"]),
            allow(["s3:GetObject", "s3:PutObject"], ["arn:aws:s3:::northwind-deploy-artifacts-staging/*"]),
        )
        self.policies[(s, "StagingDeployer")] = CustomerPolicy(
            s, "StagingDeployer", at("2025-03-14 09:12:05"), [("v1", at("2025-03-14 09:12:05"), staging_doc)],
            path="/ci/")

        # Production roles
        add_role(Role(p, "deploy-pipeline",
                      github_oidc_trust(p, ["repo:northwind/payments:environment:production"]),
                      at("2025-03-11 10:05:17"), path="/ci/", managed=[managed_ref("DeployPipelinePayments", p, "/ci/")],
                      description="GitHub Actions deploys of northwind/payments to production",
                      tags={"team": "platform", "purpose": "delivery"}))
        # After INC-2026-1105 the payments pipeline stops scaling with its own permissions and assumes
        # the runbook role instead (2026-Q4): delivery and operations still rest on one credential.
        ops_trust = service_trust("lambda.amazonaws.com")
        if q4:
            ops_trust["Statement"].append({"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{p}:role/ci/deploy-pipeline"},
                                           "Action": "sts:AssumeRole"})
        add_role(Role(p, "ops-autoscaler", ops_trust, at("2025-04-02 08:44:50"), path="/ops/",
                      inline={"runbook-actions": policy(
                          allow(["autoscaling:SetDesiredCapacity", "autoscaling:UpdateAutoScalingGroup",
                                 "autoscaling:DescribeAutoScalingGroups"], "*"),
                          allow(["ecs:UpdateService", "ecs:DescribeServices"], "*"),
                          allow(["rds:RebootDBInstance", "rds:FailoverDBCluster", "rds:DescribeDBClusters"], "*"))},
                      description="PagerDuty runbook Lambdas: scale-out and database failover",
                      tags={"team": "sre", "purpose": "operations"}))
        platform_trust = policy({
            "Effect": "Allow",
            "Principal": {"Federated": f"arn:aws:iam::{p}:oidc-provider/app.terraform.io"},
            "Action": "sts:AssumeRoleWithWebIdentity",
            "Condition": {"StringEquals": {"app.terraform.io:aud": "aws.workload.identity",
                                           "app.terraform.io:sub": terraform_subjects("prod-platform")}},
        })
        add_role(Role(p, "platform-automation", platform_trust, at("2024-11-20 16:31:09"),
                      managed=[managed_ref("AdministratorAccess")], max_session=7200,
                      description="Terraform Cloud runs of the platform workspaces",
                      tags={"team": "platform", "managed-by": "terraform"}))
        breakglass_trust = policy({
            "Effect": "Allow",
            "Principal": {"AWS": f"arn:aws:iam::{p}:root"},
            "Action": ["sts:AssumeRole", "sts:SetSourceIdentity"],
            "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"},
                          "ArnLike": {"aws:PrincipalArn": f"arn:aws:iam::{p}:role{SSO_PATH}{SSO_ENGINEER_ROLE}"}},
        })
        add_role(Role(p, "break-glass-admin", breakglass_trust, at("2024-06-03 11:00:00"), path="/emergency/",
                      managed=[managed_ref("AdministratorAccess")], max_session=43200 if not q4 else 3600,
                      description="Emergency administrator access; use only under an incident",
                      tags={"purpose": "break-glass", "owner": "sre"}))
        data_export_managed = [managed_ref("AdministratorAccess")] if not q4 else []
        data_export_inline = {} if not q4 else {"export-scoped": policy(
            allow(["athena:StartQueryExecution", "athena:GetQueryExecution", "athena:GetQueryResults"],
                  [f"arn:aws:athena:{REGION}:{p}:workgroup/exports"]),
            allow(["glue:GetTable", "glue:GetPartitions", "glue:GetDatabase"], "*"),
            allow(["s3:GetObject", "s3:PutObject", "s3:ListBucket"],
                  ["arn:aws:s3:::northwind-exports-prod", "arn:aws:s3:::northwind-exports-prod/*"]))}
        add_role(Role(p, "data-export", service_trust("glue.amazonaws.com"), at("2025-08-19 14:22:36"),
                      managed=data_export_managed, inline=data_export_inline,
                      description="Glue jobs that export shipment data for customers",
                      tags={"team": "data"}))
        vendor_trust = policy({"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{VENDOR_ACCOUNT}:root"},
                               "Action": "sts:AssumeRole"})
        add_role(Role(p, "vendor-monitoring", vendor_trust, at("2025-01-27 10:15:44"), path="/integrations/",
                      managed=[managed_ref("ReadOnlyAccess")],
                      description="Skyline Observability metrics collector", tags={"vendor": "skyline"}))
        add_role(Role(p, "payments-api-task", service_trust("ecs-tasks.amazonaws.com"), at("2025-03-11 10:05:20"),
                      inline={"payments-runtime": policy(
                          allow(["secretsmanager:GetSecretValue"], [f"arn:aws:secretsmanager:{REGION}:{p}:secret:payments/*"]),
                          allow(["sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage"],
                                [f"arn:aws:sqs:{REGION}:{p}:payments-*"]),
                          allow(["kms:Decrypt"], [f"arn:aws:kms:{REGION}:{p}:key/6f1b7c3e-2d4a-4b9e-9a51-0c8d7e2f4a10"]))},
                      tags={"team": "payments"}))
        add_role(Role(p, "ecs-task-execution", service_trust("ecs-tasks.amazonaws.com"), at("2025-03-11 10:05:19"),
                      managed=[managed_ref("AmazonECSTaskExecutionRolePolicy")],
                      last_used=(self.end - timedelta(hours=5, minutes=12), REGION)))
        add_role(Role(p, "AWSServiceRoleForConfig", service_trust("config.amazonaws.com"), at("2024-05-14 09:00:12"),
                      path="/aws-service-role/config.amazonaws.com/",
                      managed=[managed_ref("AWSConfigServiceRolePolicy")]))
        sso_trust = policy({"Effect": "Allow",
                            "Principal": {"Federated": f"arn:aws:iam::{p}:saml-provider/AWSSSO_3b8e0f6d21c4a977_DO_NOT_DELETE"},
                            "Action": ["sts:AssumeRoleWithSAML", "sts:TagSession"],
                            "Condition": {"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}}})
        add_role(Role(p, SSO_ENGINEER_ROLE, sso_trust, at("2024-05-14 09:30:00"), path=SSO_PATH,
                      managed=[managed_ref("ReadOnlyAccess")], max_session=28800))
        add_role(Role(p, SSO_READONLY_ROLE, sso_trust, at("2024-05-14 09:30:02"), path=SSO_PATH,
                      managed=[managed_ref("ReadOnlyAccess")], max_session=28800))
        if q4:
            add_role(Role(p, "gha-terraform-plan", github_oidc_trust(p), at("2026-10-14 10:21:07"), path="/ci/",
                          managed=[managed_ref("ReadOnlyAccess")],
                          description="terraform plan from GitHub Actions pull requests",
                          tags={"team": "platform"}))

        # Production users
        ci_key = AccessKey(key_id("ci-deployer"), at("2025-11-04 12:31:55"))
        add_user(User(p, "ci-deployer", at("2025-11-04 12:30:02"), keys=[ci_key],
                      inline={"ecr-push": policy(
                          allow(["ecr:GetAuthorizationToken"], "*"),
                          allow(["ecr:BatchCheckLayerAvailability", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart",
                                 "ecr:CompleteLayerUpload", "ecr:PutImage", "ecr:BatchGetImage"],
                                [f"arn:aws:ecr:{REGION}:{p}:repository/tracking-*"]),
                          *([allow("sts:AssumeRole", f"arn:aws:iam::{s}:role/ci/staging-deployer")] if q4 else []))},
                      tags={"ci": "github-actions", "team": "tracking"}))
        if not q4:
            reporting_keys = [AccessKey(LEAK_REPORTING_KEY_ID, at("2026-01-15 09:12:40"))]
        else:
            reporting_keys = [AccessKey(key_id("reporting-export-2026-10"), at("2026-10-05 08:02:11"))]
        add_user(User(p, "reporting-export", at("2026-01-15 09:11:58"), keys=reporting_keys,
                      inline={"export": policy(
                          allow(["athena:*"], "*"), allow(["glue:*"], "*"),
                          allow(["s3:*"], ["arn:aws:s3:::northwind-exports-prod", "arn:aws:s3:::northwind-exports-prod/*"]))},
                      tags={"team": "data"}))
        if not q4:
            add_user(User(p, "legacy-ftp-sync", at("2024-02-29 17:45:03"),
                          keys=[AccessKey(key_id("legacy-ftp-sync"), at("2024-03-01 08:00:41"))],
                          inline={"ftp-bucket": policy(allow(["s3:*"], ["arn:aws:s3:::northwind-ftp-drop/*"]))},
                          key_last_used_fixed={key_id("legacy-ftp-sync"): (at("2026-03-02 04:10:00"), REGION, "s3")}))
        add_user(User(p, "support-automation", at("2026-08-20 10:40:33"),
                      keys=[AccessKey(key_id("support-automation"), at("2026-08-20 10:41:07"))],
                      password=True, password_changed=at("2026-08-20 10:44:52"),
                      inline={"support-lookups": policy(
                          allow(["dynamodb:GetItem", "dynamodb:Query"], [f"arn:aws:dynamodb:{REGION}:{p}:table/shipments"]),
                          allow(["logs:FilterLogEvents"], "*"))},
                      tags={"team": "customer-ops"}))
        add_user(User(p, "vendor-edi-gateway", at("2025-06-12 13:02:19"),
                      keys=[AccessKey(key_id("vendor-edi-gateway"), at("2025-06-12 13:03:40"))],
                      inline={"edi-queue": policy(allow(["sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage"],
                                                        [f"arn:aws:sqs:{REGION}:{p}:customs-edi-*"]))},
                      tags={"vendor": "harbourline-customs"}))
        self.groups[(p, "integrations")] = Group(p, "integrations", at("2025-01-10 10:00:00"),
                                                 inline={"deny-iam": policy({"Effect": "Deny", "Action": "iam:*", "Resource": "*"})})
        for name in ("reporting-export", "support-automation", "vendor-edi-gateway"):
            self.users[(p, name)].groups.append("integrations")

        # Staging roles
        staging_subjects = ["repo:northwind/payments:environment:staging", "repo:northwind/tracking-api:environment:staging"]
        staging_trust = github_oidc_trust(s, staging_subjects)
        if q4:
            staging_trust["Statement"].append({"Sid": "ProdCiPromotion", "Effect": "Allow",
                                               "Principal": {"AWS": f"arn:aws:iam::{p}:user/ci-deployer"},
                                               "Action": "sts:AssumeRole"})
        add_role(Role(s, "staging-deployer", staging_trust, at("2025-03-14 09:12:30"), path="/ci/",
                      managed=[managed_ref("StagingDeployer", s, "/ci/")], tags={"team": "platform"}))
        add_role(Role(s, "terraform-staging", policy({
            "Effect": "Allow",
            "Principal": {"Federated": f"arn:aws:iam::{s}:oidc-provider/app.terraform.io"},
            "Action": "sts:AssumeRoleWithWebIdentity",
            "Condition": {"StringEquals": {"app.terraform.io:aud": "aws.workload.identity",
                                           "app.terraform.io:sub": terraform_subjects("staging-platform")}}}),
            at("2024-11-20 16:40:51"), managed=[managed_ref("PowerUserAccess")], tags={"team": "platform"}))
        add_role(Role(s, "qa-loadtest", service_trust("ec2.amazonaws.com"), at("2025-12-01 15:20:00"),
                      inline={"loadtest": policy(allow(["ec2:*", "s3:*", "cloudwatch:PutMetricData"], "*"))},
                      last_used=(at("2026-04-18 22:51:13"), REGION)))
        add_role(Role(s, "AWSServiceRoleForConfig", service_trust("config.amazonaws.com"), at("2024-05-14 09:02:40"),
                      path="/aws-service-role/config.amazonaws.com/", managed=[managed_ref("AWSConfigServiceRolePolicy")]))
        staging_sso = json.loads(json.dumps(sso_trust).replace(p, s))
        add_role(Role(s, SSO_ENGINEER_ROLE, staging_sso, at("2024-05-14 09:31:00"), path=SSO_PATH,
                      managed=[managed_ref("PowerUserAccess")], max_session=28800))

        # Staging users
        add_user(User(s, "build-cache-sync", at("2025-12-02 11:05:00"),
                      keys=[AccessKey(LEAK_BUILDCACHE_KEY_ID, at("2025-12-02 11:05:31"), active=False)],
                      inline={"cache": policy(allow(["s3:GetObject", "s3:PutObject"], ["arn:aws:s3:::northwind-build-cache/*"]))},
                      key_last_used_fixed={LEAK_BUILDCACHE_KEY_ID: (at("2026-06-19 18:02:00"), REGION, "s3")}))
        add_user(User(s, "staging-artifacts-sync", at("2026-07-22 09:40:10"),
                      keys=[AccessKey(LEAK_ARTIFACTS_KEY_ID, at("2026-07-22 09:41:02"))],
                      inline={"artifacts": policy(allow(["s3:GetObject", "s3:PutObject", "s3:ListBucket"],
                                                        ["arn:aws:s3:::northwind-deploy-artifacts-staging",
                                                         "arn:aws:s3:::northwind-deploy-artifacts-staging/*"]),
                                                  allow(["cloudformation:DescribeStacks"], "*"))},
                      tags={"team": "tracking"}))

    def role(self, account, name):
        return self.roles[(account, name)]

    def user(self, account, name):
        return self.users[(account, name)]

    # -- activity ---------------------------------------------------------------------------


def terraform_subjects(workspace):
    """Terraform Cloud workload identity subjects of one workspace, plan and apply."""
    return [f"organization:northwind:project:platform:workspace:{workspace}:run_phase:{phase}" for phase in ("plan", "apply")]
