import Foundation
import Yams

/// A YAML mapping read field by field; wrong types, missing and unknown keys are logged with their line.
struct YAMLObject {
    let file: String
    let mark: Mark?
    private let mapping: Node.Mapping
    private let log: ProblemLog

    /// Nil (and a logged problem) when `node` is not a mapping.
    init?(_ node: Node, file: String, what: String, log: ProblemLog) {
        guard let mapping = node.mapping else {
            log.add(file, node.mark, "\(what) must be a mapping of keys to values")
            return nil
        }
        self.file = file; self.mark = node.mark; self.mapping = mapping; self.log = log
    }

    /// The line of `key` itself (a block value such as a list starts on the next line).
    func mark(of key: String) -> Mark? { mapping.first { $0.key.string == key }?.key.mark ?? mark }

    /// Logs every key not in `allowed`; a misspelt optional key would otherwise be silently ignored.
    func rejectUnknownKeys(allowed: Set<String>, in what: String) {
        for key in mapping.keys where !allowed.contains(key.string ?? "") {
            log.add(
                file, key.mark,
                "unknown key \"\(key.string ?? "?")\" in \(what) (allowed: \(allowed.sorted().joined(separator: ", ")))"
            )
        }
    }

    func has(_ key: String) -> Bool { mapping[key] != nil }

    func string(_ key: String, required: Bool = false, in what: String) -> String? {
        guard let node = mapping[key] else {
            if required { log.add(file, mark, "\(what) lacks \"\(key)\"") }
            return nil
        }
        guard let scalar = node.scalar else {
            log.add(file, node.mark, "\"\(key)\" in \(what) must be text")
            return nil
        }
        if required && scalar.string.trimmingCharacters(in: .whitespaces).isEmpty {
            log.add(file, node.mark, "\"\(key)\" in \(what) is empty")
            return nil
        }
        return scalar.string
    }

    func bool(_ key: String, default value: Bool, in what: String) -> Bool {
        guard let node = mapping[key] else { return value }
        guard let flag = node.bool else {
            log.add(file, node.mark, "\"\(key)\" in \(what) must be true or false")
            return value
        }
        return flag
    }

    func sequence(_ key: String, required: Bool = false, in what: String) -> [Node]? {
        guard let node = mapping[key] else {
            if required { log.add(file, mark, "\(what) lacks \"\(key)\"") }
            return nil
        }
        guard let sequence = node.sequence else {
            log.add(file, node.mark, "\"\(key)\" in \(what) must be a list")
            return nil
        }
        return Array(sequence)
    }

    func strings(_ key: String, required: Bool = false, in what: String) -> [String]? {
        guard let nodes = sequence(key, required: required, in: what) else { return nil }
        var values: [String] = []
        for node in nodes {
            guard let scalar = node.scalar else {
                log.add(file, node.mark, "every entry of \"\(key)\" in \(what) must be text")
                continue
            }
            values.append(scalar.string)
        }
        return values
    }

    /// A mapping of text keys to lists of text (e.g. `references: {framework: [ids]}`).
    func stringLists(_ key: String, in what: String) -> [(key: String, values: [String], mark: Mark?)] {
        guard let node = mapping[key] else { return [] }
        guard let inner = YAMLObject(node, file: file, what: "\"\(key)\" in \(what)", log: log) else { return [] }
        return inner.mapping.compactMap { entry in
            guard let name = entry.key.string else { return nil }
            guard let values = inner.strings(name, in: "\"\(key)\" in \(what)") else { return nil }
            return (name, values, entry.value.mark)
        }
    }
}
