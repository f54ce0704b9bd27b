"""GitHub organisation audit log events."""

import hashlib
import json
import os
from datetime import timedelta

from .common import GH_ORG, GH_ORG_ID, GITHUB_CI_PAT, UA_BROWSER, at, epoch_ms, hashed, iso, write_text


class GitHubActivity:
    """GitHub audit log events (mixed into Quarter)."""

    def github_event(self, t, action, actor, fields, bot=False, access=None, token=None, integration=None,
                     operation="modify", ua=None, ip=None, repo=None):
        event = {
            "@timestamp": epoch_ms(t),
            "_document_id": self.rnd.token(22, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
            "action": action,
            "actor": actor,
            "actor_id": GITHUB_ACTOR_IDS.get(actor, 100000000),
            "actor_is_bot": bot,
        }
        if ip:
            event["actor_ip"] = ip
        event["actor_location"] = {"country_code": "IE" if not bot else "US"}
        event["created_at"] = epoch_ms(t)
        event["operation_type"] = operation
        event["org"] = GH_ORG
        event["org_id"] = GH_ORG_ID
        if repo:
            event["repo"] = repo
            event["repo_id"] = GITHUB_REPO_IDS[repo]
        if access:
            event["programmatic_access_type"] = access
        if token:
            event.update(token)
        if integration:
            event["integration"] = integration
        if ua:
            event["user_agent"] = ua
        event.update(fields)
        self.github.append((t, event))

    def github_workflow(self, repo, path, name, t, run_id, environment=None, actor=None):
        """A workflow run: created, job prepared, completed."""
        actor = actor or "github-actions[bot]"
        bot = actor.endswith("[bot]")
        workflow_id = 60_000_000 + sum(ord(c) for c in repo + path) * 97
        sha = hashlib.sha1(f"{repo}{run_id}".encode()).hexdigest()
        common = {"workflow_id": workflow_id, "workflow_run_id": run_id, "head_branch": "main", "head_sha": sha,
                  "name": name, "event": "workflow_dispatch" if not bot else "push", "run_attempt": 1}
        self.github_event(t, "workflows.created_workflow_run", actor, dict(common, trigger_id=run_id + 7),
                          bot=bot, operation="create", repo=repo)
        offset = timedelta(seconds=20)
        job = {"workflow_run_id": run_id, "job_name": f"deploy-{environment}" if environment else "build",
               "job_workflow_ref": f"{repo}/.github/workflows/{path}@refs/heads/main", "runner_name": "GitHub Actions 412",
               "runner_group_name": "GitHub Actions", "secrets_passed": []}
        if environment:
            job["environment_name"] = environment
        self.github_event(t + offset, "workflows.prepared_workflow_job", "github-actions[bot]", job, bot=True,
                          operation="modify", repo=repo)
        self.github_event(t + timedelta(minutes=6), "workflows.completed_workflow_run", actor,
                          dict(common, conclusion="success", completed_at=iso(t + timedelta(minutes=6)),
                               started_at=iso(t)), bot=bot, operation="modify", repo=repo)

    def github_release_bot(self, t):
        token = {"token_id": 0, "hashed_token": hashed("ghs_release-bot-installation-token-2026-12-15")}
        self.github_event(t, "pull_request_review.submit", "release-bot[bot]",
                          {"pull_request_id": 2144051234, "review_state": "approved", "user": "release-bot[bot]"},
                          bot=True, access="GitHub App server-to-server token", token=token, integration="release-bot",
                          operation="modify", ua="release-bot/3.2.0 octokit-rest.js/20.1.1", repo="northwind/tracking-api")
        self.github_event(t + timedelta(minutes=1), "pull_request.merge", "release-bot[bot]",
                          {"pull_request_id": 2144051234, "pull_request_title": "Release train 2026.12.15"},
                          bot=True, access="GitHub App server-to-server token", token=token, integration="release-bot",
                          operation="modify", ua="release-bot/3.2.0 octokit-rest.js/20.1.1", repo="northwind/tracking-api")

    def github_background(self):
        rnd = self.rnd
        pat = {"token_id": 1184213, "hashed_token": hashed(GITHUB_CI_PAT),
               "token_scopes": "repo,workflow,admin:org"}
        for day in self.days():
            for hour in (8, 20):
                t = day + timedelta(hours=hour) + rnd.jitter(90)
                self.github_event(t, "git.clone", "svc-northwind-ci", {"transport_protocol_name": "http",
                                                                        "transport_protocol": 1, "repository": "northwind/tracking-api",
                                                                        "repository_public": False},
                                  access="Personal access token (classic)", token=pat, operation="access",
                                  ua="git/2.45.2", ip=rnd.ip("4.175.112."), repo="northwind/tracking-api")
            if day.weekday() < 5:
                run_id = 11_700_000_000 + int(day.timestamp()) % 100_000_000
                self.github_workflow(rnd.pick(["northwind/tracking-api", "northwind/payments", "northwind/infrastructure"]),
                                     "ci.yml", "CI", day + timedelta(hours=14) + rnd.jitter(180), run_id)
            if day.weekday() == 0:
                self.github_event(day + timedelta(hours=5) + rnd.jitter(60), "pull_request.create", "dependabot[bot]",
                                  {"pull_request_title": "Bump golang.org/x/net from 0.28.0 to 0.30.0"},
                                  bot=True, access="GitHub App server-to-server token",
                                  token={"token_id": 0, "hashed_token": hashed(f"ghs_dependabot-{day:%Y%m%d}")},
                                  integration="dependabot", operation="create", ua="dependabot-core/0.279.0",
                                  repo="northwind/tracking-api")
        protection = at("2026-07-09 11:20:00") if not self.q4 else at("2026-10-07 11:20:00")
        self.github_event(protection, "protected_branch.update_required_approving_review_count", "tomas-berg",
                          {"name": "main", "required_approving_review_count": 2}, operation="modify",
                          ua=UA_BROWSER, ip="203.0.113.25", repo="northwind/payments")
        self.github_event(protection + timedelta(minutes=4), "environment.update_protection_rule", "tomas-berg",
                          {"environment_name": "production", "reviewers": ["elena-petrov", "aisha-khan"], "wait_timer": 0},
                          operation="modify", ua=UA_BROWSER, ip="203.0.113.25", repo="northwind/payments")
        if self.q4:
            # The shared machine account, signed in through the browser, pushes past branch protection.
            t = at("2026-12-16 18:03:27")
            self.github_event(t, "protected_branch.policy_override", "svc-northwind-ci",
                              {"name": "main", "overridden_codes": ["pull_request_required"]}, operation="modify",
                              ua=UA_BROWSER, ip="203.0.113.61", repo="northwind/payments")
            self.github_event(at("2026-10-14 09:40:00"), "environment.create_actions_secret", "tomas-berg",
                              {"environment_name": "production", "key": "TF_PLAN_ROLE_ARN"}, operation="create",
                              ua=UA_BROWSER, ip="203.0.113.25", repo="northwind/infrastructure")
        self.github_event(self.start + timedelta(days=20, hours=9), "org.oauth_app_access_approved", "aisha-khan",
                          {"oauth_application_name": "Skyline Observability", "oauth_application_id": 902101},
                          operation="modify", ua=UA_BROWSER, ip="203.0.113.25")
        self.github_event(self.start + timedelta(days=20, hours=12), "repo.download_zip", "skyline-observability-sync",
                          {"oauth_application_id": 902101, "repository": "northwind/infrastructure"},
                          access="OAuth access token",
                          token={"token_id": 0, "hashed_token": hashed("gho_skylineOauthTokenExample00000000000"),
                                 "token_scopes": "read:org"},
                          operation="access", ua="skyline-collector/4.12.0", ip="198.51.100.9",
                          repo="northwind/infrastructure")

    def write_github(self, root):
        lines = [json.dumps(e, separators=(",", ":")) for _, e in sorted(self.github, key=lambda x: (x[0], x[1]["_document_id"]))]
        write_text(os.path.join(root, "github", "audit-log.jsonl"), "\n".join(lines) + "\n")
        write_text(os.path.join(root, "github", "identities.csv"), self.github_identities())

    def github_identities(self):
        """The organisation's non-human identities and members as a canonical inventory: GitHub has no
        inventory export of its own, so the platform team lists them from `gh api` (installations,
        OAuth app grants, credential authorizations, members), one row per identity or credential."""
        header = ("id,platform,kind,name,account,is_human,created_at,credential_id,credential_kind,"
                  "credential_created_at,credential_expires_at,credential_active")
        org = f"github:{GH_ORG}"
        rows = [
            f"{org}:app:release-bot,github,app,release-bot,{GH_ORG},false,2025-04-02T10:00:00Z,,,,,",
            f"{org}:app:dependabot,github,app,dependabot,{GH_ORG},false,2024-11-20T09:00:00Z,,,,,",
            f"{org}:bot:github-actions[bot],github,bot,github-actions[bot],{GH_ORG},false,2024-11-20T09:00:00Z,,,,,",
            f"{org}:oauth-app:902101,github,oauth-app,Skyline Observability,{GH_ORG},false,"
            f"{iso(self.start + timedelta(days=20, hours=9))},,,,,",
            f"{org}:user:svc-northwind-ci,github,user,svc-northwind-ci,{GH_ORG},false,2025-03-04T08:00:00Z,,,,,",
            f"{org}:token:1184213,github,token,svc-northwind-ci classic token,{GH_ORG},false,2025-03-04T08:10:00Z,"
            "1184213,personal-access-token,2025-03-04T08:10:00Z,,true",
        ]
        rows += [f"{org}:user:{login},github,user,{login},{GH_ORG},true,2024-11-20T09:00:00Z,,,,,"
                 for login in ("aisha-khan", "elena-petrov", "marco-rossi", "tomas-berg")]
        return header + "\n" + "\n".join(rows) + "\n"

    # -- AWS inventory files ----------------------------------------------------------------


GITHUB_ACTOR_IDS = {
    "github-actions[bot]": 41898282, "dependabot[bot]": 49699333, "release-bot[bot]": 151202310,
    "svc-northwind-ci": 139884211, "tomas-berg": 88120417, "elena-petrov": 90233108, "aisha-khan": 77310925,
    "marco-rossi": 102934466, "skyline-observability-sync": 145512870,
}
GITHUB_REPO_IDS = {"northwind/payments": 612004118, "northwind/tracking-api": 612004175, "northwind/infrastructure": 598812003}
