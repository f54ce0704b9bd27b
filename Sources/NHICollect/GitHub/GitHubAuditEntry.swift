import Foundation

/// The fields of one GitHub organisation / enterprise audit log entry that identity and activity
/// analysis uses, from JSON (any scalar type) or from a CSV export with the same column names.
struct GitHubAuditEntry: Sendable {
    var action: String?
    var actor: String?
    var actorIsBot: String?
    var programmaticAccessType: String?
    var tokenID: String?
    var hashedToken: String?
    var tokenScopes: String?
    var oauthApplicationID: String?
    var integration: String?
    var repo: String?
    var org: String?
    var business: String?
    var timestamp: String?
    var createdAt: String?
    var operationType: String?
    var userAgent: String?
    var actorIP: String?

    static var columns: [(key: String, path: WritableKeyPath<GitHubAuditEntry, String?>)] {
        [
            ("action", \.action), ("actor", \.actor), ("actor_is_bot", \.actorIsBot),
            ("programmatic_access_type", \.programmaticAccessType), ("token_id", \.tokenID),
            ("hashed_token", \.hashedToken), ("token_scopes", \.tokenScopes),
            ("oauth_application_id", \.oauthApplicationID), ("integration", \.integration),
            ("repo", \.repo), ("org", \.org), ("business", \.business), ("@timestamp", \.timestamp),
            ("created_at", \.createdAt), ("operation_type", \.operationType), ("user_agent", \.userAgent),
            ("actor_ip", \.actorIP),
        ]
    }

    init() {}

    init(row: CSVRow, table: CSVTable) {
        for column in Self.columns { self[keyPath: column.path] = table.value(row, column.key) }
    }

    /// The time the entry records: `@timestamp`, else `created_at` (epoch milliseconds or ISO 8601).
    var time: Date? { (timestamp ?? createdAt).flatMap(RecordTime.parse) }

    /// `owner/name` → `name`: `repo.split(separator: "/", maxSplits: 1).last`, found by index
    /// rather than by an array of the pieces (once per entry): leading slashes skipped, then what
    /// follows the next slash, or the first piece when nothing follows.
    var repositoryName: String? {
        guard let repo, let start = repo.firstIndex(where: { $0 != "/" }) else { return nil }
        guard let slash = repo[start...].firstIndex(of: "/") else { return String(repo[start...]) }
        let rest = repo[repo.index(after: slash)...]
        return String(rest.isEmpty ? repo[start..<slash] : rest)
    }

    /// The organisation the entry belongs to: `org`, else the repository owner, else the enterprise.
    var organisation: String? {
        org ?? repo.flatMap { $0.contains("/") ? String($0.split(separator: "/")[0]) : nil } ?? business
    }
}

extension GitHubAuditEntry: Decodable {
    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: NamedCodingKey.self)
        self.init()
        for column in Self.columns {
            let value = try container.decodeIfPresent(
                FlexibleString.self, forKey: NamedCodingKey(stringValue: column.key))
            self[keyPath: column.path] = value.text
        }
    }
}

extension GitHubAuditEntry {
    /// The entry read by a walk of the record's bytes, or nil whenever that walk cannot be sure to
    /// read what `JSONDecoder` and `FlexibleString` read (the caller then decodes it so): only an
    /// object of UTF-8 text whose keys have no escapes and appear once, whose columns hold
    /// strings, booleans, null or integers of at most 18 digits. `JSONDecoder` was two thirds of
    /// reading an audit log, most of it set-up per record.
    init?(walking bytes: UnsafeRawBufferPointer) {
        guard String(validating: bytes, as: UTF8.self) != nil else { return nil }
        var cursor = JSONCursor(bytes)
        // Keys seen, to leave a record with a key repeated to the decoder: columns by a bit each,
        // other keys by their bytes (a set of Strings, hashed and grown per record, was half of the
        // walk). Keys are compared as bytes, so only ASCII keys are walked: Strings that differ in
        // their bytes may be equal (a composed and a decomposed accent).
        var seenColumns: UInt32 = 0
        var seenOthers: [UnsafeRawBufferPointer] = []
        self.init()
        do {
            try cursor.beginObject()
            var first = true
            while let span = try cursor.nextKey(first: &first) {
                let keyBytes = UnsafeRawBufferPointer(start: span.start, count: span.count)
                guard !span.hasEscapes, keyBytes.allSatisfy({ $0 < 0x80 }) else { return nil }
                guard let column = Self.columnNumbers[String(decoding: keyBytes, as: UTF8.self)] else {
                    // Compared with each other key in turn: a record with many keys goes to the decoder.
                    guard seenOthers.count < 32, !seenOthers.contains(where: { $0.elementsEqual(keyBytes) }) else {
                        return nil
                    }
                    seenOthers.append(keyBytes)
                    try cursor.skipValue(depth: 1)
                    continue
                }
                guard seenColumns & (1 << column) == 0 else { return nil }
                seenColumns |= 1 << column
                switch try Self.scalar(&cursor) {
                case .text(let text): set(column, FlexibleString.text(text))
                case .null: set(column, nil)
                case .unsure: return nil
                }
            }
            cursor.skipWhitespace()
            guard cursor.isAtEnd else { return nil }
        } catch {
            return nil
        }
    }

    /// Each column's place in `columns`: key paths are not `Sendable`, so they cannot be kept in
    /// a static, and `columns` builds its list on each call.
    private static let columnNumbers = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1.key, $0) })

    /// Sets the column at `column` in `columns` (`GitHubAuditEntryWalkTests` holds the two to the same order).
    private mutating func set(_ column: Int, _ value: String?) {
        switch column {
        case 0: action = value
        case 1: actor = value
        case 2: actorIsBot = value
        case 3: programmaticAccessType = value
        case 4: tokenID = value
        case 5: hashedToken = value
        case 6: tokenScopes = value
        case 7: oauthApplicationID = value
        case 8: integration = value
        case 9: repo = value
        case 10: org = value
        case 11: business = value
        case 12: timestamp = value
        case 13: createdAt = value
        case 14: operationType = value
        case 15: userAgent = value
        default: actorIP = value
        }
    }

    private enum Scalar {
        case text(String)
        case null
        /// A value `FlexibleString` might read otherwise (a list, a fraction, a large number).
        case unsure
    }

    /// A column's value as `FlexibleString` reads it.
    private static func scalar(_ cursor: inout JSONCursor) throws(JSONScanError) -> Scalar {
        switch cursor.peek() {
        case UInt8(ascii: "\""):
            return .text(try JSONCursor.decode(cursor.stringSpan()))
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            let start = cursor.position
            try cursor.skipValue(depth: 1)
            switch start.pointee {
            case UInt8(ascii: "t"): return .text("true")
            case UInt8(ascii: "f"): return .text("false")
            default: return .null
            }
        default:
            let start = cursor.position
            try cursor.skipValue(depth: 1)
            let literal = UnsafeBufferPointer(start: start, count: cursor.position - start)
            let digits = literal.first == UInt8(ascii: "-") ? literal.dropFirst() : literal[...]
            // `String(Int64(literal))` is the literal itself for these (JSON has no leading zeros).
            guard !digits.isEmpty, digits.count <= 18, digits.allSatisfy({ $0 &- 0x30 < 10 }),
                literal.count == 1 || literal.first != UInt8(ascii: "-") || digits.first != UInt8(ascii: "0")
            else { return .unsure }
            return .text(String(decoding: literal, as: UTF8.self))
        }
    }
}
