import NHIDetect
import Testing

@Suite struct FindingIDTests {
    @Test func fnv1aMatchesReferenceVectors() {
        #expect(FindingID.fnv1a64("") == 0xcbf2_9ce4_8422_2325)
        #expect(FindingID.fnv1a64("a") == 0xaf63_dc4c_8601_ec8c)
        #expect(FindingID.fnv1a64("foobar") == 0x8594_4171_f739_67e8)
    }

    @Test func idsHaveTheDocumentedShape() {
        let id = FindingID.make(
            rule: "dual-use-authority", subject: "arn:aws:iam::111122223333:role/deploy", scope: "production")
        #expect(id.range(of: "^NHI-[0-9a-f]{12}$", options: .regularExpression) != nil)
        #expect(
            id
                == FindingID.make(
                    rule: "dual-use-authority", subject: "arn:aws:iam::111122223333:role/deploy", scope: "production"))
    }

    @Test func ruleSubjectAndScopeAllMatter() {
        let base = FindingID.make(rule: "a", subject: "b", scope: "c")
        #expect(base != FindingID.make(rule: "x", subject: "b", scope: "c"))
        #expect(base != FindingID.make(rule: "a", subject: "x", scope: "c"))
        #expect(base != FindingID.make(rule: "a", subject: "b", scope: "x"))
        // The separator keeps "ab"+"c" apart from "a"+"bc".
        #expect(
            FindingID.make(rule: "r", subject: "ab", scope: "c") != FindingID.make(rule: "r", subject: "a", scope: "bc")
        )
    }
}
