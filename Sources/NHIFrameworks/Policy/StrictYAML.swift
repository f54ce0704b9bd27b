import Foundation
import Yams

/// Reading our own YAML files node by node, so that every problem can name its file and line
/// (Yams' decoding errors carry no positions) and unknown keys are caught.
struct StrictYAML {
    let file: String

    /// The document's root node (nil for an empty document); syntax errors become one problem line.
    func parse(_ text: String) throws -> Node? {
        do {
            return try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw ConfigFileError(describe(error))
        }
    }

    func read(_ url: URL) throws -> String {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ConfigFileError("\(file): cannot read file")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw ConfigFileError("\(file): not UTF-8 text") }
        return text
    }

    func at(_ node: Node?) -> String {
        guard let mark = node?.mark else { return file }
        return "\(file):\(mark.line):\(mark.column)"
    }

    func problem(_ node: Node?, _ message: String) -> String { "\(at(node)): \(message)" }

    /// The mapping's entries as (key, key node, value); non-string keys and unknown keys are reported.
    func entries(of node: Node, allowed: [String], context: String, problems: inout [String]) -> [(String, Node, Node)]
    {
        guard let mapping = node.mapping else {
            problems.append(problem(node, "\(context) must be a mapping"))
            return []
        }
        var result: [(String, Node, Node)] = []
        for (keyNode, value) in mapping {
            guard let key = keyNode.string else {
                problems.append(problem(keyNode, "\(context): keys must be strings"))
                continue
            }
            guard allowed.contains(key) else {
                problems.append(
                    problem(keyNode, "unknown key \"\(key)\" in \(context) (known: \(allowed.joined(separator: ", ")))")
                )
                continue
            }
            result.append((key, keyNode, value))
        }
        return result
    }

    func string(_ node: Node, key: String, problems: inout [String]) -> String? {
        guard node.scalar != nil, let text = node.string else {
            problems.append(problem(node, "\(key) must be a text value"))
            return nil
        }
        return text
    }

    /// A list of text values; a single scalar is accepted as a one-element list.
    func strings(_ node: Node, key: String, problems: inout [String]) -> [String]? {
        if node.scalar != nil {
            if node.null != nil { return [] }
            return node.string.map { [$0] }
        }
        guard let sequence = node.sequence else {
            problems.append(problem(node, "\(key) must be a list of text values"))
            return nil
        }
        var values: [String] = []
        for item in sequence {
            guard item.scalar != nil, let text = item.string else {
                problems.append(problem(item, "\(key) must contain only text values"))
                return nil
            }
            values.append(text)
        }
        return values
    }

    private func describe(_ error: YamlError) -> String {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
            let .composer(context, problem, mark, _):
            let detail = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
            return "\(file):\(mark.line):\(mark.column): invalid YAML: \(detail)"
        case let .duplicatedKeysInMapping(duplicates, context):
            // The context text embeds the whole document; name the keys and the position only.
            let keys = duplicates.sorted().joined(separator: ", ")
            return "\(file):\(context.mark.line):\(context.mark.column): duplicate key(s): \(keys)"
        default:
            let first = String(describing: error).split(separator: "\n").first.map(String.init) ?? "invalid YAML"
            return "\(file): \(first.prefix(200))"
        }
    }
}

/// How a file is named in messages: relative to the working directory when inside it.
enum DisplayPath {
    static func of(_ url: URL) -> String {
        let path = url.standardizedFileURL.path
        let cwd = FileManager.default.currentDirectoryPath
        let prefix = cwd.hasSuffix("/") ? cwd : cwd + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
