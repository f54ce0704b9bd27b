"""Scanner report, owners / changes / incidents, waivers, attestations and scope.yaml."""

import json
import os

from .common import (
    DOMAIN, GH_ORG, GITHUB_CI_PAT, LEAK_ARTIFACTS_KEY_ID, LEAK_ARTIFACTS_SECRET, LEAK_BUILDCACHE_KEY_ID,
    LEAK_BUILDCACHE_SECRET, LEAK_REPORTING_KEY_ID, LEAK_REPORTING_SECRET, ORG_NAME, PROD, PROD_CLUSTER,
    STG, STG_CLUSTER, write_csv, write_json, write_text, yaml_scalar,
)
from .entra import DEPLOYER as ENTRA_DEPLOYER, ENTRA_TENANT, REPORTING, TRACKING_MI
from .gcp import COMPUTE, DEPLOYER as GCP_DEPLOYER, ETL, GCP_PROJECT, gcp_id


class Records:
    """Writes the scanner report, records, assessment inputs and scope (mixed into Quarter)."""

    def write_scanner(self, root):
        def hit(rule, description, line, match, secret, path, commit, author, email, when, message, tags=()):
            start_col = match.index(secret) + 1 if secret in match else 1
            return {
                "RuleID": rule, "Description": description, "StartLine": line, "EndLine": line,
                "StartColumn": start_col, "EndColumn": start_col + len(secret) - 1, "Match": match, "Secret": secret,
                "File": path, "SymlinkFile": "", "Commit": commit, "Entropy": round(3.5 + (len(set(secret)) % 10) / 10, 6),
                "Author": author, "Email": email, "Date": when, "Message": message, "Tags": list(tags),
                "Fingerprint": f"{commit}:{path}:{rule}:{line}",
            }

        def leak(key, secret, path, commit, author, email, when, message, line):
            return [
                hit("aws-access-token", "Identified a pattern that may indicate AWS credentials, risking unauthorized cloud resource access and data breaches on AWS platforms.",
                    line, f"aws_access_key_id = {key}", key, path, commit, author, email, when, message),
                hit("generic-api-key", "Detected a Generic API Key, potentially exposing access to various services and sensitive operations.",
                    line + 1, f"aws_secret_access_key = {secret}", secret, path, commit, author, email, when, message),
            ]

        findings = []
        findings += leak(LEAK_BUILDCACHE_KEY_ID, LEAK_BUILDCACHE_SECRET, "ci/cache/upload.sh",
                         "9c1e4b7a2f6d8e0c3b5a7d9f1e2c4b6a8d0f2e4c", "Jonas Keller", "jonas.keller@" + DOMAIN,
                         "2026-06-18T16:44:09Z", "Speed up cache uploads", 12)
        findings += leak(LEAK_REPORTING_KEY_ID, LEAK_REPORTING_SECRET, "notebooks/export_check.py",
                         "4f2a9d7c1b3e5f7a9c0e2d4b6f8a1c3e5d7b9f0a", "Li Wei", "li.wei@" + DOMAIN,
                         "2026-09-12T10:22:31Z", "Debug the nightly export", 7)
        if self.q4:
            findings += leak(LEAK_ARTIFACTS_KEY_ID, LEAK_ARTIFACTS_SECRET, "deploy/staging/.env.example",
                             "b7d3f1a9c5e2d8b4f0a6c2e9d5b1f7a3c8e4d0b6", "Jonas Keller", "jonas.keller@" + DOMAIN,
                             "2026-11-30T14:05:52Z", "Document staging variables", 3)
            findings.append(hit("github-pat", "Uncovered a GitHub Personal Access Token, potentially leading to unauthorized repository access and sensitive content exposure.",
                                18, f"GH_TOKEN: {GITHUB_CI_PAT}", GITHUB_CI_PAT, ".github/workflows/nightly-mirror.yml",
                                "e3a1c5b7d9f2e4a6c8b0d2f4a6c8e0b2d4f6a8c0", "Jonas Keller", "jonas.keller@" + DOMAIN,
                                "2026-12-09T08:17:26Z", "Mirror nightly builds to the archive repo"))
        write_json(os.path.join(root, "scanners", "gitleaks.json"), findings, indent=1)

    def write_records(self, root):
        q4 = self.q4
        owners = [
            (f"arn:aws:iam::{PROD}:role/deploy-pipeline", "tomas.berg@" + DOMAIN, "platform", "delivery", "production", "2027-06-30", ""),
            (f"arn:aws:iam::{PROD}:role/ops-autoscaler", "aisha.khan@" + DOMAIN, "sre", "operations", "production", "2027-06-30", ""),
            (f"arn:aws:iam::{PROD}:role/platform-automation", "tomas.berg@" + DOMAIN, "platform", "delivery", "production", "2027-03-31", ""),
            (f"arn:aws:iam::{PROD}:role/break-glass-admin", "aisha.khan@" + DOMAIN, "sre", "break-glass", "production", "2027-06-30", ""),
            (f"arn:aws:iam::{PROD}:role/vendor-monitoring", "aisha.khan@" + DOMAIN, "sre", "integration", "production", "2027-01-31", ""),
            (f"arn:aws:iam::{PROD}:role/payments-api-task", "marco.rossi@" + DOMAIN, "payments", "runtime", "production", "", ""),
            (f"arn:aws:iam::{PROD}:role/ecs-task-execution", "marco.rossi@" + DOMAIN, "payments", "runtime", "production", "", ""),
            (f"arn:aws:iam::{PROD}:user/ci-deployer", "jonas.keller@" + DOMAIN, "tracking", "delivery", "production", "2027-06-30", ""),
            (f"arn:aws:iam::{PROD}:user/reporting-export", "li.wei@" + DOMAIN, "data", "integration", "production", "2027-06-30", ""),
            (f"arn:aws:iam::{PROD}:user/support-automation", "sofia.nilsson@" + DOMAIN, "customer-ops", "integration", "production", "2027-06-30", "nhi"),
            (f"arn:aws:iam::{PROD}:user/vendor-edi-gateway", "li.wei@" + DOMAIN, "data", "integration", "production", "2027-03-31", ""),
            (f"arn:aws:iam::{STG}:role/staging-deployer", "tomas.berg@" + DOMAIN, "platform", "delivery", "staging", "2027-06-30", ""),
            (f"arn:aws:iam::{STG}:role/terraform-staging", "tomas.berg@" + DOMAIN, "platform", "delivery", "staging", "2027-06-30", ""),
            (f"arn:aws:iam::{STG}:role/qa-loadtest", "", "", "", "staging", "", ""),
            (f"arn:aws:iam::{STG}:user/staging-artifacts-sync", "jonas.keller@" + DOMAIN, "tracking", "delivery", "staging", "2027-06-30", ""),
            (f"arn:aws:iam::{STG}:user/build-cache-sync", "jonas.keller@" + DOMAIN, "tracking", "delivery", "staging", "2026-12-31", ""),
        ]
        if q4:
            owners.append((f"arn:aws:iam::{PROD}:role/data-export", "li.wei@" + DOMAIN, "data", "integration", "production", "2027-06-30", ""))
            owners.append((f"arn:aws:iam::{PROD}:role/gha-terraform-plan", "tomas.berg@" + DOMAIN, "platform", "delivery", "production", "2027-06-30", ""))
        else:
            owners.append((f"arn:aws:iam::{PROD}:user/legacy-ftp-sync", "li.wei@" + DOMAIN, "data", "integration", "production", "2026-06-30", ""))
        for cluster, env in ((PROD_CLUSTER, "production"), (STG_CLUSTER, "staging")):
            owners += [
                (f"k8s:{cluster}:serviceaccount:argocd:argocd-application-controller", "tomas.berg@" + DOMAIN, "platform", "delivery", env, "", ""),
                (f"k8s:{cluster}:serviceaccount:argocd:argocd-server", "tomas.berg@" + DOMAIN, "platform", "delivery", env, "", ""),
                (f"k8s:{cluster}:serviceaccount:ops:oncall-runner", "aisha.khan@" + DOMAIN, "sre", "operations", env, "", ""),
                (f"k8s:{cluster}:serviceaccount:monitoring:prometheus", "aisha.khan@" + DOMAIN, "sre", "runtime", env, "", ""),
                (f"k8s:{cluster}:serviceaccount:tracking:tracking-api", "jonas.keller@" + DOMAIN, "tracking", "runtime", env, "", ""),
            ]
        owners += [
            (f"github:{GH_ORG}:app:release-bot", "tomas.berg@" + DOMAIN, "platform", "delivery", "production", "", ""),
            (f"github:{GH_ORG}:bot:github-actions[bot]", "tomas.berg@" + DOMAIN, "platform", "delivery", "", "", ""),
            (f"github:{GH_ORG}:app:dependabot", "jonas.keller@" + DOMAIN, "tracking", "integration", "", "", ""),
            (f"github:{GH_ORG}:user:svc-northwind-ci", "jonas.keller@" + DOMAIN, "tracking", "integration", "", "2027-06-30", "nhi"),
            (f"github:{GH_ORG}:token:1184213", "jonas.keller@" + DOMAIN, "tracking", "integration", "", "2027-06-30", ""),
            (f"github:{GH_ORG}:oauth-app:902101", "aisha.khan@" + DOMAIN, "sre", "integration", "", "2027-01-31", ""),
        ]
        owners += [
            (gcp_id(ETL), "li.wei@" + DOMAIN, "data", "integration", "production", "2027-06-30", ""),
            (gcp_id(GCP_DEPLOYER), "tomas.berg@" + DOMAIN, "platform", "delivery", "production", "2027-06-30", ""),
            (gcp_id(COMPUTE), "tomas.berg@" + DOMAIN, "platform", "runtime", "production", "", ""),
            (f"entra:{ENTRA_TENANT}:serviceprincipal:{ENTRA_DEPLOYER}", "tomas.berg@" + DOMAIN, "platform", "delivery", "production", "2027-06-30", ""),
            (f"entra:{ENTRA_TENANT}:serviceprincipal:{REPORTING}", "li.wei@" + DOMAIN, "data", "integration", "production", "2027-06-30", ""),
            (f"entra:{ENTRA_TENANT}:serviceprincipal:{TRACKING_MI}", "jonas.keller@" + DOMAIN, "tracking", "runtime", "production", "", ""),
        ]
        write_csv(os.path.join(root, "owners.csv"),
                  ["identity", "owner", "team", "purpose", "environment", "approved_until", "kind"], owners)
        write_csv(os.path.join(root, "changes.csv"),
                  ["id", "system", "environment", "requested_by", "approved_by", "executed_by", "window_start", "window_end", "status"],
                  sorted(self.changes, key=lambda r: (r[6] or "9999", r[0])))
        write_csv(os.path.join(root, "incidents.csv"),
                  ["id", "severity", "declared_at", "resolved_at", "responders", "review_completed_at", "review_ref", "reviewed_by"],
                  sorted(self.incidents, key=lambda r: r[2]))

    def write_assessment(self, root):
        waivers = [
            {"id": "WVR-2026-007", "rule": "long-lived-credential", "identity": f"arn:aws:iam::{PROD}:user/vendor-edi-*",
             "justification": "Harbourline Customs' EDI client cannot rotate keys until the contract renewal in March 2027",
             "owner": "li.wei@" + DOMAIN, "approved_by": "ciso@" + DOMAIN, "approved": "2026-03-24", "reference": "RISK-2026-031",
             "expires": "2027-03-31"},
            {"id": "WVR-2026-012", "rule": "overprivileged-identity", "identity": f"arn:aws:iam::{PROD}:role/platform-automation",
             "justification": "Terraform bootstrap needs AdministratorAccess until the workspaces are split into scoped roles (PLAT-412)",
             "owner": "tomas.berg@" + DOMAIN, "approved_by": "ciso@" + DOMAIN, "approved": "2026-05-12", "reference": "RISK-2026-044",
             "expires": "2026-11-30"},
        ]
        if self.q4:
            waivers.append(
                {"id": "WVR-2026-019", "rule": "third-party-trust", "identity": f"arn:aws:iam::{PROD}:role/vendor-monitoring",
                 "justification": "Skyline Observability supports external ids from its February 2027 release; the role is read-only",
                 "owner": "aisha.khan@" + DOMAIN, "approved_by": "ciso@" + DOMAIN, "approved": "2026-10-20", "reference": "RISK-2026-058",
                 "expires": "2027-02-28"})
        lines = ["# Accepted risks: each covers the open findings of one rule for the identities its pattern matches.", "waivers:"]
        for waiver in waivers:
            first = True
            for key in ("id", "rule", "identity", "justification", "owner", "approved_by", "approved", "reference", "expires"):
                prefix = "  - " if first else "    "
                lines.append(f"{prefix}{key}: {yaml_scalar(waiver[key])}")
                first = False
        write_text(os.path.join(root, "waivers.yaml"), "\n".join(lines) + "\n")

        quarter = self.name
        attestations = [
            (["GV.RR-02", "NHI1:2025"], f"Quarterly NHI access review completed for the production and staging accounts ({quarter})",
             f"attestations/access-review-{quarter}.md", "ciso@" + DOMAIN,
             "2026-09-25" if not self.q4 else "2026-12-16", "2027-03-31" if not self.q4 else "2027-06-30",
             access_review(quarter)),
        ]
        if self.q4:
            attestations.append(
                (["GV.SC-07"], "Third-party integrations (Skyline Observability, Harbourline Customs) re-assessed against the supplier policy",
                 "attestations/supplier-review-2026-Q4.md", "ciso@" + DOMAIN, "2026-12-10", "2027-06-30", supplier_review()))
        lines = ["# Manual controls, each attested with a document kept in this folder (hashed into the pack).", "attestations:"]
        for controls, statement, evidence, by, when, expires, document in attestations:
            lines.append(f"  - controls: [{', '.join(json.dumps(c) for c in controls)}]")
            lines.append(f"    statement: {yaml_scalar(statement)}")
            lines.append(f"    evidence: {evidence}")
            lines.append(f"    attested_by: {by}")
            lines.append(f"    attested_at: {when}")
            lines.append(f"    expires: {expires}")
            write_text(os.path.join(root, evidence), document)
        write_text(os.path.join(root, "attestations.yaml"), "\n".join(lines) + "\n")

    def write_scope(self, root):
        start, end = self.start.date().isoformat(), self.end.date().isoformat()
        text = f"""# Northwind Freight, {self.name}: what is in scope and where each export came from.
organisation: {ORG_NAME}
period:
  start: {start}
  end: {end}
environments:
  - name: production
    production: true
    aws_accounts: ["{PROD}"]
    kubernetes: ["{PROD_CLUSTER}"]
    github: ["{GH_ORG}/payments:production", "{GH_ORG}/tracking-api:production", "{GH_ORG}/infrastructure:production"]
    gcp_projects: ["{GCP_PROJECT}"]
    entra_tenants: ["{ENTRA_TENANT}"]
  - name: staging
    production: false
    aws_accounts: ["{STG}"]
    kubernetes: ["{STG_CLUSTER}"]
    github: ["{GH_ORG}/payments:staging", "{GH_ORG}/tracking-api:staging"]
sources:
  - path: aws/{PROD}/**
    account: "{PROD}"
    environment: production
  - path: aws/{STG}/**
    account: "{STG}"
    environment: staging
  - path: k8s/{PROD_CLUSTER}/**
    account: {PROD_CLUSTER}
    environment: production
  - path: k8s/{STG_CLUSTER}/**
    account: {STG_CLUSTER}
    environment: staging
  - path: github/**
    account: {GH_ORG}
  - path: entra/**
    account: "{ENTRA_TENANT}"
"""
        write_text(os.path.join(root, "scope.yaml"), text)


def access_review(quarter):
    return f"""# NHI access review, {quarter}

Northwind Freight, platform and SRE teams. Reviewed by the CISO.

| account / cluster | identities reviewed | removed | changed |
|---|---:|---:|---:|
| AWS production 111122223333 | {14 if quarter.endswith('Q3') else 15} | {0 if quarter.endswith('Q3') else 1} | {1 if quarter.endswith('Q3') else 2} |
| AWS staging 444455556666 | 7 | 0 | {0 if quarter.endswith('Q3') else 1} |
| prod-eu-1 / staging-eu-1 | 11 | 0 | 0 |
| GitHub northwind | 5 | 0 | 0 |

Each identity was matched to owners.csv; owners confirmed purpose and need.
Open items are tracked as findings in the nhi-audit pack of this quarter.
"""


def supplier_review():
    return """# Supplier access review, 2026-Q4

- Skyline Observability (role vendor-monitoring, OAuth app 902101): read-only access confirmed;
  external id support promised for February 2027 (waiver WVR-2026-019).
- Harbourline Customs (user vendor-edi-gateway): key rotation blocked by the client until the
  contract renewal of March 2027 (waiver WVR-2026-007).
"""
