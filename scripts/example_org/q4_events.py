"""The 2026-Q4 events that the rules should find."""

import json
from datetime import timedelta

from .cloudtrail import session_identity, shadow_session_identity, user_identity
from .common import (
    CONTRACTOR_ACCOUNT, DOMAIN, GH_ORG, GLOBAL_REGION, PROD, REGION, SSO_ENGINEER_ROLE, STG,
    UA_AWS_CLI_GHA, UA_CONFIGURE_CREDENTIALS, UA_CONSOLE, UA_TERRAFORM, at, policy, stable_id,
)


class QuarterFourEvents:
    """The findings-to-be of 2026-Q4 (mixed into Quarter)."""

    def quarter_specific(self):
        trail = self.trails[PROD]
        stg = self.trails[STG]
        rnd = self.rnd
        if not self.q4:
            self.add_change("CHG-2026-3950", "payments-api", "production", "marco.rossi@" + DOMAIN, "elena.petrov@" + DOMAIN,
                            self.role(PROD, "deploy-pipeline").canonical, at("2026-09-24 09:00"), at("2026-09-24 11:00"),
                            "rejected")
            # qa-loadtest was last used in April; build-cache-sync's key was deactivated after a leak in June.
            return
        deploy = self.role(PROD, "deploy-pipeline")
        # Black Friday: a payments-worker deploy during the change freeze, with no change record.
        t = at("2026-11-27 15:12:44")
        run_id = 11_899_001_122
        self.github_workflow("northwind/payments", "deploy-worker.yml", "Deploy worker", t - timedelta(minutes=3), run_id,
                             environment="production", actor="svc-northwind-ci")
        trail.add(t, session_identity(deploy, f"GitHubActions-{run_id}", t - timedelta(minutes=1)),
                  "ecs.amazonaws.com", "UpdateService",
                  params={"cluster": "payments-prod", "service": "payments-worker",
                          "taskDefinition": f"arn:aws:ecs:{REGION}:{PROD}:task-definition/payments-worker:88",
                          "forceNewDeployment": True},
                  ua=UA_AWS_CLI_GHA.format(command="ecs.update-service"), ip=rnd.ip("20.61.122."))
        # An emergency hotfix approved by the deploy pipeline's own owner.
        t = at("2026-12-19 21:34:10")
        self.payments_release(t, trail, deploy, "v2026.12.19-hotfix", cid="CHG-2026-4219",
                              approved_by="tomas.berg@" + DOMAIN, requested_by="tomas.berg@" + DOMAIN,
                              status="emergency")
        # The release bot approves its own tracking-api release train change.
        t = at("2026-12-15 13:20:00")
        self.add_change("CHG-2026-4215", "tracking-api", "production", f"github:{GH_ORG}:app:release-bot",
                        f"github:{GH_ORG}:app:release-bot", f"github:{GH_ORG}:app:release-bot",
                        t - timedelta(minutes=20), t + timedelta(hours=2), "completed")
        self.github_release_bot(t)
        # A scale-out with neither incident nor change ("pre-warming" for a campaign).
        self.ops_lambda(at("2026-12-10 02:14:36"), "scale-out-runbook", "autoscaling.amazonaws.com", "SetDesiredCapacity",
                        {"autoScalingGroupName": "eks-prod-eu-1-workers-7ac1b2", "desiredCapacity": 10, "honorCooldown": False})
        # Break-glass without an incident: a contractor role is created, used, then deleted (a shadow identity).
        contractor_trust = json.dumps(policy({"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{CONTRACTOR_ACCOUNT}:root"},
                                              "Action": "sts:AssumeRole"}))
        self.breakglass_session(at("2026-12-05 10:02:00"), "tomas.berg@" + DOMAIN, [
            (4, ("iam.amazonaws.com", "CreateRole", {"roleName": "contractor-migration", "path": "/",
                                                      "assumeRolePolicyDocument": contractor_trust}, False)),
            (5, ("iam.amazonaws.com", "AttachRolePolicy", {"roleName": "contractor-migration",
                                                            "policyArn": "arn:aws:iam::aws:policy/AmazonRDSFullAccess"}, False)),
        ])
        for day_offset in range(1, 7):
            t = at("2026-12-05 11:00") + timedelta(days=day_offset, hours=rnd.rng.randint(0, 6))
            session = "migration-" + f"{t:%m%d}"
            trail.add(t - timedelta(minutes=1), {"type": "AWSAccount", "principalId": "AIDA" + stable_id("", "contractor", 17) ,
                                                 "accountId": CONTRACTOR_ACCOUNT},
                      "sts.amazonaws.com", "AssumeRole",
                      params={"roleArn": f"arn:aws:iam::{PROD}:role/contractor-migration", "roleSessionName": session},
                      ua="aws-cli/2.18.0 md/awscrt#0.22.0 ua/2.0 os/windows#10 md/arch#amd64 lang/python#3.12.6 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/prompt#off md/command#sts.assume-role",
                      ip="192.0.2.61")
            ident = shadow_session_identity(PROD, "contractor-migration", session, t - timedelta(minutes=1))
            trail.add(t, ident, "rds.amazonaws.com", "DescribeDBSnapshots", params={"dBInstanceIdentifier": "shipments-prod"},
                      read_only=True, ua="aws-cli/2.18.0 md/command#rds.describe-db-snapshots", ip="192.0.2.61")
            if day_offset in (2, 4):
                trail.add(t + timedelta(minutes=6), ident, "rds.amazonaws.com", "CreateDBSnapshot",
                          params={"dBInstanceIdentifier": "shipments-prod", "dBSnapshotIdentifier": f"migration-{t:%Y%m%d}"},
                          ua="aws-cli/2.18.0 md/command#rds.create-db-snapshot", ip="192.0.2.61")
                trail.add(t + timedelta(minutes=48), ident, "rds.amazonaws.com", "ModifyDBSnapshotAttribute",
                          params={"dBSnapshotIdentifier": f"migration-{t:%Y%m%d}", "attributeName": "restore",
                                  "valuesToAdd": [CONTRACTOR_ACCOUNT]},
                          ua="aws-cli/2.18.0 md/command#rds.modify-db-snapshot-attribute", ip="192.0.2.61")
        self.breakglass_session(at("2026-12-12 16:30:00"), "tomas.berg@" + DOMAIN, [
            (3, ("iam.amazonaws.com", "DetachRolePolicy", {"roleName": "contractor-migration",
                                                            "policyArn": "arn:aws:iam::aws:policy/AmazonRDSFullAccess"}, False)),
            (4, ("iam.amazonaws.com", "DeleteRole", {"roleName": "contractor-migration"}, False)),
        ])
        # Production CI keys reused to promote into staging (cross-environment reuse).
        ci = self.user(PROD, "ci-deployer")
        staging_role = self.role(STG, "staging-deployer")
        for t in [at("2026-10-21 15:40:11"), at("2026-11-04 15:52:30"), at("2026-12-02 16:05:18"), at("2026-12-16 15:47:02")]:
            if self.in_staging_gap(t):
                continue
            session = f"promote-{t:%Y%m%d}"
            stg.add(t, user_identity(ci, ci.keys[0].id), "sts.amazonaws.com", "AssumeRole",
                    params={"roleArn": staging_role.arn, "roleSessionName": session},
                    response={"assumedRoleUser": {"assumedRoleId": f"{staging_role.role_id}:{session}",
                                                  "arn": f"arn:aws:sts::{STG}:assumed-role/{staging_role.name}/{session}"}},
                    ua=UA_CONFIGURE_CREDENTIALS, ip=rnd.ip("4.175.112."),
                    resources=[{"accountId": STG, "type": "AWS::IAM::Role", "ARN": staging_role.arn}])
            stg.add(t + timedelta(minutes=2), session_identity(staging_role, session, t), "ecs.amazonaws.com", "UpdateService",
                    params={"cluster": "payments-staging", "service": "payments-api",
                            "taskDefinition": f"arn:aws:ecs:{REGION}:{STG}:task-definition/payments-api:{200 + t.timetuple().tm_yday}"},
                    ua=UA_AWS_CLI_GHA.format(command="ecs.update-service"), ip=rnd.ip("4.175.112."))
        # Pull-request plans through the loosely trusted OIDC role.
        plan = self.role(PROD, "gha-terraform-plan")
        day = at("2026-10-15 00:00")
        while day <= self.end:
            if day.weekday() in (1, 3):
                t = day + timedelta(hours=11) + rnd.jitter(240)
                run_id = 11_950_000_000 + int(t.timestamp()) % 100_000_000
                ident = session_identity(plan, f"GitHubActions-{run_id}", t - timedelta(minutes=1))
                self.github_workflow("northwind/infrastructure", "plan.yml", "Terraform plan", t - timedelta(minutes=2), run_id)
                for minute, (source, name) in enumerate([("ec2.amazonaws.com", "DescribeSecurityGroups"),
                                                         ("iam.amazonaws.com", "GetRole"),
                                                         ("rds.amazonaws.com", "DescribeDBClusters")]):
                    trail.add(t + timedelta(seconds=20 * minute), ident, source, name, params={}, read_only=True,
                              ua=UA_TERRAFORM.format(api=source.split(".")[0]), ip=rnd.ip("20.61.122."),
                              region=GLOBAL_REGION if source == "iam.amazonaws.com" else REGION)
            day += timedelta(days=1)
        # The staging trail is stopped by Terraform and restarted nine days later.
        tf = self.role(STG, "terraform-staging")
        start, end = self.staging_gap()
        tf_ident = session_identity(tf, "terraform-run-staging-" + rnd.token(8, "abcdefghijklmnopqrstuvwxyz0123456789"), start - timedelta(minutes=2))
        stg.add(start - timedelta(seconds=30), tf_ident, "cloudtrail.amazonaws.com", "UpdateTrail",
                params={"name": "org-staging-trail", "s3BucketName": "northwind-cloudtrail-staging-v2"},
                ua=UA_TERRAFORM.format(api="cloudtrail"), ip=rnd.ip("52.86.200."))
        stg.add(start, tf_ident, "cloudtrail.amazonaws.com", "StopLogging", params={"name": "org-staging-trail"},
                ua=UA_TERRAFORM.format(api="cloudtrail"), ip=rnd.ip("52.86.200."))
        engineer = self.role(STG, SSO_ENGINEER_ROLE)
        stg.add(end, session_identity(engineer, "tomas.berg@" + DOMAIN, end - timedelta(minutes=20), mfa=True),
                "cloudtrail.amazonaws.com", "StartLogging", params={"name": "org-staging-trail"},
                ua=UA_CONSOLE, ip="203.0.113.25")
        # The leaked staging artifacts key keeps working.
        art = self.user(STG, "staging-artifacts-sync")
        for t in [at("2026-10-08 07:10:00"), at("2026-11-09 07:12:40"), at("2026-12-14 07:09:55")]:
            stg.add(t, user_identity(art, art.keys[0].id), "cloudformation.amazonaws.com", "DescribeStacks",
                    params={"stackName": "payments-api-staging"}, read_only=True,
                    ua="aws-cli/1.33.5 Python/3.9.19 Linux/5.15.0-1064-aws botocore/1.34.113", ip="203.0.113.88")

    # -- Kubernetes -------------------------------------------------------------------------
