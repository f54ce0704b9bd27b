import Foundation

/// Identifier rules OSCAL imposes: control ids are tokens (`(\p{L}|_)(\p{L}|\p{N}|[.\-_])*`),
/// UUIDs are deterministic v5 UUIDs of a kind and a stable key.
enum OSCALIdentifiers {
    static func uuid(_ kind: String, _ key: String) -> String {
        UUIDv5.string("oscal:\(kind):\(key)")
    }

    /// SP 800-53 ids follow NIST's OSCAL catalog convention (`AC-2(4)` → `ac-2.4`); other ids
    /// (`NHI1:2025`, `PR.AA-05`, `ZT-T1`) keep their letters, digits, `.`, `-` and `_`, with
    /// anything else replaced by `-`.
    static func controlToken(_ id: String, framework: String) -> String {
        if framework.contains("800-53"), let match = id.wholeMatch(of: /([A-Za-z]{2})-(\d+)(?:\((\d+)\))?/) {
            var token = "\(match.1.lowercased())-\(match.2)"
            if let enhancement = match.3 { token += ".\(enhancement)" }
            return token
        }
        var token = String(id.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_" ? $0 : "-" })
        if let first = token.first, !(first.isLetter || first == "_") { token = "_" + token }
        return token.isEmpty ? "_" : token
    }

    /// A relative href for a path inside the evidence folder.
    static func href(_ path: String) -> String {
        path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: ";"))) ?? path
    }
}
