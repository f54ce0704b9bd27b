import Foundation
import NHIModel
import NHIPack
import TestSupport
import Testing

/// The report as an auditor's workpaper: each finding's owner, first-reported date, due date,
/// remediation and control links; the previous pack itemised; findings.csv beside it.
@Suite struct WorkpaperReportTests {
    static let periodEnd = ISO8601.parse("2026-09-30T00:00:00Z")!

    /// The sample pack with an identity inventory and a previous pack (period 2026-Q2) that
    /// reported `f-dual` and a finding since resolved.
    static func write(generatedAt: Date = SampleResults.generatedAt) throws -> (
        html: String, csv: String, manifest: String, root: URL
    ) {
        let root = try Fixtures.temporaryFolder("nhi-workpaper-test")
        var doc = SampleResults.document()
        doc.generatedAt = generatedAt
        doc.identities = [
            IdentitySummary(
                id: IdentityID(SampleResults.deployRole), name: "deploy", platform: .aws, kind: .role,
                environments: ["prod"], owner: "ops@example.test", purpose: .delivery,
                lastUsedAt: ISO8601.parse("2026-09-20T00:00:00Z")),
            IdentitySummary(
                id: IdentityID(SampleResults.breakGlass), name: "ops/break-glass", platform: .kubernetes,
                kind: .serviceAccount, owner: "sre@example.test", purpose: .breakGlass),
            IdentitySummary(
                id: IdentityID(SampleResults.hostileIdentity), name: SampleResults.hostile, platform: .aws, kind: .role,
                credentials: [
                    CredentialSummary(
                        id: "AKIAEXAMPLE", kind: .accessKey, active: true,
                        issuedAt: ISO8601.parse("2025-08-26T00:00:00Z"), lastUsedAt: nil, expiresAt: nil)
                ]),
        ]
        doc.findings = doc.findings.map { finding in
            var finding = finding
            if finding.id == "f-admin" { finding.summary = "=HYPERLINK(\"http://x.test\",\"click\")" }
            return finding
        }
        var previous = SampleResults.document()
        previous.scope.periodStart = ISO8601.parse("2026-04-01T00:00:00Z")
        previous.scope.periodEnd = ISO8601.parse("2026-06-30T23:59:59Z")
        previous.generatedAt = ISO8601.parse("2026-07-01T12:00:00Z")!
        previous.findings =
            previous.findings.filter { $0.id == "f-dual" }
            + [
                Finding(
                    id: "f-gone", rule: "stale-identity", severity: .low,
                    subject: "arn:aws:iam::111122223333:user/legacy-ftp-sync",
                    summary: "Unused for 120 days")
            ]
        var options = SampleResults.options()
        options.previousResults = previous
        options.previousManifestDigest = String(repeating: "c", count: 64)
        options.remediationDays = ["critical": 7, "high": 30, "medium": 90, "low": 180, "info": 365]
        let pack = root.appendingPathComponent("pack")
        _ = try PackWriter.write(
            results: doc, catalogs: SampleResults.catalogs(),
            inputFiles: try SampleResults.inputs(in: root.appendingPathComponent("evidence")), to: pack,
            options: options)
        func text(_ path: String) throws -> String {
            String(decoding: try Data(contentsOf: pack.appendingPathComponent(path)), as: UTF8.self)
        }
        return (try text(PackLayout.html), try text(PackLayout.findingsCSV), try text(PackLayout.manifest), root)
    }

    /// The text of one finding's card.
    static func card(_ id: String, in html: String) throws -> Substring {
        let start = try #require(html.range(of: "id=\"f-\(id)\""))
        let end = try #require(html[start.upperBound...].range(of: "</div>"))
        return html[start.lowerBound..<end.lowerBound]
    }

