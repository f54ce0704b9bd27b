import Yams

/// The keys scope.yaml may hold at each level. A misspelt key (`enviroments`, `aws_acounts`,
/// `formt`) would otherwise be ignored and leave every environment unknown, so any other key is
/// an error naming its position and the nearest known key.
enum ScopeKeys {
    static let root = ["organisation", "period", "environments", "sources"]
    static let period = ["start", "end"]
    static let environment = ["name", "production", "aws_accounts", "kubernetes", "github"]
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
            if let suggestion = nearest(name, in: allowed) { message += " (did you mean \"\(suggestion)\"?)" }
            message += "; known keys: \(allowed.joined(separator: ", "))"
            throw CollectError(file: file, line: key.mark?.line, column: key.mark?.column, message: message)
        }
    }

    /// The known key within a third of its length in edits (at least 2) of `name`, if any.
    static func nearest(_ name: String, in known: [String]) -> String? {
        let scored = known.map { ($0, distance(name.lowercased(), $0)) }.filter { $0.1 <= max(2, $0.0.count / 3) }
        return scored.min { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }?.0
    }

    /// Levenshtein distance over characters.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...max(1, a.count) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(1, b.count) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}
