import Foundation
import NHIModel

/// Small ResultsDocuments written in code, and pack folders holding them, for diff and trend tests.
public enum ResultsFixture {
    public static func date(_ text: String) -> Date { ISO8601.parse(text)! }

    public static func control(
        _ id: String, _ status: ControlStatus, rules: [String] = ["R1"],
        method: ControlMapping.Method = .rules, findings: [String] = [], missing: [InputKind] = []
    ) -> ControlResult {
        ControlResult(
            id: id, title: "Control \(id)", status: status, method: method, rules: rules,
            rationale: "test", findings: findings, missingInputs: missing)
    }

    public static func finding(
        _ id: String, rule: String = "R1", severity: Severity = .high,
        subject: String = "arn:aws:iam::111122223333:role/deploy",
        waiver: WaiverApplication? = nil
    ) -> Finding {
        Finding(
            id: id, rule: rule, severity: severity, subject: subject, environment: "production",
            summary: "summary of \(id)", waiver: waiver)
    }

    public static func waiver(_ id: String, expires: String, state: WaiverRecord.State, findings: [String] = [])
        -> WaiverRecord
    {
        WaiverRecord(
            id: id, rule: "R1", identityPattern: "arn:aws:iam::*:role/deploy", justification: "test",
            owner: "platform", approvedBy: "ciso", expires: date(expires), state: state, matchedFindings: findings)
    }

    /// Frameworks are given as id → controls and written sorted by id.
    public static func document(
        generatedAt: String = "2026-10-01T00:00:00Z", schemaVersion: String = ResultsDocument.currentSchemaVersion,
        organisation: String = "Northwind Freight", mappingDigest: String = "sha256:aaaa",
        policyDigest: String = "sha256:bbbb",
        frameworks: [String: [ControlResult]] = [:], findings: [Finding] = [], waivers: [WaiverRecord] = [],
        metrics: Metrics = Metrics()
    ) -> ResultsDocument {
        ResultsDocument(
            schemaVersion: schemaVersion, tool: .init(name: "nhi-audit", version: "0.1.0"),
            generatedAt: date(generatedAt),
            scope: Scope(organisation: organisation), mappingDigest: mappingDigest, policyDigest: policyDigest,
            metrics: metrics,
            frameworks: frameworks.keys.sorted().map {
                FrameworkAssessment(framework: $0, title: $0, version: "1", controls: frameworks[$0]!)
            },
            findings: findings, ruleEvaluations: [], waivers: waivers, attestations: [], authority: [],
            unclassifiedActions: [], ledger: IngestLedger())
    }

    /// Writes `folder/name/results.json` (and manifest.json when given) and returns the pack folder.
    @discardableResult
    public static func writePack(
        _ document: ResultsDocument, in folder: URL, name: String,
        manifest: [String: String]? = nil
    ) throws -> URL {
        let pack = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: pack, withIntermediateDirectories: true)
        try NHIJSON.encoder().encode(document).write(to: pack.appendingPathComponent("results.json"))
        if let manifest {
            try JSONSerialization.data(withJSONObject: manifest, options: [.sortedKeys])
                .write(to: pack.appendingPathComponent("manifest.json"))
        }
        return pack
    }
}
