"""Incidents and the recovery actions taken inside them."""

import uuid
from datetime import timedelta

from .cloudtrail import session_identity
from .common import (
    DOMAIN, GLOBAL_REGION, PROD, PROD_CLUSTER, REGION, SSO_ENGINEER_ROLE, UA_AWS_CLI_GHA, UA_BOTO_LAMBDA,
    UA_BROWSER, UA_CONSOLE, UA_ONCALL, at, iso,
)


class IncidentActivity:
    """Incidents and their recovery actions (mixed into Quarter)."""

    def incidents_and_recovery(self):
        if not self.q4:
            self.incident_q3_tracking()
            self.incident_q3_database()
        else:
            self.incident_q4_payments()
            self.incident_q4_tracking()
            self.incident_q4_database()

    def add_incident(self, iid, severity, declared, resolved, responders, review_at, review_ref, reviewed_by=""):
        self.incidents.append([iid, severity, iso(declared), iso(resolved) if resolved else "",
                               ";".join(responders), iso(review_at) if review_at else "", review_ref or "", reviewed_by])

    def breakglass_session(self, t, who, actions, ip="203.0.113.25"):
        role = self.role(PROD, "break-glass-admin")
        trail = self.trails[PROD]
        engineer = self.role(PROD, SSO_ENGINEER_ROLE)
        session = who
        sso_session = session_identity(engineer, who, t - timedelta(hours=1), mfa=True)
        trail.add(t, sso_session, "sts.amazonaws.com", "AssumeRole",
                  params={"roleArn": role.arn, "roleSessionName": session, "durationSeconds": 43200 if not self.q4 else 3600,
                          "sourceIdentity": who},
                  response={"assumedRoleUser": {"assumedRoleId": f"{role.role_id}:{session}",
                                                "arn": f"arn:aws:sts::{PROD}:assumed-role/{role.name}/{session}"},
                            "sourceIdentity": who},
                  ua=UA_CONSOLE, ip=ip,
                  resources=[{"accountId": PROD, "type": "AWS::IAM::Role", "ARN": role.arn}])
        ident = session_identity(role, session, t, mfa=True, source_identity=who)
        for offset, (source, name, params, read_only) in actions:
            region = GLOBAL_REGION if source == "iam.amazonaws.com" else REGION
            trail.add(t + timedelta(minutes=offset), ident, source, name, params=params, read_only=read_only,
                      ua=UA_CONSOLE if not read_only else UA_BROWSER, ip=ip, region=region)

    def oncall_scale(self, t, replicas):
        self.k8s_event(PROD_CLUSTER, t, "ops", "oncall-runner", "patch", "deployments", "tracking", "tracking-api",
                       subresource="scale", request_object={"spec": {"replicas": replicas}}, ua=UA_ONCALL,
                       ip="10.42.7.31", with_received=True)

    def oncall_restart(self, t):
        self.k8s_event(PROD_CLUSTER, t, "ops", "oncall-runner", "patch", "deployments", "tracking", "tracking-api",
                       request_object={"spec": {"template": {"metadata": {"annotations": {
                           "kubectl.kubernetes.io/restartedAt": iso(t)}}}}},
                       ua=UA_ONCALL, ip="10.42.7.31", with_received=True)

    def ops_lambda(self, t, function, source, name, params):
        role = self.role(PROD, "ops-autoscaler")
        self.trails[PROD].add(t, session_identity(role, function, t - timedelta(seconds=40)), source, name,
                              params=params, ua=UA_BOTO_LAMBDA, ip=self.rnd.ip("34.253.18."))

    def incident_q3_tracking(self):
        declared, resolved = at("2026-08-23 14:02:10"), at("2026-08-23 16:31:44")
        self.oncall_scale(at("2026-08-23 14:20:05"), 10)
        self.ops_lambda(at("2026-08-23 14:25:40"), "scale-out-runbook", "autoscaling.amazonaws.com", "SetDesiredCapacity",
                        {"autoScalingGroupName": "eks-prod-eu-1-workers-7ac1b2", "desiredCapacity": 12, "honorCooldown": False})
        self.oncall_restart(at("2026-08-23 14:35:12"))
        self.breakglass_session(at("2026-08-23 14:41:00"), "aisha.khan@" + DOMAIN, [
            (2, ("ec2.amazonaws.com", "DescribeInstances", {"filterSet": {"items": [{"name": "tag:eks:nodegroup-name", "valueSet": {"items": [{"value": "workers"}]}}]}}, True)),
            (6, ("eks.amazonaws.com", "UpdateNodegroupConfig", {"name": PROD_CLUSTER, "nodegroupName": "workers",
                                                                "scalingConfig": {"minSize": 6, "maxSize": 20, "desiredSize": 12}}, False)),
        ])
        self.add_incident("INC-2026-0823", "sev2", declared, resolved,
                          ["aisha.khan@" + DOMAIN, f"k8s:{PROD_CLUSTER}:serviceaccount:ops:oncall-runner",
                           self.role(PROD, "ops-autoscaler").canonical, self.role(PROD, "break-glass-admin").canonical],
                          at("2026-08-26 15:00:00"), "PIR-2026-0823", reviewed_by="tomas.berg@" + DOMAIN)

    def incident_q3_database(self):
        declared, resolved = at("2026-09-11 03:10:22"), at("2026-09-11 04:05:09")
        self.ops_lambda(at("2026-09-11 03:18:47"), "rds-failover-runbook", "rds.amazonaws.com", "FailoverDBCluster",
                        {"dBClusterIdentifier": "payments-prod", "targetDBInstanceIdentifier": "payments-prod-2"})
        self.add_incident("INC-2026-0911", "sev3", declared, resolved,
                          ["aisha.khan@" + DOMAIN, self.role(PROD, "ops-autoscaler").canonical],
                          at("2026-09-14 10:30:00"), "PIR-2026-0911", reviewed_by="marco.rossi@" + DOMAIN)

    def incident_q4_payments(self):
        """The release of 5 November breaks payments; the deploy pipeline itself is used to recover (dual use)."""
        deploy = self.role(PROD, "deploy-pipeline")
        trail = self.trails[PROD]
        # The release change CHG-2026-4xxx of that Tuesday was replaced by this Thursday release.
        release_time = at("2026-11-05 08:41:12")
        deployment_id = self.payments_release(release_time, trail, deploy, "v2026.11.05-1", cid="CHG-2026-4105",
                                              requested_by="marco.rossi@" + DOMAIN)
        declared, resolved = at("2026-11-05 09:12:40"), at("2026-11-05 11:40:03")
        run_id = 11_812_345_678
        session = f"GitHubActions-{run_id}"
        ident = session_identity(deploy, session, at("2026-11-05 09:29:50"))
        ip = self.rnd.ip("20.61.122.")
        self.github_workflow("northwind/payments", "scale.yml", "Emergency scale", at("2026-11-05 09:29:02"), run_id,
                             environment="production", actor="marco-rossi")
        trail.add(at("2026-11-05 09:31:08"), ident, "ecs.amazonaws.com", "UpdateService",
                  params={"cluster": "payments-prod", "service": "payments-api", "desiredCount": 12},
                  ua=UA_AWS_CLI_GHA.format(command="ecs.update-service"), ip=ip)
        run_id2 = 11_812_399_001
        ident2 = session_identity(deploy, f"GitHubActions-{run_id2}", at("2026-11-05 09:57:30"))
        self.github_workflow("northwind/payments", "rollback.yml", "Rollback", at("2026-11-05 09:56:44"), run_id2,
                             environment="production", actor="marco-rossi")
        trail.add(at("2026-11-05 09:58:21"), ident2, "codedeploy.amazonaws.com", "StopDeployment",
                  params={"deploymentId": deployment_id, "autoRollbackEnabled": True},
                  response={"status": "Pending", "statusMessage": "Stopping Pending. Stopping to be started."},
                  ua=UA_AWS_CLI_GHA.format(command="deploy.stop-deployment"), ip=ip)
        trail.add(at("2026-11-05 10:06:45"), ident2, "cloudformation.amazonaws.com", "RollbackStack",
                  params={"stackName": "payments-api-prod"},
                  response={"stackId": f"arn:aws:cloudformation:{REGION}:{PROD}:stack/payments-api-prod/5d0f7c10-1e2b-11f0-9c3a-0a8e5f1b2c3d"},
                  ua=UA_AWS_CLI_GHA.format(command="cloudformation.rollback-stack"), ip=ip)
        self.breakglass_session(at("2026-11-05 10:15:30"), "marco.rossi@" + DOMAIN, [
            (3, ("elasticloadbalancing.amazonaws.com", "DescribeRules",
                 {"listenerArn": f"arn:aws:elasticloadbalancing:{REGION}:{PROD}:listener/app/payments-prod/3e1c7a9f5b2d4c60/8a7b6c5d4e3f2a10"}, True)),
            (9, ("elasticloadbalancing.amazonaws.com", "ModifyRule",
                 {"ruleArn": f"arn:aws:elasticloadbalancing:{REGION}:{PROD}:listener-rule/app/payments-prod/3e1c7a9f5b2d4c60/8a7b6c5d4e3f2a10/1f2e3d4c5b6a7980",
                  "actions": [{"type": "forward", "forwardConfig": {"targetGroups": [
                      {"targetGroupArn": f"arn:aws:elasticloadbalancing:{REGION}:{PROD}:targetgroup/payments-blue/0a1b2c3d4e5f6071", "weight": 100},
                      {"targetGroupArn": f"arn:aws:elasticloadbalancing:{REGION}:{PROD}:targetgroup/payments-green/1b2c3d4e5f607182", "weight": 0}]}}]},
                 False)),
        ])
        self.add_incident("INC-2026-1105", "sev2", declared, resolved,
                          ["marco.rossi@" + DOMAIN, "aisha.khan@" + DOMAIN, deploy.canonical,
                           self.role(PROD, "break-glass-admin").canonical],
                          at("2026-11-18 16:00:00"), "PIR-2026-1105", reviewed_by="marco.rossi@" + DOMAIN)

    def incident_q4_database(self):
        """Payments declares a database incident without SRE; the SRE failover runbook fails the
        cluster over anyway: recovery by an identity neither listed nor owned by a responder."""
        declared, resolved = at("2026-10-19 02:04:51"), at("2026-10-19 02:58:13")
        t = at("2026-10-19 02:21:37")
        role = self.role(PROD, "ops-autoscaler")
        ids = tuple(str(uuid.uuid5(uuid.NAMESPACE_URL, f"northwind:INC-2026-1019:{part}")) for part in ("request", "event"))
        self.trails[PROD].add(t, session_identity(role, "rds-failover-runbook", t - timedelta(seconds=40)), "rds.amazonaws.com",
                              "FailoverDBCluster", params={"dBClusterIdentifier": "payments-prod",
                                                           "targetDBInstanceIdentifier": "payments-prod-1"},
                              ua=UA_BOTO_LAMBDA, ip="34.253.18.77", ids=ids)
        self.add_incident("INC-2026-1019", "sev3", declared, resolved, ["marco.rossi@" + DOMAIN],
                          at("2026-10-22 14:00:00"), "PIR-2026-1019", reviewed_by="tomas.berg@" + DOMAIN)

    def incident_q4_tracking(self):
        declared, resolved = at("2026-12-03 06:40:18"), at("2026-12-03 07:55:40")
        self.oncall_restart(at("2026-12-03 06:52:31"))
        self.oncall_scale(at("2026-12-03 07:01:09"), 9)
        self.add_incident("INC-2026-1203", "sev3", declared, resolved,
                          ["aisha.khan@" + DOMAIN, f"k8s:{PROD_CLUSTER}:serviceaccount:ops:oncall-runner"],
                          at("2026-12-07 11:00:00"), "PIR-2026-1203", reviewed_by="tomas.berg@" + DOMAIN)
