import NHIModel
import Yams

/// A framework mapping as read from `frameworks/<id>.yaml`, with the line of every entry.
struct LoadedMapping {
    var mapping: FrameworkMapping
    var file: String
    var frameworkMark: Mark?
    var controlsMark: Mark?
    /// Parallel to `mapping.controls`.
    var entryMarks: [Mark?]
}

/// Reads the mapping file format documented in docs/mapping-guide.md: per control exactly one of
/// `rules` (with `rationale`), `manual` or `not-applicable` (each with its reason as the value).
enum MappingLoader {
    static let mappingKeys: Set<String> = ["framework", "controls"]
    static let entryKeys: Set<String> = ["control", "rules", "rationale", "manual", "not-applicable"]

    static func load(_ source: YAMLSource, log: ProblemLog) -> LoadedMapping? {
        let file = source.file
        guard let top = YAMLObject(source.root, file: file, what: "a framework mapping", log: log) else { return nil }
        top.rejectUnknownKeys(allowed: mappingKeys, in: "a framework mapping")
        let framework = top.string("framework", required: true, in: "the mapping")
        let nodes = top.sequence("controls", required: true, in: "the mapping") ?? []

        var controls: [ControlMapping] = [], marks: [Mark?] = []
        for node in nodes {
            guard let entry = YAMLObject(node, file: file, what: "a control mapping", log: log) else { continue }
            entry.rejectUnknownKeys(allowed: entryKeys, in: "a control mapping")
            guard let control = entry.string("control", required: true, in: "a control mapping") else { continue }
            if let mapping = controlMapping(control, entry, file: file, log: log) {
                controls.append(mapping)
                marks.append(entry.mark)
            }
        }
        guard let framework else { return nil }
        return LoadedMapping(
            mapping: FrameworkMapping(framework: framework, controls: controls), file: file,
            frameworkMark: top.mark(of: "framework"), controlsMark: top.mark(of: "controls"), entryMarks: marks)
    }

    private static func controlMapping(_ control: String, _ entry: YAMLObject, file: String, log: ProblemLog)
        -> ControlMapping?
    {
        let what = "the mapping of \(control)"
        let methods = ["rules", "manual", "not-applicable"].filter(entry.has)
        guard methods.count == 1, let method = methods.first else {
            let found = methods.isEmpty ? "none" : methods.joined(separator: " and ")
            log.add(
                file, entry.mark, "\(control) needs exactly one of rules, manual or not-applicable (found \(found))")
            return nil
        }
        if method == "rules" {
            let rules = entry.strings("rules", in: what) ?? []
            if rules.isEmpty {
                log.add(
                    file, entry.mark(of: "rules"), "\(control) lists no rules; use manual or not-applicable instead")
            }
            return ControlMapping(
                control: control, method: .rules, rules: rules, rationale: entry.string("rationale", in: what) ?? "")
        }
        if entry.has("rationale") {
            log.add(
                file, entry.mark(of: "rationale"),
                "\(control): give the reason as the value of \(method), not as rationale")
        }
        let reason = entry.string(method, in: what) ?? ""
        return ControlMapping(
            control: control, method: method == "manual" ? .manual : .notApplicable, rationale: reason)
    }
}
