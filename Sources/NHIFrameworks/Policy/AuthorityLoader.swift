import Foundation
import NHIModel
import Yams

/// Loads `mappings/authority/<platform>.yaml`: action patterns and their authority classes.
public enum AuthorityLoader {
    public static let folderName = "authority"

    public static func load(folder: URL) throws -> AuthorityClassifier {
        let (classifier, problems) = read(folder: folder)
        guard problems.isEmpty else { throw ConfigFileError(problems: problems) }
        return classifier
    }

    /// Every problem of the authority files, one line each (empty when valid). For `nhi-audit validate`.
    public static func validate(folder: URL) -> [String] { read(folder: folder).1 }

    static func read(folder: URL) -> (AuthorityClassifier, [String]) {
        let display = DisplayPath.of(folder)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
            return (AuthorityClassifier(rules: [:]), ["\(display): authority folder not found"])
        }
        let files = names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        guard !files.isEmpty else {
            return (AuthorityClassifier(rules: [:]), ["\(display): no authority files (*.yaml)"])
        }
        var rules: [Platform: [AuthorityRule]] = [:]
        var origins: [Platform: String] = [:]
        var problems: [String] = []
        for name in files {
            let url = folder.appendingPathComponent(name)
            let yaml = StrictYAML(file: DisplayPath.of(url))
            do {
                let (platform, fileRules, fileProblems) = try parse(try yaml.read(url), yaml: yaml)
                problems += fileProblems
                guard let platform else { continue }
                if let first = origins[platform] {
                    problems.append("\(yaml.file): platform \"\(platform.rawValue)\" already defined in \(first)")
                    continue
                }
                origins[platform] = yaml.file
                rules[platform] = fileRules
            } catch let error as ConfigFileError {
                problems += error.problems
            } catch {
                problems.append("\(yaml.file): \(error)")
            }
        }
        return (AuthorityClassifier(rules: rules), problems)
    }

    static func parse(_ text: String, yaml: StrictYAML) throws -> (Platform?, [AuthorityRule], [String]) {
        var problems: [String] = []
        guard let root = try yaml.parse(text) else { return (nil, [], ["\(yaml.file): empty authority file"]) }
        var platform: Platform?
        var rules: [AuthorityRule] = []
        var sawRules = false
        for (key, _, value) in yaml.entries(
            of: root, allowed: ["platform", "description", "rules"], context: "the authority file", problems: &problems)
        {
            switch key {
            case "platform":
                if let text = yaml.string(value, key: key, problems: &problems), !text.isEmpty {
                    platform = Platform(rawValue: text)
                }
            case "rules":
                sawRules = true
                guard let sequence = value.sequence else {
                    problems.append(yaml.problem(value, "rules must be a list"))
                    continue
                }
                for entry in sequence { rules += parseEntry(entry, yaml: yaml, problems: &problems) }
            default:
                continue
            }
        }
        if platform == nil { problems.append(yaml.problem(root, "missing key \"platform\"")) }
        if !sawRules { problems.append(yaml.problem(root, "missing key \"rules\"")) }
        problems += duplicates(rules)
        return (platform, rules, problems)
    }

    private static func parseEntry(_ entry: Node, yaml: StrictYAML, problems: inout [String]) -> [AuthorityRule] {
        var authorityClass: AuthorityClass?
        var actions: [(String, Node)] = []
        var when: [String] = [], only: [String] = [], identifying: [String] = []
        var identifyingNode: Node?
        var grantsOnly = false
        var sawClass = false, sawActions = false
        for (key, _, value) in yaml.entries(
            of: entry, allowed: ["class", "actions", "when", "only", "identifying", "grants_only", "note"],
            context: "an authority rule", problems: &problems)
        {
            switch key {
            case "class":
                sawClass = true
                guard let text = yaml.string(value, key: key, problems: &problems) else { continue }
                guard let parsed = AuthorityClass(rawValue: text) else {
                    problems.append(
                        yaml.problem(
                            value,
                            "unknown class \"\(text)\" (known: \(AuthorityClass.allCases.map(\.rawValue).joined(separator: ", ")))"
                        ))
                    continue
                }
                authorityClass = parsed
            case "actions":
                sawActions = true
                guard let sequence = value.sequence, !sequence.isEmpty else {
                    problems.append(yaml.problem(value, "actions must be a non-empty list"))
                    continue
                }
                for item in sequence {
                    guard item.scalar != nil, let text = item.string, !text.trimmingCharacters(in: .whitespaces).isEmpty
                    else {
                        problems.append(yaml.problem(item, "an action must be a non-empty text value"))
                        continue
                    }
                    actions.append((text, item))
                }
            case "when": when = yaml.strings(value, key: key, problems: &problems) ?? []
            case "only": only = yaml.strings(value, key: key, problems: &problems) ?? []
            case "identifying":
                identifying = yaml.strings(value, key: key, problems: &problems) ?? []
                identifyingNode = value
            case "grants_only":
                guard let flag = value.bool else {
                    problems.append(yaml.problem(value, "grants_only must be true or false"))
                    continue
                }
                grantsOnly = flag
            default: continue
            }
        }
        if !sawClass { problems.append(yaml.problem(entry, "missing key \"class\"")) }
        if !sawActions { problems.append(yaml.problem(entry, "missing key \"actions\"")) }
        if let identifyingNode {
            // Identifying fields only narrow an `only` condition; elsewhere they would be silently ignored.
            if only.isEmpty {
                problems.append(yaml.problem(identifyingNode, "identifying needs an only condition on the same rule"))
            }
            if let both = identifying.first(where: only.contains) {
                problems.append(yaml.problem(identifyingNode, "\"\(both)\" is both identifying and in only"))
            }
        }
        guard let authorityClass else { return [] }
        return actions.map { action, node in
            AuthorityRule(
                pattern: action, authorityClass: authorityClass, whenFields: when.sorted(), onlyFields: only.sorted(),
                identifyingFields: identifying.sorted(), grantsOnly: grantsOnly, origin: yaml.at(node))
        }
    }

    /// An identical pattern with identical conditions can never be reached the second time when
    /// classifying activity (grants-only entries may repeat a name under several classes).
    private static func duplicates(_ rules: [AuthorityRule]) -> [String] {
        var seen: [String: AuthorityRule] = [:]
        var problems: [String] = []
        for rule in rules where !rule.grantsOnly {
            let key =
                rule.pattern.text.lowercased() + "|" + rule.whenFields.joined(separator: ",") + "|"
                + rule.onlyFields.joined(separator: ",")
                + "|" + rule.identifyingFields.joined(separator: ",")
            if let first = seen[key] {
                guard first.authorityClass != rule.authorityClass || !rule.isConditional else { continue }
                problems.append(
                    "\(rule.origin ?? ""): action \"\(rule.pattern.text)\" already classified as \(first.authorityClass.rawValue) at \(first.origin ?? "") (never reached)"
                )
            } else {
                seen[key] = rule
            }
        }
        return problems
    }
}
