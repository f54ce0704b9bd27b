import Foundation
import NHIModel

/// One JSON object of an Entra export, read by key without regard to case: Microsoft Graph writes
/// `appId`, Log Analytics `AppId`, and `az` keeps Graph's spelling.
struct EntraObject {
    let fields: [String: Any]

    init?(_ value: Any) {
        guard let dictionary = value as? [String: Any] else { return nil }
        var fields: [String: Any] = [:]
        for (key, value) in dictionary { fields[key.lowercased()] = value }
        self.fields = fields
    }

    /// A scalar as text (numbers and booleans too); nil when absent, null or blank.
    func string(_ keys: String...) -> String? {
        for key in keys {
            let text: String?
            switch fields[key.lowercased()] {
            case let value as String: text = value
            case let value as NSNumber:
                text = Self.isBoolean(value) ? (value.boolValue ? "true" : "false") : value.stringValue
            default: text = nil
            }
            if let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty { return text }
        }
        return nil
    }

    /// A boolean, or a string that spells one; nil otherwise.
    func flag(_ key: String) -> Bool? {
        switch fields[key.lowercased()] {
        case let value as NSNumber: return Self.isBoolean(value) ? value.boolValue : nil
        case let value as String: return RecordTime.flag(value)
        default: return nil
        }
    }

    /// JSON `true` and `false` arrive as NSNumber like 0 and 1 do (and cast to Bool alike): only the
    /// encoding tells them apart.
    private static func isBoolean(_ number: NSNumber) -> Bool { String(cString: number.objCType) == "c" }

    func object(_ key: String) -> EntraObject? { fields[key.lowercased()].flatMap(EntraObject.init) }

    /// An array of objects; nil when the key is absent, [] for an empty array.
    func objects(_ key: String) -> [EntraObject?]? {
        (fields[key.lowercased()] as? [Any]).map { $0.map(EntraObject.init) }
    }

    func strings(_ key: String) -> [String] {
        (fields[key.lowercased()] as? [Any])?.compactMap { $0 as? String } ?? []
    }

    func has(_ key: String) -> Bool { fields[key.lowercased()] != nil }
}

/// The records of an Entra export: a Graph page (`{"@odata.context": …, "value": […]}`, one or
/// several, e.g. one page per line), a plain JSON array (`az ad sp list`, `az monitor
/// log-analytics query`), JSON lines, or single objects. Each record comes with its position.
enum EntraRecords {
    struct Item {
        var object: EntraObject?
        var ref: EvidenceRef
    }

    static func forEach(_ file: SourceFile, _ body: (Item) throws -> Void) throws {
        let data = try file.mappedContents()
        try JSONRecordSplitter.forEach(in: data, file: file.relativePath) { record in
            let value = try? JSONSerialization.jsonObject(with: record.bytes, options: [.fragmentsAllowed])
            let ref = file.ref(line: record.index == nil ? record.line : nil, record: record.index)
            if let page = value as? [String: Any], let items = page["value"] as? [Any], isPage(page) {
                for (index, item) in items.enumerated() {
                    var itemRef = file.ref(line: record.line, record: record.index)
                    itemRef.pointer = "/value/\(index)"
                    try body(Item(object: EntraObject(item), ref: itemRef))
                }
                return
            }
            try body(Item(object: value.flatMap(EntraObject.init), ref: ref))
        }
    }

    /// A Graph collection page, not an object that happens to have a `value` key.
    private static func isPage(_ object: [String: Any]) -> Bool {
        object.keys.allSatisfy { $0 == "value" || $0.hasPrefix("@odata.") }
    }

    /// The tenant a file's records belong to when they do not say: the source's `account` in
    /// scope.yaml, else the one tenant scope.yaml declares.
    static func declaredTenant(_ file: SourceFile, _ context: CollectContext) -> String? {
        if let account = file.accountOverride { return account }
        let tenants = Set(context.scope.environments.flatMap(\.entraTenants))
        return tenants.count == 1 ? tenants.first : nil
    }

    static let noTenant =
        "no tenant: set `account` for this source in scope.yaml (the Entra tenant id), or declare one tenant in `entra_tenants`"
}
