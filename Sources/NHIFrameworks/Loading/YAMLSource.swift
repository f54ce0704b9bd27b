import Foundation
import Yams

/// A YAML file composed into a node tree, so that every value keeps its line (Yams decoding errors carry none).
struct YAMLSource {
    var file: String
    var root: Node

    /// Reads and composes `url`; a file that cannot be read or parsed is logged and yields nil.
    static func read(_ url: URL, file: String, log: ProblemLog) -> YAMLSource? {
        guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8)
        else {
            log.add(file, nil, "cannot read the file as UTF-8 text")
            return nil
        }
        do {
            guard let root = try Yams.compose(yaml: text) else {
                log.add(file, nil, "the file is empty")
                return nil
            }
            return YAMLSource(file: file, root: root)
        } catch let error as YamlError {
            log.add(syntaxProblem(error, file: file))
            return nil
        } catch {
            log.add(file, nil, "invalid YAML: \(error)")
            return nil
        }
    }

    static func syntaxProblem(_ error: YamlError, file: String) -> MappingProblem {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
            let .composer(context, problem, mark, _):
            let detail = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
            return MappingProblem(file: file, line: mark.line, column: mark.column, message: "invalid YAML: \(detail)")
        case let .duplicatedKeysInMapping(duplicates, context):
            // The context text embeds the whole document; name the keys and the position only.
            return MappingProblem(
                file: file, line: context.mark.line, column: context.mark.column,
                message: "invalid YAML: duplicate key \(duplicates.sorted().joined(separator: ", "))")
        default:
            let first = String(describing: error).split(separator: "\n").first.map(String.init) ?? "invalid YAML"
            return MappingProblem(file: file, message: String(first.prefix(200)))
        }
    }
}
