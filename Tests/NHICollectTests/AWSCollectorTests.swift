import Foundation
@testable import NHICollect
import NHIModel
import Testing
import TestSupport

/// The whole AWS half of collect on a small evidence folder with scope.yaml.
@Suite struct AWSCollectorTests {
    static let scope = """
        organisation: Northwind
        period:
          start: 2026-10-01
          end: 2026-12-31
        environments:
          - name: production
            production: true
            aws_accounts: ["111122223333"]
          - name: staging
            production: false
            aws_accounts: ["444455556666"]
        """

    static func folder(extra: [String: URL] = [:], scope: String = AWSCollectorTests.scope) throws -> URL {
        var files: [String: URL] = [
            "iam/credential-report.csv": awsFixture("credential-report.csv"),
            "iam/authz/page-1.json": awsFixture("authz/page-1.json"),
            "iam/authz/page-2.json": awsFixture("authz/page-2.json"),
            "logs/AWSLogs/111122223333/CloudTrail/eu-west-1/2026/10/01/records.json.gz": awsFixture(
                "cloudtrail/records.json.gz"),
            "logs/array.json": awsFixture("cloudtrail/array.json"),
            "logs/lines.jsonl": awsFixture("cloudtrail/lines.jsonl"),
        ]
        files.merge(extra) { _, new in new }
        let folder = try evidenceFolder(files, scope: scope)
        try "notes\n".write(to: folder.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        return folder
    }

    @Test func collectsResolvesAndAccountsForEverything() throws {
        let inventory = try Collector().collect(folder: Self.folder())
        let ledger = inventory.ledger
        #expect(
            ledger.entries.map(\.format).sorted() == [
                "aws-authorization-details", "aws-authorization-details", "aws-cloudtrail",
                "aws-cloudtrail", "aws-cloudtrail", "aws-credential-report",
            ])
        #expect(ledger.entries.allSatisfy { $0.isBalanced })
        #expect(ledger.totalRead == ledger.totalAccepted + ledger.totalRejected)
        #expect(ledger.skipped.map(\.file) == ["README.md"])
        #expect(inventory.inputs == [.inventory, .entitlements, .auditLog, .scope])

        let byId = inventory.identityIndex()
        let ci = try #require(byId[IdentityID("arn:aws:iam::111122223333:user/ci-deployer")])
        #expect(!ci.isHuman && ci.attributes["observedAccessKeyIds"] == "AKIAEXAMPLECI")
        #expect(ci.environments == ["production"])
        #expect(!byId.keys.contains { $0.rawValue.hasPrefix("aws-access-key:") })
        #expect(inventory.activity.contains { $0.identity == ci.id && $0.action == "s3:PutObject" })

        #expect(byId[IdentityID("arn:aws:iam::111122223333:user/alice")]?.isHuman == true)
        #expect(byId[IdentityID("arn:aws:iam::111122223333:root")]?.isHuman == true)

        let deploy = try #require(byId[IdentityID("arn:aws:iam::111122223333:role/deploy")])
        #expect(deploy.inInventory && !deploy.isHuman && deploy.environments == ["production"])
        #expect(
            inventory.activity.filter { $0.identity == deploy.id }.map(\.environment).allSatisfy { $0 == "production" })

