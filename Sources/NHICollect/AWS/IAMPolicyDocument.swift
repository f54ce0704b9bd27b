import Foundation
import NHIModel

/// One statement of an IAM policy or trust policy, as written (wildcards kept).
public struct IAMStatement: Hashable, Sendable {
    public var effect: Effect
    public var actions: [String]
    public var actionsInverted: Bool
    /// Resources; for `NotResource` statements each is prefixed with `!`.
    public var resources: [String]
    public var conditions: [PolicyCondition]
    /// Trust policies: (type, principal) pairs; `("*", "*")` for `"Principal": "*"`.
    public var principals: [(type: String, value: String)]

    public static func == (lhs: IAMStatement, rhs: IAMStatement) -> Bool {
        lhs.effect == rhs.effect && lhs.actions == rhs.actions && lhs.actionsInverted == rhs.actionsInverted
            && lhs.resources == rhs.resources && lhs.conditions == rhs.conditions
            && lhs.principals.map { [$0.type, $0.value] } == rhs.principals.map { [$0.type, $0.value] }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(effect); hasher.combine(actions); hasher.combine(resources)
    }

    /// Allow everything on everything, unconditionally: what AdministratorAccess grants.
    public var isAdministrative: Bool {
        effect == .allow && !actionsInverted && actions.contains { $0 == "*" || $0 == "*:*" }
            && resources.contains("*") && conditions.isEmpty
    }
}

/// Parses IAM policy documents as authorization details carries them: a JSON object, or a
/// string holding JSON, URL-encoded or not (`AssumeRolePolicyDocument` often is).
public enum IAMPolicyDocument {
    public struct Invalid: Error { public var message: String }

    public static let administratorAccessARN = "arn:aws:iam::aws:policy/AdministratorAccess"

    public static func statements(_ document: Any?) throws(Invalid) -> [IAMStatement] {
        var value = document
        if let text = value as? String {
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            let json = trimmed.hasPrefix("%") ? (trimmed.removingPercentEncoding ?? trimmed) : trimmed
            guard let parsed = try? JSONSerialization.jsonObject(with: Data(json.utf8)) else {
                throw Invalid(message: "policy document is not JSON")
            }
            value = parsed
        }
        guard let object = value as? [String: Any] else { throw Invalid(message: "policy document is not an object") }
        let raw: [Any]
        switch object["Statement"] {
        case let list as [Any]: raw = list
        case let single as [String: Any]: raw = [single]
        case nil: raw = []
        default: throw Invalid(message: "Statement is neither an object nor a list")
        }
        return try raw.map { (item) throws(Invalid) -> IAMStatement in
            guard let statement = item as? [String: Any] else { throw Invalid(message: "a statement is not an object") }
            return try parse(statement)
        }
    }

    private static func parse(_ statement: [String: Any]) throws(Invalid) -> IAMStatement {
        let effect: Effect
        switch statement["Effect"] as? String {
        case "Allow": effect = .allow
        case "Deny": effect = .deny
        default: throw Invalid(message: "statement Effect is neither Allow nor Deny")
        }
        let inverted = statement["Action"] == nil && statement["NotAction"] != nil
        let actions = strings(statement[inverted ? "NotAction" : "Action"])
        var resources = strings(statement["Resource"])
        if statement["Resource"] == nil, let excluded = statement["NotResource"] {
            resources = strings(excluded).map { "!" + $0 }
        }
        return IAMStatement(
            effect: effect, actions: actions, actionsInverted: inverted, resources: resources,
            conditions: conditions(statement["Condition"]), principals: principals(statement["Principal"]))
    }

    /// A string or a list of strings (numbers and booleans as text).
    static func strings(_ value: Any?) -> [String] {
        switch value {
        case let text as String: return [text]
        case let list as [Any]: return list.compactMap(scalarText)
        case nil: return []
        default: return scalarText(value!).map { [$0] } ?? []
        }
    }

    private static func scalarText(_ value: Any) -> String? {
        switch value {
        case let text as String: return text
        case let number as NSNumber:
            // JSON booleans arrive as NSNumber with the ObjC type "c".
            return String(cString: number.objCType) == "c" ? (number.boolValue ? "true" : "false") : number.stringValue
        default: return nil
        }
    }

    /// `{"StringEquals": {"aws:PrincipalTag/team": ["a", "b"]}}` → one condition per operator × key, sorted.
    static func conditions(_ value: Any?) -> [PolicyCondition] {
        guard let operators = value as? [String: Any] else { return [] }
        var result: [PolicyCondition] = []
        for op in operators.keys.sorted() {
            guard let keys = operators[op] as? [String: Any] else { continue }
            for key in keys.keys.sorted() {
                result.append(PolicyCondition(op: op, key: key, values: strings(keys[key])))
            }
        }
        return result
    }

    /// `"*"`, `{"AWS": "arn"}`, `{"Service": ["a", "b"]}` → (type, principal) pairs.
    static func principals(_ value: Any?) -> [(type: String, value: String)] {
        if let text = value as? String { return [(type: "*", value: text)] }
        guard let object = value as? [String: Any] else { return [] }
        return object.keys.sorted().flatMap { type in strings(object[type]).map { (type: type, value: $0) } }
    }
}
