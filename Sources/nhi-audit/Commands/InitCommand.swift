import ArgumentParser
import Foundation

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start an evidence folder: scope.yaml, empty owners/changes/incidents CSVs and collect.sh.",
        discussion: """
            Writes DIR/scope.yaml (one environment holding the named AWS accounts, Kubernetes clusters, \
            GitHub repositories, GCP projects and Entra tenants, commented), owners.csv, changes.csv and \
            incidents.csv with their headers and no rows, and collect.sh with the export commands of \
            docs/formats for each of them (aws, kubectl, gh, gitleaks, trufflehog, gcloud, az). Run collect.sh with credentials for each platform, fill in \
            the CSVs, then `nhi-audit validate DIR`. Nothing is ever overwritten: when one of the files \
            exists, nothing is written.

            Exit codes: 0 written, 2 bad input or a file already exists.
            """)

    @Argument(help: "The evidence folder to create (it may exist, but may not hold any of the files).")
    var folder: String

    @Option(help: ArgumentHelp("The organisation named in scope.yaml and the report.", valueName: "name"))
    var organisation = "Example Organisation"

    @Option(
        name: .customLong("aws"), parsing: .upToNextOption,
        help: ArgumentHelp("AWS account ids (12 digits).", valueName: "account"))
    var awsAccounts: [String] = []

    @Option(
        name: .customLong("kubernetes"), parsing: .upToNextOption,
        help: ArgumentHelp(
            "Kubernetes cluster names (also the kubectl context used in collect.sh).", valueName: "cluster"))
    var clusters: [String] = []

    @Option(
        name: .customLong("github"), parsing: .upToNextOption,
        help: ArgumentHelp("GitHub repositories as ORG/REPO.", valueName: "org/repo"))
    var repositories: [String] = []

    @Option(
        name: .customLong("gcp"), parsing: .upToNextOption,
        help: ArgumentHelp("GCP project ids.", valueName: "project"))
    var gcpProjects: [String] = []

    @Option(
        name: .customLong("entra"), parsing: .upToNextOption,
        help: ArgumentHelp("Microsoft Entra tenant ids (GUIDs).", valueName: "tenant"))
    var entraTenants: [String] = []

    func run() throws {
        let plan = try EvidenceFolderPlan(
            organisation: organisation, awsAccounts: awsAccounts, clusters: clusters,
            repositories: repositories, gcpProjects: gcpProjects, entraTenants: entraTenants, today: Date())
        let root = URL(fileURLWithPath: folder, isDirectory: true)
        try ExclusiveFileWriter.write(plan.files, into: root)
        print("\(folder): wrote \(plan.files.map(\.name).joined(separator: ", "))")
        print(
            "next: run \(folder)/collect.sh with credentials for each platform, fill in the CSVs, then nhi-audit validate \(folder)"
        )
    }
}
