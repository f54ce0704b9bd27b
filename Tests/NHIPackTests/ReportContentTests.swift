import Foundation
import TestSupport
import NHIModel
import NHIPack
import Testing

@Suite struct ReportContentTests {
    @Test func reportHasEverySection() throws {
        let fixture = try PackFixture()
        defer { fixture.remove() }
        let html = try fixture.text(PackLayout.html)
        for id in [
            "cover", "summary", "metrics", "authority", "fw-owasp-nhi-2025", "fw-nist-sp800-53r5", "findings",
            "waivers", "not-assessed", "ledger", "method",
        ] {
            #expect(html.contains("id=\"\(id)\""), "section \(id)")
        }
        #expect(html.contains(fixture.summary.resultsDigest), "cover shows the results.json SHA-256")
        #expect(html.contains("<svg class=\"bar\""))
        #expect(html.contains("ZT-* identifiers in this report are nhi-audit"))
        let attestationEvidence = try #require(html.range(of: "<h3>Attestation evidence</h3>"))
        #expect(
            html[attestationEvidence.upperBound...].contains("<code>notes/README.txt</code>"),
            "the attestation's evidence file is listed as attestation evidence")
        #expect(!html.contains("<h3>Files not read</h3>"), "not as a file not read")
        #expect(html.contains("aws/cloudtrail/2026-09.json#3"), "rejection locators are listed")
        #expect(html.contains("change records (changes.csv)"), "not-assessed controls name the missing input")
        #expect(!html.contains("nil"), "no Optional leaks into the report")
        #expect(html.contains("AWS 111122223333, Kubernetes prod-eu"), "environments name their accounts and clusters")
        #expect(
            html.contains("<th>Called by</th>") && html.contains("role/caller-&lt;script&gt;"),
            "unclassified actions name who called them")
        #expect(html.contains("Quarterly access review held"), "attestations are listed")
        #expect(
            html.contains("approved by ciso on <span class=\"approved\">2026-06-15</span>"),
            "a waiver shows its approval date")
        #expect(
            html.contains("<span class=\"approved undated\">date not recorded</span>"),
            "a waiver without an approval date says so instead of inventing one")
        #expect(html.contains(SampleResults.sha("notes/README.txt")), "with their evidence file's SHA-256")
        #expect(
            html.contains("<code>credential_max_age_days</code> 120"),
            "rule thresholds are listed with the value in force")
    }

    @Test func dualUseRowsComeFirstAndFindingsBySeverity() throws {
        let fixture = try PackFixture()
        defer { fixture.remove() }
        let html = try fixture.text(PackLayout.html)
        let authority = try #require(html.range(of: "id=\"authority\""))
        let tail = html[authority.upperBound...]
        let deploy = try #require(tail.range(of: "arn:aws:iam::111122223333:role/deploy"))
        let breakGlass = try #require(tail.range(of: "break-glass"))
        #expect(deploy.lowerBound < breakGlass.lowerBound)
        #expect(tail.range(of: "class=\"dual-use\"") != nil)

        let results = try NHIJSON.decoder().decode(ResultsDocument.self, from: fixture.data(PackLayout.results))
        #expect(results.findings.map(\.id) == ["f-dual", "f-key", "f-unowned", "f-stale", "f-admin"])
        #expect(results.findings == results.findings.sorted(by: Finding.reportOrder))
        #expect(results.authority.first?.dualUse == true)
    }

    @Test func resultsJSONRoundTrips() throws {
        let fixture = try PackFixture()
        defer { fixture.remove() }
        var decoded = try NHIJSON.decoder().decode(ResultsDocument.self, from: fixture.data(PackLayout.results))
        let periodEnd = try #require(decoded.scope.periodEnd)
        #expect(
            decoded.findings.allSatisfy { $0.firstReported == periodEnd },
            "without --previous each finding is first reported now")
        decoded.findings = decoded.findings.map {
            var finding = $0; finding.firstReported = nil; return finding
        }
        #expect(decoded == ReportOrder.normalised(SampleResults.document()))
    }

    @Test func templateOverrideReplacesOneTemplate() throws {
        let override = try TestSupportPaths.folder()
        defer { try? FileManager.default.removeItem(at: override) }
        try Data("<header id=\"cover\">OVERRIDDEN COVER {{organisation}}</header>".utf8)
            .write(to: override.appendingPathComponent("cover.mustache"))
        var options = SampleResults.options()
        options.templatesOverride = override
        let fixture = try PackFixture(options: options)
        defer { fixture.remove() }
        let html = try fixture.text(PackLayout.html)
        #expect(html.contains("OVERRIDDEN COVER Example &amp; Co"))
        #expect(html.contains("id=\"method\""), "templates not overridden still come from the default folder")
    }

    @Test func templateSyntaxErrorNamesFileAndPosition() throws {
        let override = try TestSupportPaths.folder()
        defer { try? FileManager.default.removeItem(at: override) }
        try Data("<p>ok</p>\n<p>{{#open}}never closed</p>\n".utf8).write(
            to: override.appendingPathComponent("metrics.mustache"))
        var options = SampleResults.options()
        options.templatesOverride = override
        let error = #expect(throws: PackError.self) { try PackFixture(options: options) }
        #expect(error?.description.contains("metrics.mustache:") == true, "\(String(describing: error))")
        #expect(error?.description.contains("template does not parse") == true)
    }

    @Test func missingPartialFailsAtStartUp() throws {
        let override = try TestSupportPaths.folder()
        defer { try? FileManager.default.removeItem(at: override) }
        try Data("<p>{{> no-such-partial}}</p>".utf8).write(to: override.appendingPathComponent("cover.mustache"))
        var options = SampleResults.options()
        options.templatesOverride = override
        let error = #expect(throws: PackError.self) { try PackFixture(options: options) }
        #expect(error?.description.contains("partial \"no-such-partial\" not found") == true)
        #expect(error?.description.contains("cover.mustache:1") == true)
    }
}

enum TestSupportPaths {
    static func folder() throws -> URL { try TestSupport.Fixtures.temporaryFolder("nhi-templates") }
}
