import Foundation
import NHIModel
import NHIPack
import Testing

@Suite struct EscapingTests {
    @Test func hostileStringsAppearOnlyEscapedInHTML() throws {
        let fixture = try PackFixture()
        defer { fixture.remove() }
        let html = try fixture.text(PackLayout.html)
        #expect(!html.contains(SampleResults.script))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("&quot;dq&quot;"))
        #expect(html.contains("&#39;sq&#39;"))
        #expect(html.contains("R&amp;D"))
        #expect(!html.contains("R&D"))
        #expect(!html.contains("\"dq\""))
        #expect(!html.contains("\u{1}"))
        // The one executable script is the report's own optional table and print helper; the
        // others are table data, where every `<` of an input is a JSON escape.
        #expect(html.components(separatedBy: "<script>").count == 2)
        #expect(html.contains("<script>\n/* Optional"))
        let dataScripts = html.components(separatedBy: "<script type=\"application/json\"").count - 1
        #expect(dataScripts >= 2, "findings by identity and all findings")
        #expect(html.contains("\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"))
        #expect(html.components(separatedBy: "</script>").count == dataScripts + 2, "no input closes a script element")
    }

    @Test func hostileStringsAppearOnlyEscapedInXML() throws {
        let fixture = try PackFixture()
        defer { fixture.remove() }
        for path in [PackLayout.xml, PackLayout.oscalXML] {
            let xml = try fixture.text(path)
            #expect(!xml.contains(SampleResults.script), "\(path)")
            #expect(xml.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "\(path)")
            #expect(!xml.contains("\u{1}"), "\(path)")
            #expect(xml.contains("\u{FFFD}"), "\(path): control characters are replaced visibly")
        }
    }

    @Test func oscalJSONMarkupCannotCarryRawHTML() throws {
        let fixture = try PackFixture()
        defer { fixture.remove() }
        let json = try JSONSerialization.jsonObject(with: fixture.data(PackLayout.oscalJSON)) as? [String: Any]
        let results = (json?["assessment-results"] as? [String: Any])?["results"] as? [[String: Any]]
        let observations = try #require(results?.first?["observations"] as? [[String: Any]])
        let hostile = try #require(
            observations.first { ($0["title"] as? String)?.hasPrefix("long-lived-credential") == true })
        let title = try #require(hostile["title"] as? String)
        #expect(title.contains(#"\<script\>alert(1)\</script\>"#))
        #expect(title.contains(#"R\&D"#))
        let description = try #require(hostile["description"] as? String)
        #expect(!description.replacingOccurrences(of: #"\<"#, with: "").contains("<"), "every < in Markdown is escaped")
        #expect(!(try fixture.text(PackLayout.oscalXML)).contains(#"\&lt;"#), "XML text carries no Markdown escapes")
    }

    @Test func reportIsSelfContained() throws {
        let fixture = try PackFixture()
        defer { fixture.remove() }
        let html = try fixture.text(PackLayout.html)
        for external in ["<link", "src=", "@import", "url(", "http://", "https://"] {
            #expect(!html.contains(external), "index.html must not reference \(external)")
        }
        #expect(html.contains("<style>"))
        #expect(html.contains("@media print"))
    }

    @Test func sanitizerReplacesCharactersXMLForbids() {
        #expect(TextSanitizer.xmlSafe("a\u{1}b\u{B}c\td\ne") == "a\u{FFFD}b\u{FFFD}c\td\ne")
        #expect(TextSanitizer.xmlSafe("plain ✓ 𝄞") == "plain ✓ 𝄞")
        #expect(TextSanitizer.singleLine("  two\n lines \u{1} ") == "two lines \u{FFFD}")
    }
}
