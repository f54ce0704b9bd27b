import Foundation

/// collect.sh for a new evidence folder: the export commands of docs/formats/*.md for each named
/// AWS account, Kubernetes cluster, GitHub repository, GCP project and Entra tenant, writing where
/// scope.yaml's sources expect. Names reach this only after `EvidenceFolderPlan` checked them
/// against shell-safe patterns.
enum CollectScript {
    static func text(period: (start: String, end: String), targets: EvidenceFolderPlan.Targets) -> String {
        var text = """
            #!/usr/bin/env bash
            # Exports for this evidence folder (the commands of nhi-audit's docs/formats). Written by
            # `nhi-audit init`; review it, run it from anywhere with credentials for each platform, then run
            # `nhi-audit validate` on this folder. Needs: aws, jq, kubectl, gh, git, gitleaks, trufflehog,
            # gcloud, az (each only for the platforms below).
            set -euo pipefail
            cd "$(dirname "$0")"
            PERIOD_START=\(period.start)
            # CloudTrail: the S3 bucket your organisation trail delivers to (aws cloudtrail describe-trails).
            TRAIL_BUCKET="${TRAIL_BUCKET:-my-cloudtrail-bucket}"

            """
        for account in targets.awsAccounts { text += aws(account) }
        for cluster in targets.clusters { text += kubernetes(cluster) }
        for organisation in targets.githubOrganisations { text += github(organisation) }
        for project in targets.gcpProjects { text += CollectScriptClouds.gcp(project) }
        for tenant in targets.entraTenants { text += CollectScriptClouds.entra(tenant) }
        if !targets.repositories.isEmpty {
            text += "\nmkdir -p scanners\nclones=\"$(mktemp -d)\"\ntrap 'rm -rf \"$clones\"' EXIT\n"
        }
        for repository in targets.repositories { text += scanners(repository) }
        return text
    }

    static func aws(_ account: String) -> String {
        """

        # AWS account \(account): use credentials for this account (e.g. export AWS_PROFILE=...).
        mkdir -p aws/\(account)
        until aws iam generate-credential-report --query State --output text | grep -q COMPLETE; do sleep 2; done
        aws iam get-credential-report --query Content --output text | base64 -d > aws/\(account)/credential-report.csv
        aws iam get-account-authorization-details --output json > aws/\(account)/authorization-details.json
        aws s3 sync "s3://$TRAIL_BUCKET/AWSLogs/\(account)/CloudTrail/" aws/\(account)/cloudtrail/

        """
    }

    static func kubernetes(_ cluster: String) -> String {
        """

        # Kubernetes cluster \(cluster) (kubectl context \(cluster); change --context if yours differs).
        mkdir -p k8s/\(cluster)
        kubectl --context \(cluster) get serviceaccounts,roles,rolebindings,clusterroles,clusterrolebindings,pods \\
          --all-namespaces -o json > k8s/\(cluster)/rbac.json
        # Secrets: only type and annotations are read; the secret data is dropped before it is written.
        kubectl --context \(cluster) get secrets -A --field-selector type=kubernetes.io/service-account-token \\
          -o json | jq 'del(.items[].data)' > k8s/\(cluster)/sa-tokens.json
        # Audit log: on EKS (control plane logging to CloudWatch Logs) uncomment; elsewhere copy the API server's audit log files.
        # aws logs filter-log-events --log-group-name /aws/eks/\(cluster)/cluster \\
        #   --log-stream-name-prefix kube-apiserver-audit --start-time "$(($(date -u -d "$PERIOD_START" +%s) * 1000))" \\
        #   --query 'events[].message' --output text > k8s/\(cluster)/audit.log

        """
    }

    static func github(_ organisation: String) -> String {
        """

        # GitHub organisation \(organisation): audit log (gh auth login with read:audit_log).
        mkdir -p github/\(organisation)
        gh api --paginate "/orgs/\(organisation)/audit-log?include=all&per_page=100&phrase=created:>=$PERIOD_START" \\
          --jq '.[]' -H "Accept: application/vnd.github+json" > github/\(organisation)/audit.jsonl

        """
    }

    static func scanners(_ repository: EvidenceFolderPlan.Repository) -> String {
        let file = "\(repository.organisation)-\(repository.name)"
        return """

            # Secret scanners on \(repository.slug).
            git clone --quiet "https://github.com/\(repository.slug).git" "$clones/\(file)"
            gitleaks git --report-format json --report-path scanners/gitleaks-\(file).json "$clones/\(file)" || [ $? -eq 1 ]
            trufflehog git "https://github.com/\(repository.slug)" --json > scanners/trufflehog-\(file).jsonl

            """
    }
}
