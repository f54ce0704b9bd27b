import Foundation
import NHIModel
import Yams

/// scope.yaml at the root of an evidence folder (docs/formats.md#scopeyaml).
public struct ScopeFile: Sendable {
    public struct SourceRule: Sendable, Decodable {
        public var path: String
        public var format: String?
        public var environment: String?
        /// AWS account id, Kubernetes cluster name, GitHub organisation, GCP project or Entra tenant the files
        /// belong to.
        public var account: String?
    }

    public var scope: Scope
    public var sources: [SourceRule]

    private struct Raw: Decodable {
        struct Period: Decodable { var start: String; var end: String }
        struct Environment: Decodable {
            var name: String
            var production: Bool?
            var aws_accounts: [String]?
            var kubernetes: [String]?
            var github: [String]?
            var gcp_projects: [String]?
            var entra_tenants: [String]?
        }
        var organisation: String
        var period: Period?
        var environments: [Environment]?
        var sources: [SourceRule]?
    }

    public static let fileName = "scope.yaml"

    /// Parses scope.yaml; errors name the file and, where Yams knows it, the line and column.
    public static func load(_ url: URL, displayName: String) throws -> ScopeFile {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw CollectError(file: displayName, message: "cannot read scope file as UTF-8 text")
        }
        let raw: Raw
        do {
            try ScopeKeys.check(text, file: displayName)
            raw = try YAMLDecoder().decode(Raw.self, from: text)
        } catch let error as YamlError {
            throw YAMLErrors.collectError(error, file: displayName)
        } catch let error as DecodingError {
            throw YAMLErrors.collectError(error, file: displayName, text: text)
        }
        var start: Date?
        var end: Date?
        if let period = raw.period {
            guard let s = ISO8601.parse(period.start) else {
                throw CollectError(file: displayName, message: "period.start is not a date: \(period.start)")
            }
            guard let e = ISO8601.parse(period.end) else {
                throw CollectError(file: displayName, message: "period.end is not a date: \(period.end)")
            }
            // A plain end date means the whole of that day.
            let endIsDateOnly = period.end.trimmingCharacters(in: .whitespaces).count == 10
            start = s
            end = endIsDateOnly ? e.addingTimeInterval(86_400 - 1) : e
            guard s <= end! else { throw CollectError(file: displayName, message: "period.start is after period.end") }
        }
        var seen = Set<String>()
        var environments: [EnvironmentScope] = []
        for environment in raw.environments ?? [] {
            guard seen.insert(environment.name).inserted else {
                throw CollectError(file: displayName, message: "environment \"\(environment.name)\" is declared twice")
            }
            environments.append(
                EnvironmentScope(
                    name: environment.name, production: environment.production ?? false,
                    awsAccounts: environment.aws_accounts ?? [], kubernetes: environment.kubernetes ?? [],
                    github: environment.github ?? [],
                    gcpProjects: environment.gcp_projects ?? [],
                    entraTenants: environment.entra_tenants ?? []))
        }
        for source in raw.sources ?? [] {
            if let name = source.environment, !seen.contains(name) {
                throw CollectError(
                    file: displayName,
                    message: "source \"\(source.path)\" names environment \"\(name)\", which is not declared")
            }
        }
        let scope = Scope(
            organisation: raw.organisation, periodStart: start, periodEnd: end,
            environments: environments, declared: true)
        return ScopeFile(scope: scope, sources: raw.sources ?? [])
    }
}

/// Turns Yams errors into one-line `file:line:column: message` errors.
public enum YAMLErrors {
    public static func collectError(_ error: YamlError, file: String) -> CollectError {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
            let .composer(context, problem, mark, _):
            let detail = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
            return CollectError(file: file, line: mark.line, column: mark.column, message: "invalid YAML: \(detail)")
        case let .duplicatedKeysInMapping(duplicates, context):
            // The context text embeds the whole document; name the keys and the mark only.
            return CollectError(
                file: file, line: context.mark.line, column: context.mark.column,
                message: "duplicate key(s) in mapping: \(duplicates.sorted().joined(separator: ", "))")
        default:
            // Other Yams messages can embed the whole document; keep the first line only.
            let first = String(describing: error).split(separator: "\n").first.map(String.init) ?? "invalid YAML"
            return CollectError(file: file, message: String(first.prefix(200)))
        }
    }

    public static func collectError(_ error: DecodingError, file: String, text: String) -> CollectError {
        let (path, message): ([CodingKey], String) = {
            switch error {
            case let .keyNotFound(key, context):
                return (context.codingPath + [key], "missing key \"\(key.stringValue)\"")
            case let .typeMismatch(_, context): return (context.codingPath, context.debugDescription)
            case let .valueNotFound(_, context): return (context.codingPath, context.debugDescription)
            case let .dataCorrupted(context): return (context.codingPath, context.debugDescription)
            @unknown default: return ([], "cannot decode")
            }
        }()
        let dotted = path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        let line = locate(path: path, in: text)
        return CollectError(file: file, line: line, message: dotted.isEmpty ? message : "\(dotted): \(message)")
    }

    /// Finds the line of the node at `path` by walking the composed YAML tree (Yams decoding errors carry no marks).
    static func locate(path: [CodingKey], in text: String) -> Int? {
        guard var node = try? Yams.compose(yaml: text) else { return nil }
        var line = node.mark?.line
        for key in path {
            if let index = key.intValue, let sequence = node.sequence, index < sequence.count {
                node = sequence[index]
            } else if let mapping = node.mapping, let next = mapping[Node(key.stringValue)] {
                node = next
            } else {
                break
            }
            line = node.mark?.line ?? line
        }
        return line
    }
}
