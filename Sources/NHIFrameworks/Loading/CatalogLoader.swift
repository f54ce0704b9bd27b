import NHIModel
import Yams

/// A catalog as read from `catalogs/<id>.yaml`, with the line of every entry for later checks.
struct LoadedCatalog {
    /// Ids this catalog's controls cite in another framework (e.g. SP 800-53 → CSF 2.0).
    struct Reference {
        var control: String
        var framework: String
        var ids: [String]
        var mark: Mark?
    }

    var catalog: Catalog
    var file: String
    var idMark: Mark?
    /// Parallel to `catalog.controls` and `catalog.withdrawn`.
    var controlMarks: [Mark?]
    var withdrawnMarks: [Mark?]
    var references: [Reference]
}

/// Reads the catalog file format documented in docs/mapping-guide.md.
enum CatalogLoader {
    static let catalogKeys: Set<String> = [
        "id", "title", "version", "publisher", "url", "note", "source", "controls", "withdrawn",
    ]
    static let controlKeys: Set<String> = [
        "id", "title", "text", "official", "parent", "assessable", "url", "references",
    ]
    static let withdrawnKeys: Set<String> = ["id", "successors", "note"]

    static func load(_ source: YAMLSource, log: ProblemLog) -> LoadedCatalog? {
        let file = source.file
        guard let top = YAMLObject(source.root, file: file, what: "a catalog", log: log) else { return nil }
        top.rejectUnknownKeys(allowed: catalogKeys, in: "a catalog")
        let id = top.string("id", required: true, in: "the catalog")
        let title = top.string("title", required: true, in: "the catalog")
        let version = top.string("version", required: true, in: "the catalog")
        let controlNodes = top.sequence("controls", required: true, in: "the catalog") ?? []

        var controls: [Control] = [], controlMarks: [Mark?] = [], references: [LoadedCatalog.Reference] = []
        for node in controlNodes {
            guard let entry = YAMLObject(node, file: file, what: "a control", log: log) else { continue }
            entry.rejectUnknownKeys(allowed: controlKeys, in: "a control")
            guard let controlId = entry.string("id", required: true, in: "a control") else { continue }
            let what = "control \(controlId)"
            let text = entry.string("text", in: what)
            // Outcome-style frameworks (CSF subcategories, ZT tenets) have no names: the text is the title.
            guard let controlTitle = entry.string("title", in: what) ?? text else {
                log.add(file, entry.mark, "\(what) needs a title or a text")
                continue
            }
            controls.append(
                Control(
                    id: controlId, title: controlTitle, text: text,
                    textIsOfficial: entry.bool("official", default: false, in: what),
                    parent: entry.string("parent", in: what),
                    assessable: entry.bool("assessable", default: true, in: what),
                    url: entry.string("url", in: what)))
            controlMarks.append(entry.mark)
            for reference in entry.stringLists("references", in: what) {
                references.append(
                    .init(control: controlId, framework: reference.key, ids: reference.values, mark: reference.mark))
            }
        }

        var withdrawn: [WithdrawnControl] = [], withdrawnMarks: [Mark?] = []
        for node in top.sequence("withdrawn", in: "the catalog") ?? [] {
            guard let entry = YAMLObject(node, file: file, what: "a withdrawn entry", log: log) else { continue }
            entry.rejectUnknownKeys(allowed: withdrawnKeys, in: "a withdrawn entry")
            guard let withdrawnId = entry.string("id", required: true, in: "a withdrawn entry") else { continue }
            let successors = entry.strings("successors", required: true, in: "withdrawn \(withdrawnId)") ?? []
            withdrawn.append(
                WithdrawnControl(
                    id: withdrawnId, successors: successors, note: entry.string("note", in: "withdrawn \(withdrawnId)"))
            )
            withdrawnMarks.append(entry.mark)
        }

        guard let id, let title, let version else { return nil }
        let catalog = Catalog(
            id: id, title: title, version: version,
            publisher: top.string("publisher", in: "the catalog"), url: top.string("url", in: "the catalog"),
            note: top.string("note", in: "the catalog"), controls: controls, withdrawn: withdrawn)
        return LoadedCatalog(
            catalog: catalog, file: file, idMark: top.mark(of: "id"), controlMarks: controlMarks,
            withdrawnMarks: withdrawnMarks, references: references)
    }
}
