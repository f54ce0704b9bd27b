import Yams

/// The keys scope.yaml may hold at each level. A misspelt key (`enviroments`, `aws_acounts`,
/// `formt`) would otherwise be ignored and leave every environment unknown, so any other key is
/// an error naming its position and the nearest known key.
enum ScopeKeys {
    static let root = ["organisation", "period", "environments", "sources"]
    static let period = ["start", "end"]
    static let environment = [
        "name", "production", "aws_accounts", "kubernetes", "github", "gcp_projects", "entra_tenants",
    ]
    static let source = ["path", "format", "environment", "account"]

    /// The first unknown key of the document, in document order.
    static func check(_ text: String, file: String) throws {
        guard let root = try? Yams.compose(yaml: text) else { return }
        try check(root, allowed: Self.root, where: "scope.yaml", file: file)
        guard let mapping = root.mapping else { return }
        if let period = mapping["period"] { try check(period, allowed: Self.period, where: "period", file: file) }
        for item in mapping["environments"]?.sequence ?? [] {
            try check(item, allowed: environment, where: "environments[]", file: file)
        }
        for item in mapping["sources"]?.sequence ?? [] {
            try check(item, allowed: source, where: "sources[]", file: file)
        }
    }

    private static func check(_ node: Node, allowed: [String], where context: String, file: String) throws {
        for (key, _) in node.mapping ?? [:] {
            guard let name = key.string, !allowed.contains(name) else { continue }
            var message = "unknown key \"\(name)\" in \(context)"
            if let suggestion = NearestName.among(allowed, to: name) { message += " (did you mean \"\(suggestion)\"?)" }
            message += "; known keys: \(allowed.joined(separator: ", "))"
            throw CollectError(file: file, line: key.mark?.line, column: key.mark?.column, message: message)
        }
    }
}
