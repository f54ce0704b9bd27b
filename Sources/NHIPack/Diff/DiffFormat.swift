/// The output formats of `nhi-audit diff`.
public enum DiffFormat: String, CaseIterable, Sendable {
    case text, markdown, html, json

    /// Renders the diff; `colour` applies to text only.
    public func render(_ diff: PackDiff, colour: Bool = false) throws -> String {
        switch self {
        case .text: return DiffTextRenderer(colour: colour).render(diff)
        case .markdown: return DiffMarkdownRenderer().render(diff)
        case .html: return DiffHTMLRenderer().render(diff)
        case .json: return try DiffJSONRenderer().render(diff)
        }
    }
}
