import Foundation
import NHIModel
import NHIPack
import Testing
import TestSupport

@Suite struct DiffRendererTests {
    typealias F = ResultsFixture
    static let hostile = "<script>alert('x')</script>&\"|*_`\u{1B}[31m"

    func sample(subject: String = "arn:aws:iam::111122223333:role/deploy") throws -> PackDiff {
        let old = F.document(
            generatedAt: "2026-07-01T00:00:00Z",
            frameworks: [
                "owasp-nhi": [
                    F.control("NHI1", .satisfied), F.control("NHI2", .notSatisfied), F.control("NHI3", .satisfied),
                ]
            ],
            findings: [F.finding("f-old", severity: .low), F.finding("f-keep")],
            waivers: [F.waiver("W1", expires: "2026-09-30", state: .active, findings: ["f-keep"])],
            metrics: Metrics(nhisInScope: 4, owned: 2))
        let new = F.document(
            frameworks: [
                "owasp-nhi": [
                    F.control("NHI1", .notSatisfied), F.control("NHI2", .satisfied), F.control("NHI3", .notAssessed),
                ]
            ],
            findings: [F.finding("f-new", severity: .critical, subject: subject), F.finding("f-keep")],
            waivers: [F.waiver("W1", expires: "2026-09-30", state: .expired, findings: ["f-keep"])],
            metrics: Metrics(nhisInScope: 5, owned: 4))
        return try PackDiff(old: old, new: new)
    }

    @Test func htmlEscapesHostileSubjectNames() throws {
        let html = DiffHTMLRenderer().render(try sample(subject: Self.hostile))
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;"))
        #expect(!html.contains("\u{1B}"))
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("http://") && !html.contains("https://"))
    }

    @Test func markdownEscapesHostileSubjectNamesAndKeepsTableRowsWhole() throws {
        let markdown = DiffMarkdownRenderer().render(try sample(subject: Self.hostile + "\nnext | row"))
        #expect(!markdown.contains("<script>"))
        #expect(markdown.contains("&lt;script&gt;"))
        let row = try #require(markdown.split(separator: "\n").first { $0.contains("f-new") || $0.contains("f\\-new") })
        #expect(row.contains("next \\| row"))
        #expect(row.contains("\\*\\_\\`"))
    }

    @Test func textHasNoColourUnlessAskedAndEscapesControlCharacters() throws {
        let diff = try sample(subject: Self.hostile)
        let plain = DiffTextRenderer(colour: false).render(diff)
        #expect(!plain.contains("\u{1B}"))
        #expect(plain.contains("\\e[31m"))
        #expect(plain.contains("regressed") && plain.contains("NHI1") && plain.contains("satisfied → not-satisfied"))
        let coloured = DiffTextRenderer(colour: true).render(diff)
        #expect(coloured.contains("\u{1B}[31m"))
    }

    @Test func textNamesEveryCategory() throws {
        let text = DiffTextRenderer().render(try sample())
        for expected in [
            "regressed", "coverage lost", "closed", "new", "persisting", "resolved", "expired", "W1", "NHIs in scope",
            "+1", "+30.0 pts",
        ] {
            #expect(text.contains(expected), "missing \(expected)")
        }
    }

    @Test func jsonHasTheDocumentedShape() throws {
        let json = try DiffJSONRenderer().render(try sample())
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let controls = try #require(object["controls"] as? [String: Any])
        for key in ["regressed", "closed", "coverageGained", "coverageLost", "stillFailing"] {
            #expect(controls[key] is [Any], "controls.\(key)")
        }
        let regressed = try #require((controls["regressed"] as? [[String: Any]])?.first)
        #expect(regressed["framework"] as? String == "owasp-nhi")
        #expect(regressed["id"] as? String == "NHI1")
        #expect(regressed["from"] as? String == "satisfied")
        #expect(regressed["to"] as? String == "not-satisfied")
        let findings = try #require(object["findings"] as? [String: Any])
        #expect(Set(findings.keys) == ["new", "resolved", "persisting"])
        let waivers = try #require(object["waivers"] as? [String: Any])
        #expect((waivers["expired"] as? [[String: Any]])?.first?["id"] as? String == "W1")
        #expect(waivers["added"] is [Any])
        #expect(object["metrics"] is [[String: Any]])
    }

    @Test func outputIsDeterministic() throws {
        for format in DiffFormat.allCases {
            #expect(try format.render(try sample()) == format.render(try sample()))
        }
    }

    @Test func previousPackSummaryListsWhatNeedsAttention() throws {
        let summary = PreviousPackSummary(try sample())
        #expect(summary.hasRegression)
        #expect(summary.attention.map(\.label) == ["Regressed", "Coverage lost", "New finding", "Waiver expired"])
        #expect(summary.counts.first { $0.label == "controls closed" }?.count == 1)
        #expect(summary.previousGeneratedAt == "2026-07-01T00:00:00Z")
    }
}

/// Bidi controls (U+202E shows "exe.gpj" as "jpg.exe") are made visible in every diff format.
@Suite struct DiffBidiTests {
    @Test func bidiControlsAreVisibleInTextMarkdownAndHTML() throws {
        let diff = try DiffRendererTests().sample(subject: "deploy\u{202E}gpj.exe\u{2066}")
        let text = DiffTextRenderer(colour: false).render(diff)
        #expect(text.contains("deploy\\u{202E}gpj.exe\\u{2066}") && !text.contains("\u{202E}"))
        let markdown = DiffMarkdownRenderer().render(diff)
        #expect(markdown.contains("deploy\\[U+202E\\]gpj.exe\\[U+2066\\]") && !markdown.contains("\u{202E}"))
        let html = DiffHTMLRenderer().render(diff)
        #expect(html.contains("deploy[U+202E]gpj.exe[U+2066]") && !html.contains("\u{202E}"))
    }
}
