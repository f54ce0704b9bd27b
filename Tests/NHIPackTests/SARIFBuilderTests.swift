import Foundation
import NHIModel
@testable import NHIPack
import Testing
import TestSupport

/// SARIFBuilder on hostile values: text from inputs comes back byte for byte after JSON decoding
/// (JSON-escaped, never altered), and file names become valid URI references.
@Suite struct SARIFBuilderTests {
    static let rule = SARIFRule(
        id: "R1", title: "Stale identity", severity: .high, rationale: "Unused \"access\"\nlingers.",
        remediation: "Remove it <now>.", controls: ["nist-800-53:AC-2", "owasp-nhi:NHI1"])

    static func log(_ findings: [Finding], prefix: String = "evidence/q4") throws -> [String: Any] {
        let document = ResultsFixture.document(findings: findings)
        let data = try written(document, evidencePrefix: prefix)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func written(_ document: ResultsDocument, evidencePrefix: String, folderFile: String? = nil) throws -> Data {
        var data = Data()
        try SARIFBuilder.write(
            document, rules: [rule], evidencePrefix: evidencePrefix, folderFile: folderFile, to: { data.append($0) })
        return data
    }

    static func results(_ log: [String: Any]) throws -> [[String: Any]] {
        try #require(((log["runs"] as? [[String: Any]])?.first?["results"]) as? [[String: Any]])
    }

    @Test func inputTextSurvivesJSONEscapingUnchanged() throws {
        let subject = "arn:aws:iam::1:role/\"evil\"\n<script>\\u0000\u{7}"
        var finding = ResultsFixture.finding("F1", subject: subject)
        finding.evidence = [EvidenceRef(file: "my dir/a#b?c%d.csv", sha256: "x", line: 7)]
        let result = try #require(try Self.results(Self.log([finding])).first)
        #expect((result["message"] as? [String: Any])?["text"] as? String == "\(subject): summary of F1")
        #expect((result["properties"] as? [String: Any])?["subject"] as? String == subject)
        let physical = try #require(
            ((result["locations"] as? [[String: Any]])?.first?["physicalLocation"]) as? [String: Any])
        let artifact = try #require(physical["artifactLocation"] as? [String: Any])
        #expect(artifact["uri"] as? String == "evidence/q4/my%20dir/a%23b%3Fc%25d.csv")
        #expect(artifact["uriBaseId"] as? String == "%SRCROOT%")
        #expect((physical["region"] as? [String: Any])?["startLine"] as? Int == 7)
        let help = try #require(
            ((log(from: [finding])["rules"] as? [[String: Any]])?.first?["help"] as? [String: Any])?["text"] as? String)
        #expect(help.contains("Unused \"access\"\nlingers.") && help.contains("Remove it <now>."))
    }

    func log(from findings: [Finding]) throws -> [String: Any] {
        let run = try #require((try Self.log(findings)["runs"] as? [[String: Any]])?.first)
        return try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
    }

    @Test func waivedFindingsAreSuppressedAndExpiredWaiversAreNot() throws {
        let active = ResultsFixture.finding(
            "F1",
            waiver: WaiverApplication(
                waiverId: "W-1", expires: ResultsFixture.date("2027-01-31T00:00:00Z"), active: true))
        let expired = ResultsFixture.finding(
            "F2",
            waiver: WaiverApplication(
                waiverId: "W-2", expires: ResultsFixture.date("2026-01-31T00:00:00Z"), active: false))
        let results = try Self.results(Self.log([active, expired]))
        let byID = Dictionary(
            uniqueKeysWithValues: results.map {
                (($0["partialFingerprints"] as? [String: String])?["nhiAuditFindingId/v1"] ?? "", $0)
            })
        let suppression = try #require((byID["F1"]?["suppressions"] as? [[String: Any]])?.first)
        #expect(suppression["kind"] as? String == "external" && suppression["status"] as? String == "accepted")
        #expect((suppression["justification"] as? String)?.contains("W-1") == true)
        #expect(byID["F2"]?["suppressions"] == nil, "an expired waiver leaves the finding open")
    }

    @Test func aFindingOfAnUnlistedRuleIsStillReported() throws {
        let results = try Self.results(
            Self.log([ResultsFixture.finding("F1"), ResultsFixture.finding("F2", rule: "R9")]))
        #expect(results.count == 2)
        let unlisted = try #require(results.first { $0["ruleId"] as? String == "R9" })
        #expect(unlisted["ruleIndex"] == nil)
        #expect(results.first { $0["ruleId"] as? String == "R1" }?["ruleIndex"] as? Int == 0)
    }

    @Test func aFindingWithoutEvidenceIsLocatedAtTheEvidenceFolder() throws {
        let document = ResultsFixture.document(findings: [ResultsFixture.finding("F1")])
        for (folderFile, uri) in [("scope.yaml", "evidence/q4/scope.yaml"), (nil, "evidence/q4/")]
            as [(String?, String)]
        {
            let data = try Self.written(document, evidencePrefix: "evidence/q4", folderFile: folderFile)
            let log = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let locations = try #require(try Self.results(log).first?["locations"] as? [[String: Any]])
            #expect(locations.count == 1, "code scanning drops a result without a location")
            let artifact =
                (locations.first?["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: Any]
            #expect(artifact?["uri"] as? String == uri)
            #expect((locations.first?["message"] as? [String: Any])?["text"] != nil)
        }
    }

    @Test func absoluteEvidenceFoldersGiveFileURIs() throws {
        var finding = ResultsFixture.finding("F1")
        finding.evidence = [EvidenceRef(file: "aws/credential-report.csv", sha256: "x", record: 3, pointer: "/Users/0")]
        let result = try #require(try Self.results(Self.log([finding], prefix: "/srv/evidence")).first)
        let location = try #require((result["locations"] as? [[String: Any]])?.first)
        let artifact = (location["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: Any]
        #expect(artifact?["uri"] as? String == "file:///srv/evidence/aws/credential-report.csv")
        #expect(artifact?["uriBaseId"] == nil)
        #expect((location["properties"] as? [String: Any])?["record"] as? Int == 3)
        #expect((location["properties"] as? [String: Any])?["pointer"] as? String == "/Users/0")
    }

    @Test func levelsAndRuleMetadataFollowSeverityAndMappings() throws {
        let driver = try log(from: [ResultsFixture.finding("F1", severity: .low)])
        let rule = try #require((driver["rules"] as? [[String: Any]])?.first)
        #expect((rule["defaultConfiguration"] as? [String: Any])?["level"] as? String == "error")
        let properties = try #require(rule["properties"] as? [String: Any])
        #expect(properties["controls"] as? [String] == ["nist-800-53:AC-2", "owasp-nhi:NHI1"])
        #expect((properties["tags"] as? [String])?.contains("owasp-nhi:NHI1") == true)
        #expect(properties["security-severity"] as? String == "8.0")
        let result = try #require(try Self.results(Self.log([ResultsFixture.finding("F1", severity: .low)])).first)
        #expect(result["level"] as? String == "note")
    }

    /// The log written a chunk of results at a time is the encoding of the whole log, past the
    /// first chunk too: waived findings, findings without evidence, several evidence records.
    @Test func theWrittenLogIsTheWholeLogEncoded() throws {
        let findings = (0..<2_500).map { position in
            var finding = ResultsFixture.finding(
                String(format: "F%05d", position), subject: "role/\"r\(position % 7)\"\n")
            finding.evidence = (0..<(position % 3)).map { EvidenceRef(file: "aws/e \($0).json", sha256: "x", line: $0) }
            if position % 5 == 0 {
                finding.waiver = WaiverApplication(
                    waiverId: "W1", expires: Date(timeIntervalSince1970: 1_800_000_000), active: true)
            }
            return finding
        }
        let document = ResultsFixture.document(findings: findings)
        let parts = SARIFBuilder.Parts(document, rules: [Self.rule], evidencePrefix: "evidence/q4", folderFile: nil)
        var whole = parts.shell
        whole.runs[0].results = parts.results(0..<parts.findings.count)
        let expected = try NHIJSON.encoder().encode(whole)
        #expect(try Self.written(document, evidencePrefix: "evidence/q4") == expected)
    }
}