        let shadow = try #require(byId[IdentityID("arn:aws:iam::444455556666:role/shadow")])
        #expect(
            !shadow.inInventory && shadow.kind == .role && shadow.name == "shadow" && shadow.environments == ["staging"]
        )

        let service = try #require(byId[IdentityID("aws-service:ec2.amazonaws.com")])
        #expect(service.isPlatformService && !service.isOrganisationNHI && service.kind == .awsService)

        #expect(inventory.auditCoverage.map(\.environment) == ["production", "staging"])
    }

    /// The evidence folder's files: regular files at any depth, sorted by relative path; hidden
    /// files and folders, symbolic links (to files or folders) and folders themselves left out.
    @Test func listsRegularFilesOnly() throws {
        let root = try Fixtures.temporaryFolder().appendingPathComponent("evidence")
        let manager = FileManager.default
        for folder in ["b/c", ".hidden", "d"] {
            try manager.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        for file in ["z.json", "a.csv", "b/c/x.json.gz", "b/y.jsonl", ".secret", ".hidden/h.json"] {
            try Data("x".utf8).write(to: root.appendingPathComponent(file))
        }
        try manager.createSymbolicLink(
            atPath: root.appendingPathComponent("link.json").path,
            withDestinationPath: root.appendingPathComponent("a.csv").path)
        try manager.createSymbolicLink(
            atPath: root.appendingPathComponent("d/loop").path,
            withDestinationPath: root.appendingPathComponent("b").path)
        #expect(try Collector.listFiles(root) == ["a.csv", "b/c/x.json.gz", "b/y.jsonl", "z.json"])
    }

    /// A file that fails part way through a run of CloudTrail files (kept going) leaves the files
    /// after it as they are without it: its reader's tables are not carried on.
    @Test func aFileFailingInARunLeavesTheOthersAsTheyWere() throws {
        let good: [String: URL] = [
            "logs/a.json": awsFixture("cloudtrail/records.json"), "logs/c.jsonl": awsFixture("cloudtrail/lines.jsonl"),
            "logs/d.json": awsFixture("cloudtrail/array.json"),
            "logs/e.json.gz": awsFixture("cloudtrail/records.json.gz"),
        ]
        let with = try Collector(options: .init(keepGoing: true)).collect(
            folder: evidenceFolder(
                good.merging(["logs/b.json.gz": awsFixture("cloudtrail/truncated.json.gz")]) { old, _ in old },
                scope: Self.scope))
        let without = try Collector().collect(folder: evidenceFolder(good, scope: Self.scope))
        #expect(
            with.ledger.entries.map(\.file) == [
                "logs/a.json", "logs/b.json.gz", "logs/c.jsonl", "logs/d.json", "logs/e.json.gz",
            ])
        #expect(with.ledger.failedFiles.map(\.file) == ["logs/b.json.gz"])
        #expect(with.ledger.entries.filter { $0.status == .ok } == without.ledger.entries)
        #expect(with.activity == without.activity && with.auditCoverage == without.auditCoverage)
        #expect(!with.activity.isEmpty)
    }

    /// Consecutive CloudTrail files go to one worker in runs (sharing the aggregator's memo
    /// tables), up to the runs' size and count bounds; a file of another reader stands alone,
    /// and so does a file larger than the bound. The runs cover every file once, in order.
    @Test func consecutiveCloudTrailFilesAreReadInRuns() {
        let trail: any EvidenceReader.Type = CloudTrailReader.self,
            report: any EvidenceReader.Type = CredentialReportReader.self
        let small = Collector.maxRunBytes / 4
        let files: [(size: Int64, reader: any EvidenceReader.Type)] =
            [(small, trail), (small, trail), (10, report), (small, trail)] + Array(repeating: (small, trail), count: 5)
            + [(Collector.maxRunBytes + 1, trail), (1, trail), (2, report), (3, report)]
            + Array(repeating: (1, trail), count: Collector.maxRunFiles + 3)
        let runs = Collector.runs(of: files)
        #expect(Array(runs.prefix(8)) == [0..<2, 2..<3, 3..<7, 7..<9, 9..<10, 10..<11, 11..<12, 12..<13])
        #expect(
            Array(runs.dropFirst(8)) == [13..<(13 + Collector.maxRunFiles), (13 + Collector.maxRunFiles)..<files.count])
        #expect(runs.flatMap { Array($0) } == Array(files.indices))
        #expect(Collector.runs(of: []).isEmpty)
        #expect(!report.carriesAcrossFiles && trail.carriesAcrossFiles)
    }

    @Test func theSameFolderGivesTheSameInventory() throws {
        let folder = try Self.folder()
        let first = try Collector().collect(folder: folder)
        let second = try Collector().collect(folder: folder)
        #expect(first == second)
        #expect(try NHIJSON.encoder().encode(first) == NHIJSON.encoder().encode(second))
    }

    @Test func unreadableFilesStopTheRunUnlessKeepGoing() throws {
        let folder = try Self.folder(extra: ["logs/truncated.json.gz": awsFixture("cloudtrail/truncated.json.gz")])
        #expect { try Collector().collect(folder: folder) } throws: { error in
            (error as? CollectError)?.file == "logs/truncated.json.gz"
        }
        let inventory = try Collector(options: .init(keepGoing: true)).collect(folder: folder)
        let failed = try #require(inventory.ledger.failedFiles.first)
        #expect(failed.file == "logs/truncated.json.gz" && failed.status == .failed)
        #expect(failed.error?.hasPrefix("logs/truncated.json.gz: truncated gzip") == true)
        #expect(inventory.ledger.entries.count == 7)
        // A rule missing what it would have provided says the file could not be read.
        #expect(
            inventory.evidenceCoverage.files.first { $0.file == "logs/truncated.json.gz" }
                == FileContribution(
                    file: "logs/truncated.json.gz", inputs: [.auditLog], contributed: false,
                    reason: "could not be read (see the ledger)"))
    }

    @Test func aFilePinnedToCloudTrailThatIsNotJSONStopsTheRun() throws {
        let scope = Self.scope + "\nsources:\n  - path: logs/**\n    format: aws-cloudtrail\n"
        let folder = try Self.folder(
            extra: ["logs/not-json.json": awsFixture("cloudtrail/not-json.json")], scope: scope)
        #expect { try Collector().collect(folder: folder) } throws: { error in
            (error as? CollectError)?.description == "logs/not-json.json:1:1: not JSON: expected '{' or '['"
        }
    }

    @Test func ownersStillAttachAndOverrideTheInferredKind() {
        let builder = InventoryBuilder()
        builder.addIdentity(
            Identity(id: IdentityID("arn:aws:iam::1:role/deploy"), platform: .aws, kind: .role, name: "deploy"))
        builder.addIdentity(
            Identity(
                id: IdentityID("arn:aws:iam::1:user/break-glass"), platform: .aws, kind: .user, name: "break-glass",
                attributes: ["passwordEnabled": "true"]))
        builder.addOwner(OwnerRecord(identityRef: "deploy", owner: "platform-team", purpose: .delivery))
        builder.addOwner(OwnerRecord(identityRef: "arn:aws:iam::1:user/break-glass", owner: "sre", kindOverride: "nhi"))
        let inventory = IdentityResolver(scope: Scope(organisation: "t"), gapHours: 24).finish(
            builder, ledger: IngestLedger())
        let byId = inventory.identityIndex()
        #expect(byId[IdentityID("arn:aws:iam::1:role/deploy")]?.owner?.owner == "platform-team")
        let glass = byId[IdentityID("arn:aws:iam::1:user/break-glass")]
        #expect(glass?.isHuman == false && glass?.humanBasis == .ownerOverride)
    }

    /// Activity comes out in one order whatever the builder's dictionary order (which changes from
    /// one process to the next): by identity, action, environment and request fields, then by
    /// account (a role acting in several accounts of one environment), then by the fields
    /// themselves where two lists join alike.
    @Test func activityOrderIsTotal() {
        let builder = InventoryBuilder()
        let accounts = (0..<20).map { "\(100 + $0 * 7 % 20)" } + [nil]
        for account in accounts {
            for fields in [["a", "b"], ["a,b"], []] {
                builder.recordActivity(
                    identity: IdentityID("arn:aws:iam::1:role/deploy"), platform: .aws, action: "ecs:UpdateService",
                    requestFields: fields, environment: "prod", account: account, readOnly: false,
                    at: Date(timeIntervalSince1970: 0), sourceFile: "t")
            }
        }
        let activity = IdentityResolver(scope: Scope(organisation: "t"), gapHours: 24).finish(
            builder, ledger: IngestLedger()
        ).activity
        let order = activity.map {
            "\($0.requestFields.joined(separator: ","))|\($0.account ?? "-")|\($0.requestFields.count)"
        }
        let expected = ["": [0], "a,b": [2, 1]].sorted { $0.key < $1.key }.flatMap { joined, counts in
            ([nil] + accounts.compactMap { $0 }.sorted()).flatMap { account in
                counts.map { "\(joined)|\(account ?? "-")|\($0)" }
            }
        }
        #expect(order == expected)
    }

    @Test func canonicalARNsDropPathsAndResolveSessions() {
        #expect(AWSPrincipals.canonical("arn:aws:iam::1:role/service-role/x") == "arn:aws:iam::1:role/x")
        #expect(AWSPrincipals.canonical("arn:aws-cn:sts::1:assumed-role/r/s") == "arn:aws-cn:iam::1:role/r")
        #expect(AWSPrincipals.canonical("arn:aws:iam::1:root") == "arn:aws:iam::1:root")
        #expect(AWSPrincipals.canonical("not an arn") == "not an arn")
        #expect(AWSPrincipals.sessionName("arn:aws:sts::1:assumed-role/r/a/b") == "a/b")
        #expect(AWSPrincipals.path("arn:aws:iam::1:user/a/b/c") == "/a/b/")
        #expect(AWSPrincipals.describe(IdentityID("arn:aws:sts::1:federated-user/f")).kind == .federated)
    }

    /// The ARN is split by bytes: names with non-ASCII letters, empty fields and missing parts.
    @Test func arnsAreSplitByBytes() {
        #expect(AWSPrincipals.canonical("arn:aws:iam::1:user/équipe/zoë") == "arn:aws:iam::1:user/zoë")
        #expect(
            AWSPrincipals.resolve("arn:aws:sts::1:assumed-role/rôle/séance/x") == (
                "arn:aws:iam::1:role/rôle", "séance/x"
            ))
        #expect(AWSPrincipals.resolve("arn:aws:iam::1:role/a/b") == ("arn:aws:iam::1:role/b", nil))
        #expect(
            AWSPrincipals.resolve("arn:aws:sts::1:assumed-role/no-session") == (
                "arn:aws:sts::1:assumed-role/no-session", nil
            ))
        #expect(AWSPrincipals.canonical("arn:aws:iam::1") == "arn:aws:iam::1")
        #expect(AWSPrincipals.canonical("arn:aws:s3:::bucket/key") == "arn:aws:s3:::bucket/key")
        #expect(AWSPrincipals.sessionName("arn:aws:sts::1:assumed-role/r") == nil)
        #expect(AWSPrincipals.account("arn:aws:iam::123456789012:user/u") == "123456789012")
        #expect(AWSPrincipals.partition("arn:aws-us-gov:iam::1:user/u") == "aws-us-gov")
        #expect(AWSPrincipals.account("urn:aws:iam::1:user/u") == nil)
    }
}
