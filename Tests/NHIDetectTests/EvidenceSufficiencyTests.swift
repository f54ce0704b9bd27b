import Foundation
import NHIDetect
import NHIModel
import Testing

/// A rule is evaluated for a platform: evidence about one platform's accounts says nothing about
/// the identities of another declared account, cluster or repository.
@Suite struct EvidenceSufficiencyTests {
    let detector = Detector(policy: .defaults, classifier: ExampleKit.classifier)

    /// Inventory and entitlements for the two AWS accounts only; ExampleKit's scope also declares
    /// the Kubernetes cluster prod-eu-1.
    static let awsOnly = EvidenceCoverage(
        accounts: [
            AccountCoverage(
                platform: .aws, account: ExampleKit.productionAccount, inputs: [.entitlements, .inventory],
                files: ["iam.json"]),
            AccountCoverage(
                platform: .aws, account: ExampleKit.stagingAccount, inputs: [.entitlements, .inventory],
                files: ["iam.json"]),
        ], files: [FileContribution(file: "iam.json", inputs: [.entitlements, .inventory], contributed: true)])

    func evaluation(_ rule: String, _ inventory: Inventory) throws -> RuleEvaluation {
        try #require(detector.run(inventory, asOf: ExampleKit.periodEnd).evaluations.first { $0.rule == rule })
    }

    @Test func aDeclaredClusterWithoutEvidenceLeavesRulesPartiallyEvaluated() throws {
        let inventory = ExampleKit.inventory(
            identities: [ExampleKit.role("deploy", owner: "dana@example.com")],
            inputs: [.inventory, .entitlements, .owners, .scope], evidenceCoverage: Self.awsOnly)
        let unowned = try evaluation("unowned-identity", inventory)
        #expect(unowned.state == .partiallyEvaluated)
        #expect(unowned.uncovered == ["Kubernetes cluster prod-eu-1 in production: no inventory"])
        // Rules that judge AWS only are not held back by a Kubernetes cluster.
        #expect(try evaluation("loose-oidc-trust", inventory).state == .evaluated)
        // Rules whose inputs are organisation-wide records are not bound to a platform.
        #expect(try evaluation("self-approved-change", inventory).state == .notEvaluated)
    }

    @Test func fullCoverageEvaluatesAndNamesThePopulation() throws {
        var coverage = Self.awsOnly
        coverage.accounts.append(
            AccountCoverage(platform: .kubernetes, account: "prod-eu-1", inputs: [.inventory], files: ["rbac.json"]))
        coverage.files.append(FileContribution(file: "owners.csv", inputs: [.owners], contributed: true))
        let inventory = ExampleKit.inventory(
            identities: [
                ExampleKit.role("deploy", owner: "dana@example.com"),
                ExampleKit.user("ci", credentials: [ExampleKit.accessKey("AKIAONE", created: "2026-11-01")]),
            ],
            owners: [OwnerRecord(identityRef: "deploy", owner: "dana@example.com")],
            inputs: [.inventory, .entitlements, .owners, .scope], evidenceCoverage: coverage)
        let unowned = try evaluation("unowned-identity", inventory)
        #expect(unowned.state == .evaluated && unowned.uncovered.isEmpty)
        #expect(
            unowned.population?.summary
                == "2 non-human identities, 1 credentials, 1 owner records from iam.json, owners.csv")
    }

    @Test func aMissingInputNamesTheFilesThatContributedNothing() throws {
        var coverage = Self.awsOnly
        coverage.files.append(
            FileContribution(
                file: "owners.csv", inputs: [.owners], contributed: false,
                reason: FileContribution.emptyReason(read: 0, rejected: 0)))
        let inventory = ExampleKit.inventory(
            identities: [ExampleKit.role("deploy")], inputs: [.inventory, .entitlements, .scope],
            evidenceCoverage: coverage)
        let unowned = try evaluation("unowned-identity", inventory)
        #expect(unowned.state == .notEvaluated && unowned.missingInputs == [.owners])
        #expect(unowned.reasons == ["owners: owners.csv contributed nothing: the file holds no records"])
        #expect(unowned.population == nil)
        let breakGlass = try evaluation("break-glass-unreviewed", inventory)
        #expect(breakGlass.reasons.contains("incidents: no file provides it"))
    }

    @Test func declaredTargetsAreKeyedByTheAccountTheirEvidenceIsFiledUnder() {
        let scope = Scope(
            organisation: "o",
            environments: [
                EnvironmentScope(
                    name: "prod", production: true, awsAccounts: ["1"], kubernetes: ["c1/payments"],
                    github: ["org/repo:production", "org2"])
            ], declared: true)
        #expect(scope.declaredTargets.map(\.account) == ["1", "c1", "org", "org2"])
        #expect(
            scope.declaredTargets.map(\.label) == [
                "AWS account 1", "Kubernetes namespace c1/payments", "GitHub repository org/repo:production",
                "GitHub organisation org2",
            ])
    }
}

/// audit-coverage-gap reports a declared account without an audit source, by account: an
/// organisation's GitHub audit log covers its repositories in every environment.
@Suite struct AuditCoverageByAccountTests {
    static let scope = Scope(
        organisation: "o", periodStart: ExampleKit.periodStart, periodEnd: ExampleKit.periodEnd,
        environments: [
            EnvironmentScope(
                name: "production", production: true, awsAccounts: ["111122223333"], github: ["org/app:production"]),
            EnvironmentScope(
                name: "staging", production: false, awsAccounts: ["444455556666"], kubernetes: ["stage"],
                github: ["org/app:staging"]),
        ], declared: true)

    static func log(_ environment: String, _ platform: Platform, _ account: String) -> AuditCoverage {
        AuditCoverage(
            environment: environment, platform: platform, account: account, firstEvent: ExampleKit.periodStart,
            lastEvent: ExampleKit.periodEnd, events: 10, files: ["log"])
    }

    @Test func aDeclaredAccountWithoutAnyAuditSourceIsAFindingARepositoryWithoutEventsIsNot() throws {
        let inventory = Inventory(
            scope: Self.scope,
            auditCoverage: [
                Self.log("production", .aws, "111122223333"), Self.log("production", .github, "org"),
                Self.log("staging", .aws, "444455556666"),
            ], inputs: [.auditLog, .scope])
        let findings = Detector(rules: [AuditCoverageGapRule()], policy: .defaults, classifier: ExampleKit.classifier)
            .run(inventory, asOf: ExampleKit.periodEnd).findings
        #expect(findings.map(\.subject) == ["staging"])
        #expect(findings.first?.details["problems"] == "no audit source covers Kubernetes cluster stage")
    }
}
