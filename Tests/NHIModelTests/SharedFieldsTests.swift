import Foundation
@testable import NHIModel
import Testing
import TestSupport

/// `Finding` and `Identity` keep their fields in one shared object. They must code, compare and
/// hash (and print) as the plain structs with the same fields (below, with synthesized conformances) and
/// stay values: a write to a copy leaves the original as it was.
@Suite struct SharedFieldsTests {
    @Test func findingsCodeAsPlainFields() throws {
        var random = SeededRandom(state: 21)
        for _ in 0..<300 {
            let plain = PlainFinding.random(&random)
            let finding = plain.finding
            try expectSameCoding(finding, plain)
            #expect(PlainFinding(finding) == plain)
            #expect("\(finding)" == "\(plain)".replacingOccurrences(of: "PlainFinding(", with: "Finding("))
        }
    }

    @Test func identitiesCodeAsPlainFields() throws {
        var random = SeededRandom(state: 22)
        for _ in 0..<300 {
            let plain = PlainIdentity.random(&random)
            let identity = plain.identity
            try expectSameCoding(identity, plain)
            #expect(PlainIdentity(identity) == plain)
            #expect("\(identity)" == "\(plain)".replacingOccurrences(of: "PlainIdentity(", with: "Identity("))
        }
    }

    @Test func equalityAndHashingAreTheFields() {
        var random = SeededRandom(state: 23)
        let plains = (0..<200).map { _ in PlainFinding.random(&random, small: true) }
        let findings = plains.map(\.finding)
        for (left, right) in zip(plains.indices, plains.indices.shuffled()) {
            #expect((findings[left] == findings[right]) == (plains[left] == plains[right]))
        }
        #expect(Set(findings).count == Set(plains).count)
        let identities = (0..<200).map { _ in PlainIdentity.random(&random, small: true) }
        #expect(Set(identities.map(\.identity)).count == Set(identities).count)
    }

    @Test func writingToACopyLeavesTheOriginal() {
        var random = SeededRandom(state: 24)
        let original = PlainFinding.random(&random).finding
        var copy = original
        copy.details["added"] = "x"
        copy.evidence.append(EvidenceRef(file: "f", sha256: "s"))
        copy.waiver = WaiverApplication(waiverId: "w", expires: Date(timeIntervalSince1970: 0), active: true)
        copy.summary += "!"
        #expect(copy != original)
        #expect(original.details["added"] == nil && !original.summary.hasSuffix("!"))
        #expect(original.waiver?.waiverId != "w")
        #expect(PlainFinding(copy).evidence.count == PlainFinding(original).evidence.count + 1)

        let identity = PlainIdentity.random(&random).identity
        var changed = identity
        changed.attributes["mfaActive"] = "never"
        changed.credentials.removeAll()
        changed.isHuman.toggle()
        #expect(identity.attributes["mfaActive"] != "never" && identity.isHuman != changed.isHuman)
    }

    /// A value no other shares is written in place: copying the fields at each write would cost
    /// what sharing saves.
    @Test func aValueOfItsOwnIsWrittenInPlace() {
        var random = SeededRandom(state: 25)
        var finding = PlainFinding.random(&random).finding
        let object = ObjectIdentifier(finding.storage.buffer)
        finding.details["one"] = "1"
        finding.severity = .critical
        #expect(ObjectIdentifier(finding.storage.buffer) == object)
        var identities = [PlainIdentity.random(&random).identity]
        let held = ObjectIdentifier(identities[0].storage.buffer)
        identities[0].environments.append("prod")
        #expect(ObjectIdentifier(identities[0].storage.buffer) == held)
    }

    /// Same bytes as the plain struct's synthesized coding (the same keys, nil values left out),
    /// and decoding the JSON gives the value back. Keys sorted: JSONEncoder does not keep the order
    /// they are encoded in, and every JSON nhi-audit writes sorts them.
    private func expectSameCoding<Value: Codable & Equatable, Plain: Codable>(_ value: Value, _ plain: Plain) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = try encoder.encode(value)
        #expect(String(decoding: json, as: UTF8.self) == String(decoding: try encoder.encode(plain), as: UTF8.self))
        #expect(try JSONDecoder().decode(Value.self, from: json) == value)
        #expect(try NHIJSON.decoder().decode(Value.self, from: NHIJSON.encoder().encode(value)) == value)
    }
}
