"""The data platform's GCP project: Cloud Asset Inventory exports and Cloud Audit Logs.

Deterministic without the seeded random source (drawing from it would move every later draw of
the other platforms): ids and insert ids are hashes of what they name.
"""

import hashlib
import json
import os
from datetime import timedelta

from .common import DOMAIN, at, iso_micro, write_text

GCP_PROJECT = "northwind-data-prod"
GCP_NUMBER = "481516234200"
GCP_FOLDER = "318204775190"
GCP_ORG = "605020417733"
SA_DOMAIN = f"{GCP_PROJECT}.iam.gserviceaccount.com"
ETL = f"etl-runner@{SA_DOMAIN}"
DEPLOYER = f"run-deployer@{SA_DOMAIN}"
COMPUTE = f"{GCP_NUMBER}-compute@developer.gserviceaccount.com"
ETL_KEY = hashlib.sha1(b"etl-runner key 2025").hexdigest()
UA_BQ = "gcloud-python/3.25.0 bigquery/3.25.0 etl-runner/2.3"
UA_DEPLOY = "google-github-actions/deploy-cloudrun/2.6.0 gcloud/476.0.0 GitHub-Actions"
UA_GCLOUD = "google-cloud-sdk gcloud/476.0.0 command/gcloud.run.deploy invocation-id/5d1c interactive/True"


def gcp_id(email):
    project = email.split("@")[1].split(".")[0]
    return f"gcp:{GCP_NUMBER if project == 'developer' else project}:serviceaccount:{email}"


def unique_id(email):
    return str(100000000000000000000 + int(hashlib.sha256(email.encode()).hexdigest()[:12], 16))


