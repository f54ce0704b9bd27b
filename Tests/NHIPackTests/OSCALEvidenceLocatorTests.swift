import NHIModel
@testable import NHIPack
import Testing

/// `OSCALEvidenceLocator.text` writes a reference's locator in one string of its length: it must
/// equal `EvidenceRef.locator` for any reference.
@Suite struct OSCALEvidenceLocatorTests {
    @Test func edgeReferencesGiveTheirLocator() {
        let refs = [
            EvidenceRef(file: "", sha256: ""),
            EvidenceRef(file: "a.csv", sha256: "", line: 0),
            EvidenceRef(file: "a.csv", sha256: "", line: 9, record: 10),
            EvidenceRef(file: "trail.json", sha256: "", record: Int.max, pointer: ""),
            EvidenceRef(file: "trail.json", sha256: "", line: -1, record: 7),
            EvidenceRef(file: "trail.json", sha256: "", line: 3, record: Int.min),
            EvidenceRef(file: "k8s/rbac.yaml", sha256: "", pointer: "/items/3/metadata"),
            EvidenceRef(file: "dossier/é 日本.json", sha256: "", line: 99_999, record: 100_000, pointer: "/ä/\u{301}"),
        ]
        for ref in refs { #expect(OSCALEvidenceLocator.text(ref) == ref.locator) }
    }

    @Test func randomReferencesGiveTheirLocator() {
        let pieces = ["a", "/", "é", "日本", " ", ":", "#", "\u{301}", "0", "x.json"]
        var generator = SystemRandomNumberGenerator()
        func text() -> String {
            (0..<Int.random(in: 0...6, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }
                .joined()
        }
        func number() -> Int? {
            switch Int.random(in: 0..<5, using: &generator) {
            case 0: nil
            case 1: Int.random(in: 0...9, using: &generator)
            case 2: Int.random(in: -20...(-1), using: &generator)
            case 3: Int.random(in: 0...Int.max, using: &generator)
            default: Int(10).power(Int.random(in: 0...18, using: &generator)) - Int.random(in: 0...1, using: &generator)
            }
        }
        for _ in 0..<20_000 {
            let ref = EvidenceRef(
                file: text(), sha256: "", line: number(), record: number(), pointer: Bool.random() ? nil : text())
            #expect(OSCALEvidenceLocator.text(ref) == ref.locator)
        }
    }
}

extension Int {
    fileprivate func power(_ exponent: Int) -> Int { (0..<exponent).reduce(1) { product, _ in product * self } }
}
