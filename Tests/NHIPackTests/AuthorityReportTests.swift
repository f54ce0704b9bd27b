import Foundation
#if canImport(FoundationXML)
    import FoundationXML
#endif
import NHIModel
import NHIPack
import Testing
import TestSupport

/// The authority section's accountability table, timelines and granted-versus-used grid, rendered
/// from a results document holding hostile names.
@Suite struct AuthorityReportTests {
    static let hostile = SampleResults.hostile
    static let t0 = ISO8601.parse("2026-09-10T03:00:00Z")!

    static func document() -> ResultsDocument {
        var doc = SampleResults.document()
        let stranger = IdentityID("arn:aws:iam::111122223333:role/\(hostile)")
        let timeline = AuthorityTimeline(
            kind: .incident, id: "INC-\(hostile)", environments: ["prod"], start: t0.addingTimeInterval(-1800),
            end: t0.addingTimeInterval(3 * 3600), windowStart: t0, windowEnd: t0.addingTimeInterval(2 * 3600),
            rows: [
                .init(
                    identity: stranger, name: hostile, named: false,
                    marks: [
                        .init(time: t0.addingTimeInterval(600), authorityClass: .operations, action: "rds:\(hostile)")
                    ], omittedMarks: 4),
                .init(
                    identity: IdentityID(SampleResults.deployRole), name: "deploy", named: true,
                    marks: [
                        .init(
                            time: t0.addingTimeInterval(-900), authorityClass: .delivery,
                            action: "cloudformation:UpdateStack"),
                        .init(
                            time: t0.addingTimeInterval(1200), authorityClass: .identityAdmin,
                            action: "iam:CreateAccessKey"),
                    ]),
            ], omittedRows: 7)
        let environment = EnvironmentAccountability(
            environment: "prod",
            entries: [
                .init(role: .recovered, actor: stranger.rawValue, name: hostile, calls: 2, under: [], uncovered: 2),
                .init(
                    role: .delivered, actor: SampleResults.deployRole, name: "deploy", calls: 9,
                    under: ["CHG-1", "CHG-2"], uncovered: 0),
                .init(
                    role: .approved, actor: "lee@example.com", name: "lee@example.com", calls: 0, under: ["CHG-1"],
                    uncovered: 0),
            ],
            omittedEntries: 3, logFiles: ["verified": 3, "changed": 1], unprovenSources: ["Kubernetes audit log"])
        doc.authorityView = AuthorityView(
            environments: [environment, EnvironmentAccountability(environment: "prod-2", entries: [])],
            timelines: [timeline], omittedTimelines: 5)
        doc.authority.append(
            AuthoritySummary(
                identity: IdentityID("arn:aws:iam::777766665555:role/contractor"), name: "contractor",
                environments: ["prod"], delivery: 2,
                operations: 0, identityAdmin: 0, read: 0, canDeliver: true, canOperate: true, dualUse: false,
                canAdminister: false, inInventory: false, outsideScope: true))
        return doc
    }

    static func render(_ doc: ResultsDocument) throws -> String {
        let root = try Fixtures.temporaryFolder("authority-report")
        defer { try? FileManager.default.removeItem(at: root) }
        let inputs = try SampleResults.inputs(in: root.appendingPathComponent("evidence"))
        let pack = root.appendingPathComponent("pack")
        _ = try PackWriter.write(
            results: doc, catalogs: SampleResults.catalogs(), inputFiles: inputs, to: pack,
            options: SampleResults.options())
        return try String(contentsOf: pack.appendingPathComponent(PackLayout.html), encoding: .utf8)
    }

    static func svgs(_ html: String) -> [String] {
        var result: [String] = []
        var rest = html[...]
        while let start = rest.range(of: "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"authority-timeline\""),
            let end = rest[start.lowerBound...].range(of: "</svg>")
        {
            result.append(String(rest[start.lowerBound..<end.upperBound]))
            rest = rest[end.upperBound...]
        }
        return result
    }

