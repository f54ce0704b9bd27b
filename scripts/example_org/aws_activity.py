"""Routine AWS activity: background reads, releases inside change windows, Terraform applies, integrations."""

import hashlib
import json
from datetime import timedelta

from .cloudtrail import service_identity, session_identity, user_identity
from .common import (
    DOMAIN, GLOBAL_REGION, PROD, PROD_CLUSTER, REGION, STG, STG_CLUSTER, UA_ARGOCD, UA_AWS_CLI_GHA,
    UA_BROWSER, UA_CONFIGURE_CREDENTIALS, UA_CONSOLE, UA_JAVA_SDK, UA_TERRAFORM, UA_VENDOR, at, iso,
)


class AwsActivity:
    """Routine AWS activity of one quarter (mixed into Quarter)."""

    def background_aws(self):
        """Steady read traffic every six hours, so each trail covers the whole period."""
        rnd = self.rnd
        for account in (PROD, STG):
            config_role = self.role(account, "AWSServiceRoleForConfig")
            trail = self.trails[account]
            day = self.start
            slot = 0
            while day <= self.end:
                t = day + timedelta(minutes=17) + rnd.jitter(40)
                day += timedelta(hours=6)
                slot += 1
                if account == STG and self.in_staging_gap(t):
                    continue
                session = "AWSConfig-Describe"
                if slot % 2 == 0:
                    trail.add(t, service_identity("config.amazonaws.com"), "sts.amazonaws.com", "AssumeRole",
                              params={"roleArn": config_role.arn, "roleSessionName": session},
                              response={"credentials": {"accessKeyId": "ASIA" + rnd.token(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"),
                                                        "expiration": (t + timedelta(hours=1)).strftime("%b %-d, %Y, %-I:%M:%S %p")},
                                        "assumedRoleUser": {"assumedRoleId": f"{config_role.role_id}:{session}",
                                                            "arn": f"arn:aws:sts::{account}:assumed-role/{config_role.name}/{session}"}},
                              read_only=True, ip="config.amazonaws.com",
                              resources=[{"accountId": account, "type": "AWS::IAM::Role", "ARN": config_role.arn}])
                else:
                    name = rnd.pick(["DescribeInstances", "DescribeSecurityGroups", "DescribeVolumes"])
                    trail.add(t, session_identity(config_role, session, t - timedelta(minutes=3),
                                                  invoked_by="config.amazonaws.com"),
                              "ec2.amazonaws.com", name, params={"maxResults": 1000}, read_only=True,
                              ip="config.amazonaws.com")
                if account == PROD and slot % 3 == 0:
                    vendor = self.role(PROD, "vendor-monitoring")
                    tv = t + timedelta(minutes=9)
                    trail.add(tv, session_identity(vendor, "skyline-poller", tv - timedelta(minutes=2)),
                              "monitoring.amazonaws.com", "GetMetricData",
                              params={"startTime": iso(tv - timedelta(minutes=15)), "endTime": iso(tv)},
                              read_only=True, ua=UA_VENDOR, ip=rnd.ip("198.51.100."))
                if account == PROD and slot % 4 == 1:
                    task = self.role(PROD, "payments-api-task")
                    tt = t + timedelta(minutes=23)
                    session_name = rnd.hexid(32)
                    trail.add(tt, session_identity(task, session_name, tt - timedelta(minutes=40)),
                              "secretsmanager.amazonaws.com", "GetSecretValue",
                              params={"secretId": f"arn:aws:secretsmanager:{REGION}:{PROD}:secret:payments/stripe-webhook-Xk29Qa"},
                              read_only=True, ua=UA_JAVA_SDK, ip=rnd.ip("10.20.14."))

    def add_change(self, cid, system, environment, requested_by, approved_by, executed_by, start, end, status):
        self.changes.append([cid, system, environment, requested_by, approved_by, executed_by,
                             iso(start) if start else "", iso(end) if end else "", status])

    def payments_release(self, t, trail, deploy, release, cid, approved_by=None, requested_by=None,
                         status="completed"):
        """A GitHub Actions release of payments: CloudFormation, then a CodeDeploy blue/green of the ECS service."""
        rnd = self.rnd
        run_id = 11_800_000_000 + int(t.timestamp()) % 100_000_000
        session = f"GitHubActions-{run_id}"
        created = t - timedelta(minutes=1)
        ident = session_identity(deploy, session, created)
        ua = UA_AWS_CLI_GHA
        ip = rnd.ip("20.61.122.")
        trail.add(t, ident, "ecs.amazonaws.com", "RegisterTaskDefinition",
                  params={"family": "payments-api", "taskRoleArn": f"arn:aws:iam::{PROD}:role/payments-api-task",
                          "executionRoleArn": f"arn:aws:iam::{PROD}:role/ecs-task-execution",
                          "containerDefinitions": [{"name": "payments-api",
                                                    "image": f"{PROD}.dkr.ecr.{REGION}.amazonaws.com/payments-api:{release}"}]},
                  ua=ua.format(command="ecs.register-task-definition"), ip=ip)
        trail.add(t + timedelta(minutes=1), ident, "cloudformation.amazonaws.com", "UpdateStack",
                  params={"stackName": "payments-api-prod", "usePreviousTemplate": False,
                          "templateURL": f"https://northwind-deploy-artifacts-prod.s3.{REGION}.amazonaws.com/payments/{release}/stack.yaml",
                          "capabilities": ["CAPABILITY_NAMED_IAM"]},
                  response={"stackId": f"arn:aws:cloudformation:{REGION}:{PROD}:stack/payments-api-prod/5d0f7c10-1e2b-11f0-9c3a-0a8e5f1b2c3d"},
                  ua=ua.format(command="cloudformation.update-stack"), ip=ip)
        deployment_id = "d-" + rnd.token(9, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        trail.add(t + timedelta(minutes=3), ident, "codedeploy.amazonaws.com", "CreateDeployment",
                  params={"applicationName": "payments-api", "deploymentGroupName": "payments-api-prod",
                          "revision": {"revisionType": "AppSpecContent",
                                       "appSpecContent": {"sha256": hashlib.sha256(release.encode()).hexdigest()}}},
                  response={"deploymentId": deployment_id},
                  ua=ua.format(command="deploy.create-deployment"), ip=ip)
        self.add_change(cid, "payments-api", "production", requested_by or "marco.rossi@" + DOMAIN,
                        approved_by or "elena.petrov@" + DOMAIN, deploy.canonical,
                        t - timedelta(minutes=30), t + timedelta(hours=1, minutes=30), status)
        self.github_workflow("northwind/payments", "deploy.yml", "Deploy", t - timedelta(minutes=4), run_id,
                             environment="production")
        return deployment_id

    def tracking_release(self, t, cluster, version, cid=None):
        """ci-deployer pushes the image from GitHub Actions, then Argo CD rolls it out."""
        rnd = self.rnd
        if cluster == PROD_CLUSTER:
            ci = self.user(PROD, "ci-deployer")
            trail = self.trails[PROD]
            ident = user_identity(ci, ci.keys[0].id)
            ip = rnd.ip("4.175.112.")
            trail.add(t - timedelta(seconds=40), ident, "sts.amazonaws.com", "GetCallerIdentity", params=None, read_only=True,
                      ua=UA_CONFIGURE_CREDENTIALS, ip=ip)
            trail.add(t, ident, "ecr.amazonaws.com", "GetAuthorizationToken", params={}, read_only=True,
                      ua=UA_AWS_CLI_GHA.format(command="ecr.get-login-password"), ip=ip)
            trail.add(t + timedelta(minutes=2), ident, "ecr.amazonaws.com", "PutImage",
                      params={"repositoryName": "tracking-api", "imageTag": version,
                              "registryId": PROD},
                      ua="docker/27.2.0 go/go1.21.13 git-commit/3ab5c7d kernel/6.5.0-1025-azure os/linux arch/amd64 UpstreamClient(docker-buildx)",
                      ip=ip)
            # The release spans two identities (the image push and Argo CD's rollout), so the change
            # names no executor and covers all of production during its window.
            self.add_change(cid, "tracking-api", "production", "jonas.keller@" + DOMAIN, "elena.petrov@" + DOMAIN, "",
                            t - timedelta(minutes=20), t + timedelta(hours=2), "completed")
        image = f"{PROD}.dkr.ecr.{REGION}.amazonaws.com/tracking-api:{version}"
        self.k8s_event(cluster, t + timedelta(minutes=14), "argocd", "argocd-application-controller", "patch",
                       "deployments", "tracking", "tracking-api",
                       request_object={"spec": {"template": {"spec": {"containers": [{"name": "tracking-api", "image": image}]}}}},
                       ua=UA_ARGOCD, ip="10.42.3.17", with_received=True)

    def releases(self):
        """Weekly payments releases (Tuesday) and tracking releases (Thursday), each inside its change window."""
        deploy = self.role(PROD, "deploy-pipeline")
        trail = self.trails[PROD]
        number = 1
        prefix = "CHG-2026-" + ("3" if not self.q4 else "4")
        for day in self.days():
            tue = day.weekday() == 1
            thu = day.weekday() == 3
            if tue and not self.skip_release(day):
                release = f"v{day:%Y.%m.%d}-1"
                self.payments_release(day + timedelta(hours=9, minutes=5) + self.rnd.jitter(20), trail, deploy, release,
                                      cid=f"{prefix}{number:03d}")
                number += 1
            if thu and not self.skip_release(day):
                version = f"{day:%Y.%m.%d}"
                self.tracking_release(day + timedelta(hours=13, minutes=10) + self.rnd.jitter(20), PROD_CLUSTER, version,
                                      cid=f"{prefix}{number:03d}")
                number += 1
            if day.weekday() in (0, 2) and not (self.q4 and day > at("2026-11-02 00:00")):
                self.tracking_release(day + timedelta(hours=10, minutes=30) + self.rnd.jitter(60), STG_CLUSTER,
                                      f"{day:%Y.%m.%d}-rc")
            if day.weekday() in (0, 3) and not self.in_staging_gap(day + timedelta(hours=15)):
                self.staging_deploy(day + timedelta(hours=15) + self.rnd.jitter(90))

    def skip_release(self, day):
        """No releases in the last week of December (freeze) nor over Black Friday week."""
        if day >= at("2026-12-21 00:00"):
            return True
        if at("2026-11-23 00:00") <= day <= at("2026-11-29 23:59"):
            return True
        return False

    def staging_deploy(self, t):
        rnd = self.rnd
        role = self.role(STG, "staging-deployer")
        trail = self.trails[STG]
        run_id = 11_900_000_000 + int(t.timestamp()) % 100_000_000
        ident = session_identity(role, f"GitHubActions-{run_id}", t - timedelta(minutes=1))
        ip = rnd.ip("20.61.122.")
        trail.add(t, ident, "cloudformation.amazonaws.com", "UpdateStack",
                  params={"stackName": "payments-api-staging", "usePreviousTemplate": False,
                          "capabilities": ["CAPABILITY_NAMED_IAM"]},
                  ua=UA_AWS_CLI_GHA.format(command="cloudformation.update-stack"), ip=ip)
        trail.add(t + timedelta(minutes=4), ident, "ecs.amazonaws.com", "UpdateService",
                  params={"cluster": "payments-staging", "service": "payments-api",
                          "taskDefinition": f"arn:aws:ecs:{REGION}:{STG}:task-definition/payments-api:{200 + t.timetuple().tm_yday}",
                          "forceNewDeployment": False},
                  ua=UA_AWS_CLI_GHA.format(command="ecs.update-service"), ip=ip)
        self.github_workflow("northwind/payments", "deploy.yml", "Deploy", t - timedelta(minutes=3), run_id,
                             environment="staging")

    def platform_changes(self):
        """Terraform Cloud applies by platform-automation, each inside an infrastructure change."""
        role = self.role(PROD, "platform-automation")
        trail = self.trails[PROD]
        rnd = self.rnd
        applies = ([at("2026-07-15 14:05"), at("2026-08-12 14:10"), at("2026-09-16 14:02")] if not self.q4 else
                   [at("2026-10-12 14:04"), at("2026-10-14 10:15"), at("2026-11-18 14:08")])
        for index, t in enumerate(applies):
            cid = f"CHG-2026-{'3' if not self.q4 else '4'}{900 + index}"
            session = f"terraform-run-{rnd.token(16, 'abcdefghijklmnopqrstuvwxyz0123456789')}"
            ident = session_identity(role, session, t - timedelta(minutes=1))
            ip = rnd.ip("52.86.200.")
            for minute, (source, name, params) in enumerate([
                ("ec2.amazonaws.com", "DescribeSecurityGroups", {"groupIdSet": {"items": [{"groupId": "sg-0a1b2c3d4e5f60718"}]}}),
                ("iam.amazonaws.com", "GetRole", {"roleName": "payments-api-task"}),
                ("ec2.amazonaws.com", "AuthorizeSecurityGroupIngress",
                 {"groupId": "sg-0a1b2c3d4e5f60718", "ipPermissions": {"items": [{"ipProtocol": "tcp", "fromPort": 443, "toPort": 443,
                                                                                  "ipRanges": {"items": [{"cidrIp": "10.20.0.0/16"}]}}]}}),
                ("logs.amazonaws.com", "PutRetentionPolicy", {"logGroupName": "/ecs/payments-api", "retentionInDays": 400}),
            ]):
                region = GLOBAL_REGION if source == "iam.amazonaws.com" else REGION
                trail.add(t + timedelta(minutes=minute), ident, source, name, params=params,
                          read_only=name.startswith(("Describe", "Get")), ua=UA_TERRAFORM.format(api=source.split(".")[0]),
                          ip=ip, region=region)
            if self.q4 and index == 0:
                # The data-export role loses AdministratorAccess (the Q3 finding is fixed).
                trail.add(t + timedelta(minutes=5), ident, "iam.amazonaws.com", "DetachRolePolicy",
                          params={"roleName": "data-export", "policyArn": "arn:aws:iam::aws:policy/AdministratorAccess"},
                          ua=UA_TERRAFORM.format(api="iam"), ip=ip, region=GLOBAL_REGION)
                trail.add(t + timedelta(minutes=6), ident, "iam.amazonaws.com", "PutRolePolicy",
                          params={"roleName": "data-export", "policyName": "export-scoped"},
                          ua=UA_TERRAFORM.format(api="iam"), ip=ip, region=GLOBAL_REGION)
            if self.q4 and index == 1:
                plan = self.role(PROD, "gha-terraform-plan")
                trail.add(t + timedelta(minutes=5), ident, "iam.amazonaws.com", "CreateRole",
                          params={"roleName": plan.name, "path": plan.path,
                                  "assumeRolePolicyDocument": json.dumps(plan.trust),
                                  "description": plan.description},
                          ua=UA_TERRAFORM.format(api="iam"), ip=ip, region=GLOBAL_REGION)
                trail.add(t + timedelta(minutes=6), ident, "iam.amazonaws.com", "AttachRolePolicy",
                          params={"roleName": plan.name, "policyArn": "arn:aws:iam::aws:policy/ReadOnlyAccess"},
                          ua=UA_TERRAFORM.format(api="iam"), ip=ip, region=GLOBAL_REGION)
            requested = "tomas.berg@" + DOMAIN
            self.add_change(cid, "platform-infrastructure", "production", requested, "elena.petrov@" + DOMAIN,
                            role.canonical, t - timedelta(minutes=15), t + timedelta(hours=1), "completed")

    def data_and_integrations(self):
        """Nightly exports, the EDI gateway, the support tool, the data-export Glue job."""
        rnd = self.rnd
        trail = self.trails[PROD]
        reporting = self.user(PROD, "reporting-export")
        edi = self.user(PROD, "vendor-edi-gateway")
        export = self.role(PROD, "data-export")
        for day in self.days():
            if day.weekday() < 5:
                t = day + timedelta(hours=2, minutes=5) + rnd.jitter(10)
                key = reporting.keys[0].id
                if self.q4 and day < at("2026-10-06 00:00"):
                    continue_export = False   # exports paused while the leaked key was rotated
                else:
                    continue_export = True
                if continue_export:
                    trail.add(t, user_identity(reporting, key), "athena.amazonaws.com", "StartQueryExecution",
                              params={"queryString": "SELECT * FROM shipments_daily WHERE day = current_date - interval '1' day",
                                      "workGroup": "exports"},
                              response={"queryExecutionId": rnd.uuid()},
                              ua="Boto3/1.34.120 md/Botocore#1.34.120 ua/2.0 os/linux#5.15.0-1066-aws md/arch#x86_64 lang/python#3.11.9 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34.120",
                              ip="203.0.113.40")
            if day.weekday() in (0, 2, 4):
                t = day + timedelta(hours=6, minutes=30) + rnd.jitter(15)
                trail.add(t, user_identity(edi, edi.keys[0].id), "sqs.amazonaws.com", "ReceiveMessage",
                          params={"queueUrl": f"https://sqs.{REGION}.amazonaws.com/{PROD}/customs-edi-inbound",
                                  "maxNumberOfMessages": 10}, read_only=False,
                          ua="aws-sdk-dotnet-coreclr/3.7.400.12 aws-sdk-dotnet-core/3.7.400.12 .NET_Core/8.0.8 OS/Microsoft_Windows_10.0.20348",
                          ip="198.51.100.77")
            if day.weekday() == 6:
                t = day + timedelta(hours=3) + rnd.jitter(20)
                trail.add(t, session_identity(export, "GlueJobRunnerSession", t - timedelta(minutes=2),
                                              invoked_by="glue.amazonaws.com"),
                          "glue.amazonaws.com", "GetTable", params={"databaseName": "shipments", "name": "shipments_daily"},
                          read_only=True, ip="glue.amazonaws.com")
        # Human console use of the support-automation user (it has a console password).
        support = self.user(PROD, "support-automation")
        logins = [at("2026-08-24 08:52:31"), at("2026-09-21 09:14:02")] if not self.q4 else [at("2026-11-19 08:47:55")]
        for t in logins:
            trail.add(t, user_identity(support), "signin.amazonaws.com", "ConsoleLogin",
                      response={"ConsoleLogin": "Success"},
                      extra={"LoginTo": "https://console.aws.amazon.com/console/home?region=eu-west-1",
                             "MobileVersion": "No", "MFAUsed": "No"},
                      ua=UA_BROWSER, ip="203.0.113.25", region=GLOBAL_REGION, event_type="AwsConsoleSignIn")
            trail.add(t + timedelta(minutes=3), user_identity(support), "logs.amazonaws.com", "FilterLogEvents",
                      params={"logGroupName": "/ecs/payments-api", "filterPattern": "\"order 4471\""},
                      read_only=True, ua=UA_CONSOLE, ip="203.0.113.25")
        # The integration's real work, through its access key.
        for day in self.days():
            if day.weekday() < 5 and day.day % 3 == 0 and day > support.created:
                t = day + timedelta(hours=11) + rnd.jitter(300)
                trail.add(t, user_identity(support, support.keys[0].id), "dynamodb.amazonaws.com", "Query",
                          params={"tableName": "shipments", "indexName": "by-customer"}, read_only=True,
                          ua="aws-sdk-nodejs/2.1691.0 linux/v20.17.0 exec-env/zendesk-sidecar promise", ip="198.51.100.140")
