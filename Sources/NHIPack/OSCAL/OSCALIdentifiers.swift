import Foundation
import NHIModel

/// Identifier rules OSCAL imposes, and the pack's UUIDs.
///
/// UUIDs are name-based (version 5) over the scope's organisation and period plus the object's
/// identity: the same inputs give the same bytes, while two packs of different periods never share
/// a UUID (a GRC tool keyed on UUIDs would otherwise overwrite one quarter with the other).
struct OSCALIdentifiers {
    let seed: String

    init(scope: Scope) {
        let start = scope.periodStart.map(ISO8601.string) ?? "-"
        let end = scope.periodEnd.map(ISO8601.string) ?? "-"
        seed = "\(scope.organisation)\u{1F}\(start)\u{1F}\(end)"
    }

    func uuid(_ kind: String, _ key: String) -> String {
        UUIDv5.string("oscal\u{1F}\(seed)\u{1F}\(kind)\u{1F}\(key)")
    }

    /// `uuid(kind, _)` for many keys: the seed and the kind are hashed once (a pack makes an
    /// observation, a risk and a subject UUID per finding).
    func uuids(_ kind: String) -> (String) -> String {
        let prefix = UUIDv5.prefix("oscal\u{1F}\(seed)\u{1F}\(kind)\u{1F}")
        return { UUIDv5.string(prefix, $0) }
    }

    /// SP 800-53 ids follow NIST's OSCAL catalog convention (`AC-2(4)` → `ac-2.4`); other ids
    /// (`NHI1:2025`, `PR.AA-05`, `ZT-T1`) keep their letters, digits, `.`, `-` and `_`, with
    /// anything else replaced by `-`. The shipped catalogs use the same tokens as control ids.
    static func controlToken(_ id: String, framework: String) -> String {
        if framework.contains("800-53"), let token = sp80053Token(id) { return token }
        var token = String(id.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_" ? $0 : "-" })
        if let first = token.first, !(first.isLetter || first == "_") { token = "_" + token }
        return token.isEmpty ? "_" : token
    }

    /// `AC-2(4)` → `ac-2.4`, nil for an id not of that form. An ASCII id is read byte by byte:
    /// building the Regex costs more than a control's whole verdict, and every control of every
    /// OSCAL file asks (perf). Other ids go to the Regex, whose `\d` also takes non-ASCII digits.
    static func sp80053Token(_ id: String) -> String? {
        guard id.utf8.allSatisfy({ $0 < 0x80 }) else {
            guard let match = id.wholeMatch(of: /([A-Za-z]{2})-(\d+)(?:\((\d+)\))?/) else { return nil }
            var token = "\(match.1.lowercased())-\(match.2)"
            if let enhancement = match.3 { token += ".\(enhancement)" }
            return token
        }
        let bytes = Array(id.utf8)
        func isLetter(_ byte: UInt8) -> Bool {
            (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
        }
        func digitsEnd(from start: Int) -> Int {
            var end = start
            while end < bytes.count, bytes[end] >= UInt8(ascii: "0"), bytes[end] <= UInt8(ascii: "9") { end += 1 }
            return end
        }
        guard bytes.count >= 4, isLetter(bytes[0]), isLetter(bytes[1]), bytes[2] == UInt8(ascii: "-") else {
            return nil
        }
        let number = digitsEnd(from: 3)
        guard number > 3 else { return nil }
        var token = bytes[0..<2].map { $0 | 0x20 } + bytes[2..<number]
        if number < bytes.count {
            let enhancement = digitsEnd(from: number + 1)
            guard bytes[number] == UInt8(ascii: "("), enhancement > number + 1, enhancement == bytes.count - 1,
                bytes[enhancement] == UInt8(ascii: ")")
            else { return nil }
            token += [UInt8(ascii: ".")] + bytes[(number + 1)..<enhancement]
        }
        return String(decoding: token, as: UTF8.self)
    }

    /// The id of a control's statement part in the shipped catalog: what a finding targets.
    static func statementID(_ id: String, framework: String) -> String {
        controlToken(id, framework: framework) + "_smt"
    }

    /// File name (without extension) of a framework's catalog under oscal/catalogs/.
    static func catalogName(_ framework: String) -> String {
        String(framework.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" ? $0 : "-" })
    }

    /// RFC 6920 name of content by its SHA-256: evidence files are not in the pack, so their
    /// back-matter links name the content rather than a path that would not resolve.
    static func namedInformation(sha256 hex: String) -> String {
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex, let next = hex.index(index, offsetBy: 2, limitedBy: hex.endIndex) {
            guard let byte = UInt8(hex[index..<next], radix: 16) else { return "ni:///sha-256;" }
            bytes.append(byte)
            index = next
        }
        let base64url = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(
                of: "=", with: "")
        return "ni:///sha-256;\(base64url)"
    }
}
