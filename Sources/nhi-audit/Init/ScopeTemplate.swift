import Foundation

/// scope.yaml for a new evidence folder (docs/formats.md#scopeyaml), commented for the person who
/// fills it in. Every platform goes into one production environment until they split it.
enum ScopeTemplate {
    static func text(
        organisation: String, period: (start: String, end: String), targets: EvidenceFolderPlan.Targets
    ) -> String {
        var text = """
            # What this evidence folder covers (docs/formats.md#scopeyaml). Written by `nhi-audit init`;
            # edit freely, then check it with `nhi-audit validate <this folder>`.
            organisation: \(yamlQuoted(organisation))
            # The audit period: activity outside it is not counted, waivers are judged at its end.
            period:
              start: \(period.start)
              end: \(period.end)
            # One entry per environment. Everything named to `init` starts in "production"; move staging
            # accounts, clusters and repositories into an environment with `production: false`.
            environments:
              - name: production
                production: true
                aws_accounts: \(flowList(targets.awsAccounts))
                # a cluster, or cluster/namespace
                kubernetes: \(flowList(targets.clusters))
                # an org, org/repo, or org/repo:deployment-environment
                github: \(flowList(targets.repositories.map(\.slug)))
                gcp_projects: \(flowList(targets.gcpProjects))
                entra_tenants: \(flowList(targets.entraTenants))

            """
        var sources: [String] = []
        func inProduction(_ folder: String, _ account: String) -> String {
            "  - path: \(folder)/\(account)/**\n    account: \(yamlQuoted(account))\n    environment: production"
        }
        sources += targets.awsAccounts.map { inProduction("aws", $0) }
        sources += targets.clusters.map { inProduction("k8s", $0) }
        for organisation in targets.githubOrganisations {
            sources.append("  - path: github/\(organisation)/**\n    account: \(yamlQuoted(organisation))")
        }
        sources += targets.gcpProjects.map { inProduction("gcp", $0) }
        sources += targets.entraTenants.map { inProduction("entra", $0) }
        text += "# Which account, cluster, GitHub organisation, GCP project or Entra tenant each exported file\n"
        text += "# belongs to (collect.sh writes them into these folders).\n"
        text += sources.isEmpty ? "sources: []\n" : "sources:\n" + sources.joined(separator: "\n") + "\n"
        return text
    }

    static func flowList(_ values: [String]) -> String {
        "[" + values.map(yamlQuoted).joined(separator: ", ") + "]"
    }

    /// A double-quoted YAML scalar: backslash and quote escaped (control characters never get here).
    static func yamlQuoted(_ value: String) -> String {
        "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
