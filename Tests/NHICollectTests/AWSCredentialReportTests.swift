import Foundation
import NHICollect
import NHIModel
import Testing
import TestSupport

@Suite struct CredentialReportTests {
    @Test func consoleCSVGivesUsersRootAndKeys() throws {
        let result = try readFile(CredentialReportReader.self, awsFixture("credential-report.csv"))
        let identities = result.builder.identities
        #expect(result.ledger.read == 6 && result.ledger.accepted == 4 && result.ledger.rejected == 2)
        #expect(result.ledger.isBalanced)
        #expect(
            result.ledger.rejections.flatMap(\.locators).sorted() == [
                "credential-report.csv:6", "credential-report.csv:7",
            ])

        let root = try #require(identities[IdentityID("arn:aws:iam::111122223333:root")])
        #expect(root.kind == .root && root.name == "root" && root.account == "111122223333")
        #expect(root.attributes["mfaActive"] == "true")
        #expect(root.credentials.map(\.id) == ["password"])

        let alice = try #require(identities[IdentityID("arn:aws:iam::111122223333:user/alice")])
        #expect(alice.attributes["path"] == "/people/")
        #expect(alice.attributes["passwordEnabled"] == "true" && alice.attributes["accessKeysActive"] == "0")
        #expect(alice.credentials.first?.lastUsedAt == ISO8601.parse("2026-10-20T09:00:00Z"))

        let ci = try #require(identities[IdentityID("arn:aws:iam::111122223333:user/ci-deployer")])
        #expect(ci.attributes["passwordEnabled"] == "false")
        let keys = ci.credentials.filter { $0.kind == .accessKey }
        #expect(keys.map(\.id) == ["access-key-1", "access-key-2"])
        #expect(keys[0].active && keys[0].lastUsedService == "cloudformation" && keys[0].lastUsedRegion == "eu-west-1")
        #expect(keys[0].lastRotatedAt == ISO8601.parse("2022-05-01T10:00:05Z"))
        #expect(keys[1].lastUsedAt == nil && keys[1].lastUsedService == nil)

