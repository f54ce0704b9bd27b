import Foundation
@testable import NHICollect
import NHIModel
import Testing
import TestSupport

@Suite struct CloudTrailReaderTests {
    private let deploy = "arn:aws:iam::111122223333:role/deploy"
    private let ci = "arn:aws:iam::111122223333:user/ci-deployer"

    @Test func recordsFileAggregatesByIdentityActionAndRequestShape() throws {
        let result = try readFile(CloudTrailReader.self, awsFixture("cloudtrail/records.json"))
        #expect(result.ledger.read == 5 && result.ledger.accepted == 5 && result.ledger.isBalanced)
        let update = try #require(result.builder.activity(deploy, "cloudformation:UpdateStack").first)
        #expect(!update.readOnly && update.requestFields == ["parameters", "stackName", "templateURL"])
        #expect(
            update.sessionNames.counts == ["gha-run-42": 1] && update.credentialIds.counts == ["ASIAEXAMPLEROLE1": 1])
        #expect(update.userAgents.counts == ["aws-cli/2.15.0": 1] && update.sourceIPs.counts == ["203.0.113.10": 1])
        #expect(update.firstSeen == ISO8601.parse("2026-10-01T10:00:00Z") && update.writeTimes.count == 1)
        #expect(update.examples.map(\.locator) == ["records.json:1#0"])
        #expect(update.environment == "unknown" && update.account == "111122223333")

        let describe = try #require(result.builder.activity(deploy, "cloudformation:DescribeStacks").first)
        #expect(describe.readOnly && describe.requestFields.isEmpty)

        let service = try #require(result.builder.activity("aws-service:ec2.amazonaws.com", "sts:AssumeRole").first)
        #expect(service.count == 1)

