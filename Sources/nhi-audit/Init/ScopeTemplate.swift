import Foundation

/// scope.yaml for a new evidence folder (docs/formats.md#scopeyaml), commented for the person who
/// fills it in. Every platform goes into one production environment until they split it.
enum ScopeTemplate {
    static func text(
        organisation: String, period: (start: String, end: String), awsAccounts: [String], clusters: [String],
        repositories: [EvidenceFolderPlan.Repository]
    ) -> String {
        let organisations = Array(Set(repositories.map(\.organisation))).sorted()
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
                aws_accounts: \(flowList(awsAccounts))
                # a cluster, or cluster/namespace
                kubernetes: \(flowList(clusters))
                # an org, org/repo, or org/repo:deployment-environment
                github: \(flowList(repositories.map(\.slug)))

            """
        var sources: [String] = []
        for account in awsAccounts {
            sources.append("  - path: aws/\(account)/**\n    account: \"\(account)\"\n    environment: production")
        }
        for cluster in clusters {
            sources.append(
                "  - path: k8s/\(cluster)/**\n    account: \(yamlQuoted(cluster))\n    environment: production")
        }
        for organisation in organisations {
            sources.append("  - path: github/\(organisation)/**\n    account: \(yamlQuoted(organisation))")
        }
        text += "# Which account, cluster or GitHub organisation each exported file belongs to (collect.sh\n"
        text += "# writes them into these folders).\n"
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