        let old = try #require(identities[IdentityID("arn:aws:iam::111122223333:user/old-key")])
        #expect(old.attributes["passwordLastUsed"] == "no_information")
        let inactive = try #require(old.credentials.first { $0.id == "access-key-1" })
        #expect(!inactive.active && inactive.lastUsedService == "s3")
    }

    @Test func base64JSONWrapperGivesTheSameIdentities() throws {
        let csv = try readFile(CredentialReportReader.self, awsFixture("credential-report.csv"))
        let json = try readFile(CredentialReportReader.self, awsFixture("credential-report-base64.json"))
        #expect(json.builder.identities.keys.sorted() == csv.builder.identities.keys.sorted())
        #expect(
            json.builder.identities.values.map(\.credentials.count).sorted()
                == csv.builder.identities.values.map(\.credentials.count).sorted())
        #expect(json.ledger.rejected == 2)
    }

    @Test func sniffingRecognisesBothShapesAndNothingElse() throws {
        #expect(
            CredentialReportReader.sniff(head: try Data(contentsOf: awsFixture("credential-report.csv")), fileName: "x")
        )
        #expect(
            CredentialReportReader.sniff(
                head: try Data(contentsOf: awsFixture("credential-report-base64.json")), fileName: "x"))
        #expect(!CredentialReportReader.sniff(head: Data("identity,owner\nx,y\n".utf8), fileName: "owners.csv"))
        #expect(
            !CredentialReportReader.sniff(
                head: try Data(contentsOf: awsFixture("cloudtrail/records.json")), fileName: "x"))
        // A byte order mark and blank lines before the header, and the header in capitals, still count.
        #expect(
            CredentialReportReader.sniff(
                head: Data("\u{FEFF}\n \r\nUSER,ARN,User_Creation_Time,x\n".utf8), fileName: "x"))
        #expect(
            CredentialReportReader.sniff(
                head: Data(" {\"GeneratedTime\":\"x\",\"Content\":\"dXNlcg==\"}".utf8), fileName: "x"))
        // Not a letter that lower-cases to a separator, not the wrapper's keys past the first 4 KB, not a wrapper that is not an object.
        #expect(!CredentialReportReader.sniff(head: Data("user\u{0C}arn,user_creation_time\n".utf8), fileName: "x"))
        #expect(
            !CredentialReportReader.sniff(
                head: Data(
                    "{\"Content\":\"\(String(repeating: "A", count: 4096))\",\"ReportFormat\":\"text/csv\"}".utf8),
                fileName: "x"))
        #expect(
            !CredentialReportReader.sniff(
                head: Data("[{\"Content\":\"x\",\"ReportFormat\":\"text/csv\"}]".utf8), fileName: "x"))
    }

    /// The byte search the AWS sniffers use: anywhere in the head, overlapping candidates, not past its end.
    @Test func headSniffFindsBytesAnywhere() {
        let head = Data("aab\"eventSource\"x\"eventName".utf8)
        #expect(
            HeadSniff.contains(head, "aab") && HeadSniff.contains(head, "ab\"e")
                && HeadSniff.contains(head, "\"eventName"))
        #expect(HeadSniff.contains(head, "\"eventSource\"") && HeadSniff.contains(head, ""))
        #expect(
            !HeadSniff.contains(head, "\"eventName\"") && !HeadSniff.contains(head, "aaa")
                && !HeadSniff.contains(Data(), "a"))
        #expect(!HeadSniff.contains(Data("ab".utf8), "abc"))
        #expect(Array(HeadSniff.trimmedStart(Data("\u{FEFF}\u{FEFF} \t\r\nx y".utf8))) == Array("x y".utf8))
        #expect(HeadSniff.trimmedStart(Data(" \n".utf8)).isEmpty)
    }

    @Test func aCSVWithoutTheReportColumnsIsAnError() throws {
        let url = try Fixtures.temporaryFolder().appendingPathComponent("wrong.csv")
        try "user,owner\nx,y\n".write(to: url, atomically: true, encoding: .utf8)
        #expect { try readFile(CredentialReportReader.self, url) } throws: { error in
            (error as? CollectError)?.description
                == "wrong.csv:1: not an IAM credential report: missing column(s) arn, password_enabled, access_key_1_active"
        }
    }

    @Test(.enabled(if: Fixtures.shared != nil, "\(Fixtures.sharedMissingMessage)"))
    func realReportsAreRead() throws {
        let console = try readFile(
            CredentialReportReader.self, Fixtures.sharedFile("aws-iam-credential-report/credential_report.csv")!)
        #expect(console.ledger.accepted == 5 && console.ledger.rejected == 0)
        let cloudgoat = try #require(console.builder.identities[IdentityID("arn:aws:iam::278368863034:user/cloudgoat")])
        #expect(cloudgoat.credentials.map(\.id) == ["access-key-1"])
        #expect(cloudgoat.credentials[0].lastUsedService == "rds")
        let never = try #require(
            console.builder.identities[IdentityID("arn:aws:iam::278368863034:user/test_key_account")])
        #expect(never.credentials.first?.lastUsedAt == nil && never.credentials.first?.active == true)

        let api = try readFile(
            CredentialReportReader.self,
            Fixtures.sharedFile("aws-iam-credential-report/iam-get-credential-report.json")!)
        #expect(api.ledger.accepted == 3)
        let user = try #require(api.builder.identities[IdentityID("arn:aws:iam::123456789012:user/user")])
        #expect(user.credentials.filter { $0.kind == .accessKey && $0.active }.count == 2)
        let root = try #require(api.builder.identities[IdentityID("arn:aws:iam::123456789012:root")])
        #expect(root.credentials.contains { $0.kind == .accessKey && $0.active && $0.lastUsedService == "ecr" })
    }
}