        let denied = try #require(result.builder.activity(ci, "codedeploy:CreateDeployment").first)
        #expect(
            denied.deniedCount == 1 && denied.writeTimes.isEmpty
                && denied.requestFields == ["applicationName", "deploymentGroupName"])

        let login = try #require(result.builder.activity("arn:aws:iam::111122223333:root", "signin:ConsoleLogin").first)
        #expect(!login.readOnly)
        #expect(result.builder.coverage.values.map(\.events) == [5])
    }

    @Test func arraysInferReadOnlyAndKeepBareAccessKeys() throws {
        let result = try readFile(CloudTrailReader.self, awsFixture("cloudtrail/array.json"))
        #expect(result.ledger.accepted == 3)
        #expect(result.builder.activity(deploy, "s3:ListBuckets").first?.readOnly == true)
        #expect(
            result.builder.activity("aws-access-key:AKIAEXAMPLECI", "s3:PutObject").first?.requestFields == [
                "Host", "bucketName", "key",
            ])
        let scale = try #require(
            result.builder.activity("arn:aws:iam::444455556666:role/shadow", "autoscaling:SetDesiredCapacity").first)
        #expect(scale.sessionNames.counts == ["x": 1] && scale.examples.map(\.locator) == ["array.json:64#2"])
    }

    @Test func jsonLinesRejectBadLinesWithTheirLocatorsAndKeepTheRest() throws {
        let result = try readFile(CloudTrailReader.self, awsFixture("cloudtrail/lines.jsonl"))
        let ledger = result.ledger
        #expect(ledger.read == 4 && ledger.accepted == 2 && ledger.rejected == 2 && ledger.isBalanced)
        let reasons = Dictionary(uniqueKeysWithValues: ledger.rejections.map { ($0.reason, $0.locators) })
        #expect(reasons["malformed JSON: expected ',' or '}'"] == ["lines.jsonl:2:121"])
        #expect(reasons[CloudTrailReader.notCloudTrail] == ["lines.jsonl:5"])
        let code = try #require(result.builder.activity(deploy, "lambda:UpdateFunctionCode20150331v2").first)
        #expect(code.requestFields == ["functionName", "zipFile"] && code.examples.map(\.locator) == ["lines.jsonl:1"])
        #expect(result.builder.activity(deploy, "lambda:UpdateAlias").first?.sessionNames.counts == ["gha-run-44": 1])
    }

    /// Activity without the file-specific parts of evidence (name and hash), for comparing twins.
    private func activityShape(_ builder: InventoryBuilder) -> [ActivityRecord] {
        builder.activity.values.map { record in
            var copy = record
            copy.examples = copy.examples.map { EvidenceRef(file: "", sha256: "", line: $0.line, record: $0.record) }
            return copy
        }.sorted { ($0.identity, $0.action) < ($1.identity, $1.action) }
    }

    @Test func gzipAndMultiMemberGzipGiveTheSameActivity() throws {
        let plain = try readFile(CloudTrailReader.self, awsFixture("cloudtrail/records.json"))
        for name in ["records.json.gz", "records-multimember.json.gz"] {
            let zipped = try readFile(CloudTrailReader.self, awsFixture("cloudtrail/\(name)"))
            #expect(activityShape(zipped.builder) == activityShape(plain.builder), "\(name)")
            #expect(zipped.ledger.accepted == plain.ledger.accepted)
        }
    }

    @Test func truncatedGzipFailsTheFile() {
        #expect { try readFile(CloudTrailReader.self, awsFixture("cloudtrail/truncated.json.gz")) } throws: { error in
            (error as? CollectError)?.message.hasPrefix("truncated gzip") == true
        }
    }

    @Test func nonJSONAndNonCloudTrailFilesFail() throws {
        #expect { try readFile(CloudTrailReader.self, awsFixture("cloudtrail/not-json.json")) } throws: { error in
            (error as? CollectError)?.description == "not-json.json:1:1: not JSON: expected '{' or '['"
        }
        #expect { try readFile(CloudTrailReader.self, awsFixture("authz/page-2.json")) } throws: { error in
            (error as? CollectError)?.message.hasPrefix("not CloudTrail") == true
        }
    }

    @Test func scopeAndOverridesAssignEnvironments() throws {
        let scope = Scope(
            organisation: "n",
            environments: [
                EnvironmentScope(name: "production", production: true, awsAccounts: ["111122223333"]),
                EnvironmentScope(name: "staging", production: false, awsAccounts: ["444455556666"]),
            ], declared: true)
        let scoped = try readFile(CloudTrailReader.self, awsFixture("cloudtrail/array.json"), scope: scope)
        #expect(Set(scoped.builder.activity.values.map(\.environment)) == ["production", "staging"])
        let forced = try readFile(
            CloudTrailReader.self, awsFixture("cloudtrail/array.json"), scope: scope, environment: "staging")
        #expect(Set(forced.builder.activity.values.map(\.environment)) == ["staging"])
    }

    @Test func deniedAndReadOnlyRulesFollowTheEventName() {
        #expect(CloudTrailReader.isDenied("AccessDenied") && CloudTrailReader.isDenied("AccessDeniedException"))
        #expect(
            CloudTrailReader.isDenied("Client.UnauthorizedOperation")
                && !CloudTrailReader.isDenied("ThrottlingException"))
        #expect(CloudTrailReader.looksReadOnly("DescribeStacks") && CloudTrailReader.looksReadOnly("HeadObject"))
        #expect(!CloudTrailReader.looksReadOnly("UpdateStack") && !CloudTrailReader.looksReadOnly("ConsoleLogin"))
        let many = (0..<20).map { "f\($0 + 10)" }
        #expect(CloudTrailReader.requestFields(many).count == CloudTrailReader.maxRequestFields + 1)
        #expect(CloudTrailReader.requestFields(many).last == "+more")
    }

    @Test func principalsResolveToCanonicalIdentities() {
        let cache = CloudTrailPrincipal.Cache()
        var user = CloudTrailEvent.UserIdentity()
        user.type = "AssumedRole"
        user.arn = "arn:aws:sts::1:assumed-role/deploy/session-1"
        #expect(
            CloudTrailPrincipal.of(user, cache: cache)
                == CloudTrailPrincipal(identity: IdentityID("arn:aws:iam::1:role/deploy"), sessionName: "session-1"))
        user = .init(); user.type = "IAMUser"; user.arn = "arn:aws:iam::1:user/path/to/bob";
        user.invokedBy = "cloudformation.amazonaws.com"
        #expect(
            CloudTrailPrincipal.of(user, cache: cache)
                == CloudTrailPrincipal(
                    identity: IdentityID("arn:aws:iam::1:user/bob"), actor: "aws-service:cloudformation.amazonaws.com"))
        user = .init(); user.type = "Root"; user.accountId = "1"
        #expect(CloudTrailPrincipal.of(user, cache: cache)?.identity == IdentityID("arn:aws:iam::1:root"))
        user = .init(); user.type = "FederatedUser"; user.arn = "arn:aws:sts::1:federated-user/fed";
        user.issuerArn = "arn:aws:iam::1:user/issuer"
        #expect(
            CloudTrailPrincipal.of(user, cache: cache)
                == CloudTrailPrincipal(
                    identity: IdentityID("arn:aws:sts::1:federated-user/fed"), actor: "arn:aws:iam::1:user/issuer"))
        user = .init(); user.type = "AWSAccount"; user.accountId = "2"; user.principalId = "AIDAX"
        #expect(CloudTrailPrincipal.of(user, cache: cache)?.identity == IdentityID("arn:aws:iam::2:root"))
        user = .init(); user.type = "WebIdentityUser"; user.userName = "app"
        #expect(CloudTrailPrincipal.of(user, cache: cache)?.identity == IdentityID("aws-federated:app"))
        user = .init(); user.type = "AWSService"
        #expect(CloudTrailPrincipal.of(user, cache: cache) == nil)
        #expect(CloudTrailPrincipal.of(.init(), cache: cache) == nil)
    }

    @Test(.enabled(if: Fixtures.shared != nil, "\(Fixtures.sharedMissingMessage)"))
    func everyStratusRedTeamLogIsReadCompletely() throws {
        let folder = Fixtures.sharedFile("aws-cloudtrail/stratus-red-team")!
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
            let result = try readFile(CloudTrailReader.self, folder.appendingPathComponent(name))
            #expect(result.ledger.read > 0 && result.ledger.rejected == 0 && result.ledger.isBalanced, "\(name)")
            #expect(result.ledger.accepted == result.builder.activity.values.reduce(0) { $0 + $1.count }, "\(name)")
        }
        let federation = try readFile(
            CloudTrailReader.self, folder.appendingPathComponent("aws.persistence.sts-federation-token.json"))
        #expect(federation.builder.activity.keys.contains { $0.identity.rawValue.contains(":federated-user/") })
        let backdoor = try readFile(
            CloudTrailReader.self, folder.appendingPathComponent("aws.persistence.iam-backdoor-role.json"))
        let update = try #require(backdoor.builder.activity.values.first { $0.action == "iam:UpdateAssumeRolePolicy" })
        #expect(!update.readOnly && update.requestFields == ["policyDocument", "roleName"])
    }

    @Test(.enabled(if: Fixtures.shared != nil, "\(Fixtures.sharedMissingMessage)"))
    func s3DeliveredFileAndItsGzipTwinAreIdentical() throws {
        let base =
            "aws-cloudtrail/s3-delivered/111111111111_CloudTrail_eu-central-1_20171211T1505Z_A6kvhMoVeCsc7v8U.json"
        let plain = try readFile(CloudTrailReader.self, Fixtures.sharedFile(base)!)
        let zipped = try readFile(CloudTrailReader.self, Fixtures.sharedFile(base + ".gz")!)
        #expect(plain.ledger.accepted == 2 && zipped.ledger.accepted == 2)
        #expect(activityShape(plain.builder) == activityShape(zipped.builder))
        #expect(
            plain.builder.activity(
                "arn:aws:iam::111111111111:role/someRole", "autoscaling:DescribeLaunchConfigurations"
            )
            .first?.actors.counts == ["aws-service:config.amazonaws.com": 1])
        #expect(plain.builder.activity.keys.contains { $0.identity.rawValue.hasPrefix("aws-service:") })
    }

    /// Given no digest (as the collector passes it), the reader hashes the file while it streams it:
    /// same digest and size as a separate pass, also when gzip padding is left unread, and in the examples.
    @Test(arguments: ["cloudtrail/lines.jsonl", "cloudtrail/records.json.gz", "cloudtrail/padded.json.gz"])
    func fileIsHashedWhileItIsRead(_ name: String) throws {
        var url = awsFixture(name)
        if name == "cloudtrail/padded.json.gz" {
            // Zero padding after the last gzip member, as some archivers write it, longer than a read chunk: never read by the parse, still hashed.
            url = try Fixtures.temporaryFolder().appendingPathComponent("padded.json.gz")
            try (Data(contentsOf: awsFixture("cloudtrail/records.json.gz")) + Data(count: 600_000)).write(to: url)
        }
        let expected = try FileDigest.sha256(of: url)
        let source = SourceFile(url: url, relativePath: "logs/x", sha256: "", size: 0)
        let builder = InventoryBuilder()
        var ledger = LedgerEntry(file: source.relativePath, format: CloudTrailReader.format, sha256: "", size: 0)
        try CloudTrailReader.read(
            source, context: CollectContext(scope: Scope(organisation: "t")), into: builder, ledger: &ledger)
        #expect(ledger.sha256 == expected.hex && ledger.size == expected.size)
        let examples = builder.activity.values.flatMap(\.examples)
        #expect(!examples.isEmpty && examples.allSatisfy { $0.sha256 == expected.hex })
    }

    @Test func collectorLedgerNamesTheDigestOfEveryCloudTrailFile() throws {
        let folder = try evidenceFolder([
            "a/lines.jsonl": awsFixture("cloudtrail/lines.jsonl"),
            "b/records.json.gz": awsFixture("cloudtrail/records.json.gz"),
        ])
        let inventory = try Collector().collect(folder: folder)
        for entry in inventory.ledger.entries {
            let digest = try FileDigest.sha256(of: folder.appendingPathComponent(entry.file))
            #expect(
                entry.format == CloudTrailReader.format && entry.sha256 == digest.hex && entry.size == digest.size,
                "\(entry.file)")
        }
        #expect(inventory.ledger.entries.count == 2)
        #expect(
            inventory.activity.flatMap(\.examples).allSatisfy { example in
                inventory.ledger.entries.contains { $0.file == example.file && $0.sha256 == example.sha256 }
            })
    }
}
