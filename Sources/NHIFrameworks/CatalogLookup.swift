import NHIModel

/// What a control id means in a catalog: an active control, a withdrawn id, or nothing.
public enum ControlLookup: Sendable {
    case control(Control)
    case withdrawn(WithdrawnControl)
    /// `suggestion` is the one active id that differs only in case, zero padding or punctuation,
    /// or by the catalog's year suffix (PR.AA-5 → PR.AA-05, NHI-01 → NHI1:2025).
    case unknown(suggestion: String?)
}

extension Catalog {
    public func lookup(_ id: String) -> ControlLookup {
        if let control = controls.first(where: { $0.id == id }) { return .control(control) }
        if let entry = withdrawn.first(where: { $0.id == id }) { return .withdrawn(entry) }
        let key = Self.looseKey(id)
        if let near = controls.first(where: { Self.looseKey($0.id) == key }) { return .unknown(suggestion: near.id) }
        let tokens = Self.tokens(id)
        let candidates = controls.filter { Self.tokens($0.id) == tokens }
        return .unknown(suggestion: candidates.count == 1 ? candidates[0].id : nil)
    }

    /// The id as letters and numbers only, case folded, leading zeros and a trailing `:YYYY` year
    /// dropped: `NHI-01`, `nhi1` and `NHI1:2025` all become ["NHI", "1"].
    private static func tokens(_ id: String) -> [String] {
        var text = id.uppercased()
        if let colon = text.lastIndex(of: ":"), text[text.index(after: colon)...].count == 4,
            text[text.index(after: colon)...].allSatisfy(\.isNumber)
        {
            text = String(text[..<colon])
        }
        var tokens: [String] = [], current = ""
        var currentIsNumber = false
        func flush() {
            guard !current.isEmpty else { return }
            tokens.append(currentIsNumber ? String(Int(current) ?? 0) : current)
            current = ""
        }
        for character in text {
            guard character.isLetter || character.isNumber else { flush(); continue }
            if !current.isEmpty && character.isNumber != currentIsNumber { flush() }
            currentIsNumber = character.isNumber
            current.append(character)
        }
        flush()
        return tokens
    }

    /// The id with case folded and leading zeros dropped from every number.
    private static func looseKey(_ id: String) -> String {
        var key = "", digits = ""
        for character in id.uppercased() {
            if character.isNumber {
                digits.append(character)
                continue
            }
            if !digits.isEmpty { key += String(Int(digits) ?? 0); digits = "" }
            key.append(character)
        }
        if !digits.isEmpty { key += String(Int(digits) ?? 0) }
        return key
    }
}

extension WithdrawnControl {
    /// One sentence for error messages, e.g. "PR.AC-4 is a withdrawn CSF 1.1 id; use PR.AA-05".
    /// The catalog's `note` completes "<id> is …" (docs/mapping-guide.md).
    public var explanation: String {
        let what = note ?? "withdrawn"
        if successors.isEmpty { return "\(id) is \(what); it has no single successor" }
        return "\(id) is \(what); use \(successors.joined(separator: ", "))"
    }
}

extension MappingSet {
    /// Why a control id written in waivers.yaml or attestations.yaml matches nothing, naming the
    /// id meant when one catalog has a unique near match; nil when some catalog has the control.
    public func unknownControlProblem(_ id: String) -> String? {
        guard !catalogs.contains(where: { catalog in catalog.controls.contains { $0.id == id } }) else { return nil }
        let suggestions = Set(
            catalogs.compactMap { catalog -> String? in
                if case let .unknown(suggestion) = catalog.lookup(id) { return suggestion }
                return nil
            })
        let hint = suggestions.count == 1 ? " (did you mean \(suggestions.first!)?)" : ""
        return "control \"\(id)\" is in no catalog\(hint)"
    }
}