    @Test func timelineIsWellFormedEscapedSVGWithLegendAndTitles() throws {
        let html = try Self.render(Self.document())
        let svgs = Self.svgs(html)
        #expect(svgs.count == 1)
        let svg = try #require(svgs.first)
        // Well-formed XML: every name, action and id from the evidence was escaped.
        let parser = XMLParser(data: Data(svg.utf8))
        #expect(parser.parse(), "the timeline SVG does not parse: \(String(describing: parser.parserError))")
        #expect(!svg.contains(SampleResults.script) && !svg.contains("<script"), "a name reached the SVG unescaped")
        #expect(!svg.contains("\u{1}"), "a control character reached the SVG")
        #expect(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt; &quot;dq&quot; &#39;sq&#39; R&amp;D"))
        #expect(svg.contains("<title>Incident INC-&lt;script&gt;"), "the chart has an accessible title")
        for mark in ["class=\"mark operations\"", "class=\"mark delivery\"", "class=\"mark identity-admin\""] {
            #expect(svg.contains(mark), "\(mark) missing")
        }
        #expect(
            svg.contains("deploy: cloudformation:UpdateStack (delivery) at 2026-09-10T02:45:00Z"),
            "each mark has a title")
        for legend in [">delivery</text>", ">operations</text>", ">identity admin</text>", ">incident open</text>"] {
            #expect(svg.contains(legend), "legend \(legend) missing")
        }
        #expect(svg.contains("class=\"declared\""), "the declaration is marked")
        #expect(!svg.contains("<script") && !svg.contains("href="), "no script, no external reference")
        #expect(html.contains("Not drawn: 7 more identities and 4 more calls"))
        #expect(html.contains("5 more production change windows with calls are not drawn"))
        #expect(
            html.contains("Not named by the record: <bdi>&lt;script&gt;"), "the caption names who the record does not")
    }

    @Test func accountabilityShowsWhoUnderWhatAndLogIntegrity() throws {
        let html = try Self.render(Self.document())
        let section = try #require(html.range(of: "id=\"accountability\"").map { String(html[$0.lowerBound...]) })
        #expect(section.contains("CloudTrail: 3 of 4 log files verified by a signed digest; 1 changed after delivery"))
        #expect(section.contains("Kubernetes audit log: no integrity proof"))
        #expect(
            section.contains("CloudTrail: no digest files in the evidence"), "an environment without digests says so")
        #expect(section.contains("Recovered while an incident was open"))
        #expect(section.contains("<td>CHG-1, CHG-2</td>"))
        #expect(section.contains("<strong class=\"outside\">2</strong>"), "calls outside every record are counted")
        #expect(section.contains("Approved the changes") && section.contains("lee@example.com"))
        #expect(section.contains("3 more identities or approvers not listed"))
        #expect(!section.contains(SampleResults.script))
        let recovered = try #require(section.range(of: "Recovered while an incident was open"))
        let delivered = try #require(section.range(of: "Delivered (deployments"))
        #expect(delivered.lowerBound < recovered.lowerBound, "roles come in a fixed order")
    }

    @Test func gridAndTableFlagLatentDualUseAndKeepForeignIdentities() throws {
        let html = try Self.render(Self.document())
        let grid = try #require(html.range(of: "id=\"granted-used\"").map { String(html[$0.lowerBound...]) })
        let row = try #require(grid.components(separatedBy: "<tr>").first { $0.contains("role/contractor") })
        #expect(row.contains("latent dual use"))
        #expect(
            row.contains(
                "<td class=\"cell granted-used\">granted, used</td><td class=\"cell granted-unused\">granted, unused</td>"
            ), "\(row)")
        let deploy = try #require(grid.components(separatedBy: "<tr>").first { $0.contains("role/deploy</code>") })
        #expect(!deploy.contains("latent dual use") && deploy.contains("dual use"), "used both: dual use, not latent")
        let table = try #require(
            html.range(of: "id=\"authority\"").map {
                String(html[$0.lowerBound..<(html.range(of: "id=\"accountability\"")!.lowerBound)])
            })
        #expect(
            table.contains(
                "<strong>May deliver</strong> and <strong>May operate</strong> say what the identity's grants allow"))
        // The first page's HTML row (the table's data, in the script element above it, has it too).
        let contractor = try #require(
            table.components(separatedBy: "<tr").first { $0.contains("role/contractor</code>") })
        #expect(
            contractor.contains("not in any inventory") && contractor.contains("outside the declared scope")
                && contractor.contains("latent dual use"), "\(contractor)")
    }

    @Test func resultsWithoutAuthorityViewRenderWithoutTheNewParts() throws {
        var doc = Self.document()
        doc.authorityView = nil
        let html = try Self.render(doc)
        #expect(!html.contains("id=\"accountability\"") && !html.contains("class=\"authority-timeline\""))
        #expect(html.contains("id=\"granted-used\""), "the grid needs only the authority rows")
    }
}
