import Foundation
import NHIModel
import NHIPack
import TestSupport
import Testing

/// The report at organisation scale: 10,000 identities with a finding each, rendered in process.
/// The page carries the summary, the groups, the first page of each table and the tables' data
/// once; it stays small enough to open at once (the load time in Chromium is measured by
/// scripts/bench-pipeline.sh BROWSER=1).
@Suite struct ScaleReportTests {
    static let identities = 10_000
    /// index.html bytes per finding (with its identity in the inventory appendix): about 0.5 KB
    /// are measured; the bound leaves room for longer names and summaries, not for a per-finding block.
    static let bytesPerFinding = 1_000

    static func document() -> ResultsDocument {
        var doc = SampleResults.document()
        let rules = ["dual-use-authority", "long-lived-credential", "stale-identity", "overprivileged-identity"]
        let severities: [Severity] = [.critical, .high, .medium, .low]
        let evidence = EvidenceRef(
            file: "aws/credential-report.csv", sha256: SampleResults.sha("aws/credential-report.csv"), line: 2)
        doc.identities = (0..<identities).map { index in
            IdentitySummary(
                id: IdentityID("arn:aws:iam::111122223333:role/svc-\(index)"), name: "svc-\(index)", platform: .aws,
                kind: .role,
                environments: ["prod"], owner: index % 5 == 0 ? nil : "team-\(index % 40)@example.test",
                lastUsedAt: ISO8601.parse("2026-09-01T00:00:00Z"),
                credentials: [
                    CredentialSummary(
                        id: "AKIA\(index)", kind: .accessKey, active: true,
                        issuedAt: ISO8601.parse("2025-01-01T00:00:00Z"), lastUsedAt: nil, expiresAt: nil)
                ])
        }
        doc.findings = (0..<identities).map { index in
            Finding(
                id: String(format: "NHI-%012x", index), rule: rules[index % rules.count],
                severity: severities[index % severities.count],
                subject: "arn:aws:iam::111122223333:role/svc-\(index)", environment: "prod",
                summary: "svc-\(index) breaks \(rules[index % rules.count])", evidence: [evidence])
        }
        doc.authority = (0..<identities).map { index in
            AuthoritySummary(
                identity: IdentityID("arn:aws:iam::111122223333:role/svc-\(index)"), name: "svc-\(index)",
                environments: ["prod"], delivery: index % 3, operations: index % 2, identityAdmin: 0, read: index,
                canDeliver: true, canOperate: index % 2 == 1, dualUse: index % 6 == 5)
        }
        doc.waivers = doc.waivers.map {
            var waiver = $0; waiver.matchedFindings = []; return waiver
        }
        doc.frameworks = doc.frameworks.map { framework in
            var framework = framework
            framework.controls = framework.controls.map { control in
                var control = control
                control.findings = doc.findings.filter { control.rules.contains($0.rule) }.map(\.id)
                if !control.findings.isEmpty && control.method == .rules { control.status = .notSatisfied }
                return control
            }
            return framework
        }
        return doc
    }

    @Test func tenThousandIdentitiesGiveASummaryGroupsAndTableDataOfBoundedSize() throws {
        let root = try Fixtures.temporaryFolder("nhi-scale-report")
        defer { try? FileManager.default.removeItem(at: root) }
        let pack = root.appendingPathComponent("pack")
        _ = try PackWriter.write(
            results: Self.document(), catalogs: SampleResults.catalogs(),
            inputFiles: try SampleResults.inputs(in: root.appendingPathComponent("evidence")), to: pack,
            options: SampleResults.options())
        let data = try Data(contentsOf: pack.appendingPathComponent(PackLayout.html))
        let html = String(decoding: data, as: UTF8.self)
        #expect(data.count < Self.identities * Self.bytesPerFinding, "index.html is \(data.count) bytes")

        #expect(
            html.contains("2500 critical and 2500 high findings are open (10000 open of 10000)"), "the posture sentence"
        )
        #expect(
            html.contains("… and 2490 more critical findings"),
            "ten critical findings on the first screen, the rest counted")
        for rule in ["dual-use-authority", "long-lived-credential", "stale-identity", "overprivileged-identity"] {
            #expect(html.contains("<tr><td><code>\(rule)</code>"), "a group row for \(rule)")
        }
        #expect(html.contains("and 2492 more"), "a rule's group links its first findings and counts the rest")
        #expect(!html.contains("<div class=\"finding"), "no card per finding at this size")

        let findings = try Self.tableData("findings-data", in: html)
        #expect(findings.count == Self.identities)
        #expect(findings.allSatisfy { $0.count == 16 })
        #expect(Set(findings.map { $0[13] as? String ?? "" }).count == 4, "one set of controls per rule")
        #expect(findings.contains { ($0[13] as? String)?.contains("nist-csf-2.0 PR.AA-05") == true })
        let shared = try #require(
            try JSONSerialization.jsonObject(with: Self.scriptData("findings-data", in: html)) as? [String: Any])
        #expect((shared["strings"] as? [String])?.count ?? 0 < 100, "texts findings repeat are written once")
        #expect(try Self.tableData("identities-data", in: html).count == Self.identities)
        #expect(try Self.tableData("by-identity-data", in: html).count == Self.identities)
        let authority = try Self.tableData("authority-data", in: html)
        #expect(authority.count == Self.identities)
        #expect(authority.prefix(1666).allSatisfy { $0[9] as? String == "dual use" }, "dual use first")
        #expect(authority.dropFirst(1666).allSatisfy { $0[9] as? String != "dual use" })
        // The authority table's first page is HTML; the other identities are in the data only.
        let authorityTable = try #require(html.range(of: "<table class=\"authority\">"))
        let authorityRows = html[authorityTable.upperBound...].prefix { _ in true }
        let authorityEnd = try #require(authorityRows.range(of: "</tbody>"))
        #expect(authorityRows[..<authorityEnd.lowerBound].components(separatedBy: "<tr").count - 2 == 25)
        #expect(html.contains("The first 25 of 10000 identities are shown, dual use first"))
        // Each list's first page is HTML, for a reader without JavaScript.
        let byIdentity = try #require(html.range(of: "id=\"by-identity-data\""))
        let firstPage = html[byIdentity.upperBound...].prefix { _ in true }
        let tbody = try #require(firstPage.range(of: "<tbody>")), end = try #require(firstPage.range(of: "</tbody>"))
        #expect(firstPage[tbody.upperBound..<end.lowerBound].components(separatedBy: "<tr>").count - 1 == 25)
        // A control links at most 25 of its findings by id and counts the rest.
        #expect(html.contains("and 4975 more (search the findings table for PR.AA-05)"))
        #expect(html.contains("Affected identities (5000): "), "and names the first 25 of its affected identities")
    }

    static func scriptData(_ id: String, in html: String) throws -> Data {
        let open = try #require(html.range(of: "<script type=\"application/json\" id=\"\(id)\">"))
        let close = try #require(html[open.upperBound...].range(of: "</script>"))
        return Data(html[open.upperBound..<close.lowerBound].utf8)
    }

    /// A table's rows with the shared texts put back in place of their indexes, as the script does.
    static func tableData(_ id: String, in html: String) throws -> [[Any]] {
        let data = try #require(try JSONSerialization.jsonObject(with: scriptData(id, in: html)) as? [String: Any])
        let strings = try #require(data["strings"] as? [String]), shared = try #require(data["shared"] as? [Int])
        return try #require(data["rows"] as? [[Any]]).map { row in
            var row = row
            for column in shared { row[column] = strings[row[column] as! Int] }
            return row
        }
    }
}
