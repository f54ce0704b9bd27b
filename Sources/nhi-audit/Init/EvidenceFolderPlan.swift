import Foundation

/// What `init` writes: the files of a new evidence folder for the named accounts, clusters,
/// repositories, GCP projects and Entra tenants. Names are checked against strict patterns before they reach a shell script or
/// YAML, so no value needs escaping beyond the organisation name (YAML-quoted, never in the script).
struct EvidenceFolderPlan {
    struct Repository: Hashable {
        var organisation: String; var name: String; var slug: String { "\(organisation)/\(name)" }
    }

    /// What the folder covers, each list checked and without repeats.
    struct Targets {
        var awsAccounts: [String] = [], clusters: [String] = [], repositories: [Repository] = []
        var gcpProjects: [String] = [], entraTenants: [String] = []
        var githubOrganisations: [String] { Array(Set(repositories.map(\.organisation))).sorted() }
    }

    var files: [ExclusiveFileWriter.File]

    init(
        organisation: String, awsAccounts: [String], clusters: [String], repositories: [String],
        gcpProjects: [String] = [], entraTenants: [String] = [], today: Date
    ) throws {
        guard !organisation.trimmingCharacters(in: .whitespaces).isEmpty,
            !organisation.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) })
        else {
            throw CLIError.badInput("--organisation: give a name on one line")
        }
        for account in awsAccounts where account.wholeMatch(of: /[0-9]{12}/) == nil {
            throw CLIError.badInput("--aws: \(Self.shown(account)): an AWS account id is 12 digits")
        }
        for cluster in clusters where cluster.wholeMatch(of: /[A-Za-z0-9][A-Za-z0-9._-]{0,99}/) == nil {
            throw CLIError.badInput(
                "--kubernetes: \(Self.shown(cluster)): a cluster name is letters, digits, '.', '_' and '-'")
        }
        for project in gcpProjects where project.wholeMatch(of: /[a-z][a-z0-9-]{4,28}[a-z0-9]/) == nil {
            throw CLIError.badInput(
                "--gcp: \(Self.shown(project)): a GCP project id is 6 to 30 lower-case letters, digits and '-'")
        }
        for tenant in entraTenants
        where tenant.wholeMatch(of: /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/)
            == nil
        {
            throw CLIError.badInput("--entra: \(Self.shown(tenant)): an Entra tenant id is a GUID")
        }
        let repos = try repositories.map { text -> Repository in
            guard let match = text.wholeMatch(of: /([A-Za-z0-9][A-Za-z0-9-]{0,38})\/([A-Za-z0-9._-]{1,100})/),
                match.2 != ".", match.2 != ".."
            else {
                throw CLIError.badInput("--github: \(Self.shown(text)): give a repository as ORG/REPO")
            }
            return Repository(organisation: String(match.1), name: String(match.2))
        }
        let targets = Targets(
            awsAccounts: Self.unique(awsAccounts), clusters: Self.unique(clusters), repositories: Self.unique(repos),
            gcpProjects: Self.unique(gcpProjects), entraTenants: Self.unique(entraTenants.map { $0.lowercased() }))
        let period = Self.quarter(containing: today)
        files = [
            .init(
                name: "scope.yaml",
                contents: ScopeTemplate.text(organisation: organisation, period: period, targets: targets)),
            .init(name: "owners.csv", contents: "identity,owner,team,purpose,environment,approved_until,kind\n"),
            .init(
                name: "changes.csv",
                contents: "id,system,environment,requested_by,approved_by,executed_by,window_start,window_end,status\n"),
            .init(
                name: "incidents.csv",
                contents: "id,severity,declared_at,resolved_at,responders,review_completed_at,review_ref\n"),
            .init(
                name: "collect.sh",
                contents: CollectScript.text(period: period, targets: targets), executable: true),
        ]
    }

    /// The calendar quarter holding `date` (UTC), as the dates scope.yaml's period takes.
    static func quarter(containing date: Date) -> (start: String, end: String) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let year = calendar.component(.year, from: date), month = calendar.component(.month, from: date)
        let first = (month - 1) / 3 * 3 + 1
        let lastDay = [31, 30, 30, 31][(first - 1) / 3]
        return (String(format: "%04d-%02d-01", year, first), String(format: "%04d-%02d-%02d", year, first + 2, lastDay))
    }

    private static func unique<T: Hashable>(_ values: [T]) -> [T] {
        var seen = Set<T>()
        return values.filter { seen.insert($0).inserted }
    }

    /// A rejected value shown in the one-line error without its control characters.
    private static func shown(_ text: String) -> String {
        "\"" + String(text.unicodeScalars.map { CharacterSet.controlCharacters.contains($0) ? "?" : Character($0) })
            + "\""
    }
}