    @Test func everyFindingShowsOwnerDatesRemediationAndControls() throws {
        let (html, _, _, root) = try Self.write()
        defer { try? FileManager.default.removeItem(at: root) }
        let dual = try Self.card("f-dual", in: html)
        #expect(dual.contains("ops@example.test"))
        // Reported by the previous pack at its period end: due 7 days later, overdue at this period's end.
        #expect(dual.contains("2026-06-30 (open 91 days at the period end)"))
        #expect(dual.contains("2026-07-07 <span class=\"flag\">overdue</span>"))
        #expect(dual.contains("<dt>Last use</dt><dd>2026-09-20</dd>"))
        #expect(dual.contains("href=\"#owasp-nhi-2025-NHI1:2025\"") && dual.contains("href=\"#nist-csf-2.0-PR.AA-05\""))
        let key = try Self.card("f-key", in: html)
        #expect(key.contains("<span class=\"no-owner\">no owner</span>"))
        #expect(key.contains("2026-09-30 (new in this pack)") && key.contains("2026-10-30"), "\(key)")
        let admin = try Self.card("f-admin", in: html)
        #expect(admin.contains("purpose: break-glass: expected by design (owners.csv)"))
        let stale = try Self.card("f-stale", in: html)
        #expect(stale.contains("no owner (not an inventoried identity)"))
        // Full SHA-256, not a prefix in a tooltip.
        #expect(dual.contains("<code class=\"hash\">\(SampleResults.sha("aws/cloudtrail/2026-09.json"))</code>"))
    }

    @Test func sincePreviousItemisesAndNamesThePreviousPack() throws {
        let (html, _, _, root) = try Self.write()
        defer { try? FileManager.default.removeItem(at: root) }
        let section = try #require(html.range(of: "<section id=\"since-previous\">"))
        let text = html[section.upperBound...]
        #expect(text.contains("the pack of <strong>2026-Q2</strong>"))
        #expect(text.contains(String(repeating: "c", count: 64)), "the previous manifest digest")
        let resolved = try #require(text.range(of: "id=\"resolved-findings\""))
        #expect(text[resolved.upperBound...].prefix(2000).contains("legacy-ftp-sync"), "a resolved finding is itemised")
        let persisting = try #require(text.range(of: "id=\"persisting-findings\""))
        #expect(text[persisting.upperBound...].prefix(600).contains("f-dual"))
    }

    @Test func findingsCSVHasEveryFindingWithFormulasNeutralised() throws {
        let (_, csv, manifest, root) = try Self.write()
        defer { try? FileManager.default.removeItem(at: root) }
        let lines = csv.split(separator: "\n")
        #expect(
            lines.first
                == "id,severity,state,rule,subject,name,environment,owner,purpose,first_reported,age_days,due,overdue,last_use,controls,summary,remediation,waiver,evidence"
        )
        #expect(lines.count == 6)
        #expect(
            csv.contains("\"'=HYPERLINK(\"\"http://x.test\"\",\"\"click\"\")\""), "a formula is prefixed and quoted")
        #expect(!csv.contains(",=HYPERLINK"))
        let dual = try #require(lines.first { $0.hasPrefix("f-dual,") })
        #expect(dual.contains("ops@example.test") && dual.contains("2026-07-07,yes"))
        #expect(dual.contains("sha256:\(SampleResults.sha("aws/cloudtrail/2026-09.json"))"))
        #expect(manifest.contains("\"path\" : \"findings.csv\""))
    }

    @Test func aPackGeneratedBeforeItsPeriodEndsOrBeforeTheUseItCitesSaysSo() throws {
        let early = try Self.write(generatedAt: ISO8601.parse("2026-09-15T00:00:00Z")!)
        defer { try? FileManager.default.removeItem(at: early.root) }
        #expect(
            early.html.contains(
                "This pack was generated at 2026-09-15T00:00:00Z, before its period ends (2026-09-30T00:00:00Z)"))
        #expect(
            early.html.contains(
                "The evidence records use by 1 identity after this pack&#39;s generation time (latest 2026-09-20T00:00:00Z)"
            ))
        let onTime = try Self.write()
        defer { try? FileManager.default.removeItem(at: onTime.root) }
        #expect(!onTime.html.contains("class=\"notice timing\""))
    }

    @Test func manualControlsWithoutAttestationAreOneGroup() throws {
        let (html, _, _, root) = try Self.write()
        defer { try? FileManager.default.removeItem(at: root) }
        let csf = try #require(html.range(of: "<section id=\"fw-nist-csf-2.0\""))
        let section = html[csf.upperBound...].prefix { _ in true }
        let end = try #require(section.range(of: "</section>"))
        let table = section[..<end.lowerBound]
        #expect(table.contains("<strong>1 manual controls not assessed</strong>"))
        #expect(!table.contains("<tr id=\"nist-csf-2.0-GV.RR-02\""), "not a row of its own")
        #expect(table.contains("<span id=\"nist-csf-2.0-GV.RR-02\"><strong>GV.RR-02</strong>"))
    }
}
