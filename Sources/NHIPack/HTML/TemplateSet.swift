import Foundation
import Mustache

/// The report templates, loaded at run time from templates/ with any file of the same name in
/// the override folder taking precedence. Loading fails when the root template is missing, a
/// template does not parse, or a template names a partial that does not exist (swift-mustache
/// would otherwise render a missing partial as nothing, silently).
struct TemplateSet {
    static let root = "report"
    static let stylesheet = "report.css"

    let library: MustacheLibrary
    let css: String

    static func load(defaultFolder: URL, override: URL?) throws -> TemplateSet {
        var sources: [String: (url: URL, text: String)] = [:]
        for folder in [defaultFolder, override].compactMap({ $0 }) {
            for url in try templateFiles(in: folder) {
                sources[url.deletingPathExtension().lastPathComponent] = (url, try read(url))
            }
        }
        guard sources[root] != nil else {
            throw PackError.template(
                "\(defaultFolder.appendingPathComponent("\(root).mustache").path): missing report template")
        }
        var library = MustacheLibrary()
        for (name, source) in sources.sorted(by: { $0.key < $1.key }) {
            do { library.register(try MustacheTemplate(string: source.text), named: name) } catch let error
                as MustacheTemplate.ParserError
            {
                let position = "\(error.context.lineNumber):\(error.context.columnNumber)"
                throw PackError.template("\(source.url.path):\(position): template does not parse: \(error.error)")
            }
        }
        for (_, source) in sources.sorted(by: { $0.key < $1.key }) {
            for reference in partialReferences(in: source.text) where sources[reference.name] == nil {
                throw PackError.template(
                    "\(source.url.path):\(reference.line): partial \"\(reference.name)\" not found")
            }
        }
        let cssURL =
            override.map { $0.appendingPathComponent(stylesheet) }.flatMap {
                FileManager.default.fileExists(atPath: $0.path) ? $0 : nil
            }
            ?? defaultFolder.appendingPathComponent(stylesheet)
        return TemplateSet(library: library, css: try read(cssURL))
    }

    func render(_ context: [String: Any]) throws -> String {
        guard let html = library.render(context, withTemplate: Self.root) else {
            throw PackError.template("template \(Self.root) not found")
        }
        return html
    }

    /// `{{> name}}` and `{{< name}}` references (dynamic `{{>*name}}` partials cannot be checked).
    static func partialReferences(in text: String) -> [(name: String, line: Int)] {
        var references: [(String, Int)] = []
        // Made once: a regex literal inside the loop is built again for every line, which took
        // tens of milliseconds of each pack.
        let reference = /\{\{\s*[><]\s*([^\s*}][^\s}]*)\s*\}\}/
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            for match in line.matches(of: reference) {
                references.append((String(match.1), index + 1))
            }
        }
        return references
    }

    private static func templateFiles(in folder: URL) throws -> [URL] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
            throw PackError.template("\(folder.path): templates folder not found")
        }
        return names.filter { $0.hasSuffix(".mustache") }.sorted().map { folder.appendingPathComponent($0) }
    }

    private static func read(_ url: URL) throws -> String {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw PackError.template("\(url.path): cannot read")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
