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

    /// `owner/name` → `name`.
    var repositoryName: String? {
        guard let repo else { return nil }
        return repo.split(separator: "/", maxSplits: 1).last.map(String.init)
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