class GcpActivity:
    """Service accounts, keys, IAM policies and audit log entries of the GCP project (mixed into Quarter)."""

    def gcp_entry(self, t, email, service, method, resource, ua, ip, key=None, delegator=None, resource_type="audited_resource"):
        authentication = {"principalEmail": email}
        if key:
            authentication["serviceAccountKeyName"] = (
                f"//iam.googleapis.com/projects/{GCP_PROJECT}/serviceAccounts/{email}/keys/{key}")
        if delegator:
            authentication["serviceAccountDelegationInfo"] = [{"firstPartyPrincipal": {"principalEmail": delegator}}]
        insert = hashlib.sha1(f"{t.isoformat()}{email}{method}".encode()).hexdigest()[:12]
        self.gcp_log.append((t, {
            "insertId": insert,
            "logName": f"projects/{GCP_PROJECT}/logs/cloudaudit.googleapis.com%2Factivity",
            "protoPayload": {
                "@type": "type.googleapis.com/google.cloud.audit.AuditLog",
                "authenticationInfo": authentication,
                "methodName": method,
                "requestMetadata": {"callerIp": ip, "callerSuppliedUserAgent": ua},
                "resourceName": resource,
                "serviceName": f"{service}.googleapis.com",
                "status": {},
            },
            "receiveTimestamp": iso_micro(t + timedelta(milliseconds=480)),
            "resource": {"labels": {"project_id": GCP_PROJECT}, "type": resource_type},
            "severity": "NOTICE",
            "timestamp": iso_micro(t),
        }))

    def gcp_background(self):
        """ETL jobs every six hours; a Cloud Run release of the tracking exporter each Tuesday, in a change window."""
        self.gcp_log = []
        for day in self.days():
            for hour in (0, 6, 12, 18):
                self.gcp_entry(day + timedelta(hours=hour, minutes=5), ETL, "bigquery",
                               "google.cloud.bigquery.v2.JobService.InsertJob",
                               f"projects/{GCP_PROJECT}/jobs/etl-{day:%Y%m%d}-{hour:02d}", UA_BQ, "10.40.2.17",
                               key=ETL_KEY, resource_type="bigquery_project")
            if day.weekday() == 1:
                t = day + timedelta(hours=10, minutes=12)
                cid = f"CHG-GCP-{day:%m%d}"
                self.add_change(cid, "tracking-exporter", "production", "jonas.keller@" + DOMAIN,
                                "elena.petrov@" + DOMAIN, gcp_id(DEPLOYER), t - timedelta(minutes=42),
                                t + timedelta(minutes=48), "completed")
                self.gcp_entry(t, DEPLOYER, "run", "google.cloud.run.v1.Services.ReplaceService",
                               f"namespaces/{GCP_PROJECT}/services/tracking-exporter", UA_DEPLOY, "20.61.8.44",
                               resource_type="cloud_run_revision")
        if self.q4:
            # A hotfix shipped at night by a person impersonating the deployer, outside any change window.
            self.gcp_entry(at("2026-11-26 23:41:07"), DEPLOYER, "run", "google.cloud.run.v1.Services.ReplaceService",
                           f"namespaces/{GCP_PROJECT}/services/tracking-exporter", UA_GCLOUD, "81.17.44.9",
                           delegator="li.wei@" + DOMAIN, resource_type="cloud_run_revision")

    def write_gcp(self, root):
        ancestors = [f"projects/{GCP_NUMBER}", f"folders/{GCP_FOLDER}", f"organizations/{GCP_ORG}"]

        def account(email, display):
            return {"name": f"//iam.googleapis.com/projects/{GCP_PROJECT}/serviceAccounts/{email}",
                    "assetType": "iam.googleapis.com/ServiceAccount",
                    "resource": {"version": "v1", "discoveryDocumentUri": "https://iam.googleapis.com/$discovery/rest",
                                 "discoveryName": "ServiceAccount",
                                 "parent": f"//cloudresourcemanager.googleapis.com/projects/{GCP_NUMBER}",
                                 "data": {"email": email, "displayName": display,
                                          "name": f"projects/{GCP_PROJECT}/serviceAccounts/{email}",
                                          "oauth2ClientId": unique_id(email), "projectId": GCP_PROJECT,
                                          "uniqueId": unique_id(email)}},
                    "ancestors": ancestors, "updateTime": "2025-08-14T09:00:00Z"}

        def key(email, key_id, key_type, after, before):
            name = f"projects/{GCP_PROJECT}/serviceAccounts/{email}/keys/{key_id}"
            return {"name": f"//iam.googleapis.com/{name}", "assetType": "iam.googleapis.com/ServiceAccountKey",
                    "resource": {"version": "v1", "discoveryDocumentUri": "https://iam.googleapis.com/$discovery/rest",
                                 "discoveryName": "ServiceAccountKey",
                                 "parent": f"//iam.googleapis.com/projects/{GCP_PROJECT}/serviceAccounts/{email}",
                                 "data": {"keyAlgorithm": "KEY_ALG_RSA_2048", "keyOrigin": "GOOGLE_PROVIDED",
                                          "keyType": key_type, "name": name, "validAfterTime": after,
                                          "validBeforeTime": before}},
                    "ancestors": ancestors, "updateTime": after}

        system_key = hashlib.sha1(f"etl-runner system key {self.name}".encode()).hexdigest()
        rotated = (self.end - timedelta(days=9)).strftime("%Y-%m-%dT02:00:00Z")
        expires = (self.end + timedelta(days=5)).strftime("%Y-%m-%dT02:00:00Z")
        resources = [
            account(ETL, "Nightly BigQuery ETL"),
            account(DEPLOYER, "Cloud Run deployer (GitHub Actions, workload identity)"),
            account(COMPUTE, "Compute Engine default service account"),
            key(ETL, ETL_KEY, "USER_MANAGED", "2025-08-14T09:12:44Z", "9999-12-31T23:59:59Z"),
            key(ETL, system_key, "SYSTEM_MANAGED", rotated, expires),
        ]

        def policy(name, asset_type, bindings, chain):
            return {"name": name, "assetType": asset_type,
                    "iamPolicy": {"version": 1, "etag": hashlib.sha1(name.encode()).hexdigest()[:12],
                                  "bindings": bindings},
                    "ancestors": chain, "updateTime": "2026-06-02T08:00:00Z"}

        policies = [
            policy(f"//cloudresourcemanager.googleapis.com/projects/{GCP_NUMBER}",
                   "cloudresourcemanager.googleapis.com/Project", [
                       {"role": "roles/bigquery.jobUser", "members": [f"serviceAccount:{ETL}"]},
                       {"role": "roles/editor", "members": [f"serviceAccount:{COMPUTE}",
                                                            f"serviceAccount:{GCP_NUMBER}@cloudservices.gserviceaccount.com"]},
                       {"role": "roles/owner", "members": [f"serviceAccount:{DEPLOYER}", f"group:data-platform@{DOMAIN}"]},
                       {"role": "roles/run.serviceAgent",
                        "members": [f"serviceAccount:service-{GCP_NUMBER}@serverless-robot-prod.iam.gserviceaccount.com"]},
                   ], ancestors),
            policy(f"//iam.googleapis.com/projects/{GCP_PROJECT}/serviceAccounts/{DEPLOYER}",
                   "iam.googleapis.com/ServiceAccount", [
                       {"role": "roles/iam.serviceAccountTokenCreator", "members": [f"group:data-platform@{DOMAIN}"]},
                       {"role": "roles/iam.workloadIdentityUser",
                        "members": ["principalSet://iam.googleapis.com/projects/" + GCP_NUMBER
                                    + "/locations/global/workloadIdentityPools/github/attribute.repository/northwind/tracking-api"]},
                   ], ancestors),
        ]
        folder = os.path.join(root, "gcp", GCP_PROJECT)
        write_text(os.path.join(folder, "assets-resource.jsonl"),
                   "".join(json.dumps(a, separators=(",", ":")) + "\n" for a in resources))
        write_text(os.path.join(folder, "assets-iam-policy.jsonl"),
                   "".join(json.dumps(a, separators=(",", ":")) + "\n" for a in policies))
        entries = [e for _, e in sorted(self.gcp_log, key=lambda x: (x[0], x[1]["insertId"]))]
        write_text(os.path.join(folder, "audit-log.json"), json.dumps(entries, indent=2) + "\n")
