import NHIModel

/// What a control id means in a catalog: an active control, a withdrawn id, or nothing.
public enum ControlLookup: Sendable {
    case control(Control)
    case withdrawn(WithdrawnControl)
    /// `suggestion` is an active id that differs only in case or zero padding (PR.AA-5 → PR.AA-05).
    case unknown(suggestion: String?)
}

extension Catalog {
    public func lookup(_ id: String) -> ControlLookup {
        if let control = controls.first(where: { $0.id == id }) { return .control(control) }
        if let entry = withdrawn.first(where: { $0.id == id }) { return .withdrawn(entry) }
        let key = Self.looseKey(id)
        return .unknown(suggestion: controls.first { Self.looseKey($0.id) == key }?.id)
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
