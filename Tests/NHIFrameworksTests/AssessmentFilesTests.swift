import Crypto
import Foundation
import NHIDetect
import NHIFrameworks
import NHIModel
import Testing
import TestSupport

@Suite struct AssessmentFilesTests {
    func folder(_ files: [String: String]) throws -> URL {
        let root = try Fixtures.temporaryFolder()
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return root
    }

    @Test func waiversLoad() throws {
        let root = try folder([
            "waivers.yaml": """
            waivers:
              - id: WVR-1
                rule: long-lived-credential
                identity: "arn:aws:iam::111122223333:user/legacy-*"
                control: PR.AA-01
                justification: Vendor cannot rotate
                owner: dana@example.com
                approved_by: ciso@example.com
                approved: 2026-05-04
                reference: RISK-112
                expires: 2026-11-15
              - id: WVR-2
                rule: stale-identity
                identity: "*"
                justification: Older file without approval dates
                owner: dana@example.com
                approved_by: ciso@example.com
                expires: 2026-12-31
            """
        ])
        let waivers = try WaiverFile.load(root.appendingPathComponent("waivers.yaml"), knownRules: RuleRegistry.ids)
        #expect(
            waivers == [
                Waiver(
                    id: "WVR-1", rule: "long-lived-credential",
                    identityPattern: "arn:aws:iam::111122223333:user/legacy-*",
                    control: "PR.AA-01", justification: "Vendor cannot rotate", owner: "dana@example.com",
                    approvedBy: "ciso@example.com", reference: "RISK-112", expires: ExampleKit.date("2026-11-15"),
                    approved: ExampleKit.date("2026-05-04")),
                Waiver(
                    id: "WVR-2", rule: "stale-identity", identityPattern: "*",
                    justification: "Older file without approval dates",
                    owner: "dana@example.com", approvedBy: "ciso@example.com", expires: ExampleKit.date("2026-12-31")),
            ])
        #expect(waivers[1].approved == nil, "a missing approval date stays missing")
    }

    @Test func badWaiversReportEveryProblem() throws {
        let root = try folder([
            "waivers.yaml": """
            waivers:
              - id: WVR-1
                rule: no-such-rule
                identity: "*"
                justification: j
                owner: o
                approved_by: a
                approved: 2026-12-01
                expires: 2026-11-15
              - id: WVR-2
                rule: stale-identity
                identity: "*"
                owner: o
                approved_by: a
                approved: last spring
                expires: someday
                colour: red
            """
        ])
        let error = try #require(throws: ConfigFileError.self) {
            try WaiverFile.load(root.appendingPathComponent("waivers.yaml"), knownRules: RuleRegistry.ids)
        }
        #expect(error.problems.contains { $0.hasSuffix("waivers.yaml:3:11: unknown rule \"no-such-rule\"") })
        #expect(
            error.problems.contains {
                $0.hasSuffix(
                    "waivers.yaml:17:5: unknown key \"colour\" in a waiver (known: id, rule, identity, control, justification, owner, approved_by, approved, reference, expires)"
                )
            })
        #expect(
            error.problems.contains {
                $0.hasSuffix("waivers.yaml:8:15: approved (2026-12-01) is after expires (2026-11-15)")
            })
        #expect(error.problems.contains { $0.hasSuffix("waivers.yaml:10:5: a waiver is missing \"justification\"") })
    }

    @Test func attestationEvidenceIsHashed() throws {
        let root = try folder([
            "attestations.yaml": """
            attestations:
              - controls: ["GV.RR-02", "NHI1:2025"]
                statement: Quarterly access review done
                evidence: attestations/review.txt
                attested_by: ciso@example.com
                attested_at: 2026-12-15
                expires: 2027-03-31
            """,
            "attestations/review.txt": "reviewed\n",
        ])
        let records = try AttestationFile.load(
            root.appendingPathComponent("attestations.yaml"), evidenceRoot: root, periodEnd: ExampleKit.periodEnd)
        let expected = SHA256.hash(data: Data("reviewed\n".utf8)).map { String(format: "%02x", $0) }.joined()
        #expect(records.count == 1)
        #expect(records[0].evidenceSha256 == expected)
        #expect(records[0].controls == ["GV.RR-02", "NHI1:2025"])
        #expect(records[0].active)
    }

    @Test(arguments: [
        ("../outside.txt", "leaves the evidence folder"),
        ("attestations/../../outside.txt", "leaves the evidence folder"),
        ("/etc/hostname", "not an absolute path"),
        ("attestations/missing.pdf", "not found in the evidence folder"),
    ])
    func attestationEvidenceMustBeAFileInsideTheFolder(path: String, message: String) throws {
        let root = try folder([
            "attestations.yaml": """
            attestations:
              - controls: [GV.RR-02]
                statement: s
                evidence: \(path)
                attested_by: ciso@example.com
                attested_at: 2026-12-15
            """
        ])
        try "outside".write(
            to: root.deletingLastPathComponent().appendingPathComponent("outside.txt"), atomically: true,
            encoding: .utf8)
        let error = try #require(throws: ConfigFileError.self) {
            try AttestationFile.load(
                root.appendingPathComponent("attestations.yaml"), evidenceRoot: root, periodEnd: ExampleKit.periodEnd)
        }
        #expect(error.problems.count == 1)
        #expect(error.problems[0].contains("attestations.yaml:4:15: evidence file \"\(path)\""))
        #expect(error.problems[0].hasSuffix(message))
    }

    @Test func symbolicLinkOutOfTheFolderIsRejected() throws {
        let root = try folder([
            "attestations.yaml": """
            attestations:
              - controls: [GV.RR-02]
                statement: s
                evidence: link.txt
                attested_by: ciso@example.com
                attested_at: 2026-12-15
            """
        ])
        let outside = root.deletingLastPathComponent().appendingPathComponent("secret-\(UUID().uuidString).txt")
        try "secret".write(to: outside, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(
            at: root.appendingPathComponent("link.txt"), withDestinationURL: outside)
        let error = try #require(throws: ConfigFileError.self) {
            try AttestationFile.load(
                root.appendingPathComponent("attestations.yaml"), evidenceRoot: root, periodEnd: ExampleKit.periodEnd)
        }
        #expect(error.problems[0].hasSuffix("leaves the evidence folder"))
    }

    @Test func attestationExpiringBeforePeriodEndIsInactive() throws {
        let root = try folder([
            "attestations.yaml": """
            attestations:
              - controls: [GV.RR-02]
                statement: s
                evidence: review.txt
                attested_by: ciso@example.com
                attested_at: 2026-06-15
                expires: 2026-12-31
            """,
            "review.txt": "r",
        ])
        let records = try AttestationFile.load(
            root.appendingPathComponent("attestations.yaml"), evidenceRoot: root, periodEnd: ExampleKit.periodEnd)
        #expect(records.map(\.active) == [false])
    }
}
