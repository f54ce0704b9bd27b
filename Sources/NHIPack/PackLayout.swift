/// File names inside a pack. Verify and diff read the same names.
public enum PackLayout {
    public static let html = "index.html"
    public static let xml = "evidence-pack.xml"
    public static let oscalJSON = "oscal/assessment-results.json"
    public static let oscalXML = "oscal/assessment-results.xml"
    public static let oscalPlanJSON = "oscal/assessment-plan.json"
    public static let oscalPlanXML = "oscal/assessment-plan.xml"
    /// One OSCAL catalog per assessed framework, `<framework>.json` and `.xml`.
    public static let oscalCatalogs = "oscal/catalogs"
    public static let results = "results.json"
    /// Every finding as a spreadsheet row, with the report's facts beside it.
    public static let findingsCSV = "findings.csv"
    public static let manifest = "manifest.json"
    public static let signature = "manifest.sig"

    /// The rendered files of fixed names, listed in the manifest's outputs (the catalogs under
    /// `oscalCatalogs` are too, one pair per framework: `isOutput`).
    public static let outputs: Set<String> = [
        html, xml, oscalJSON, oscalXML, oscalPlanJSON, oscalPlanXML, results, findingsCSV,
    ]

    /// True for a path a pack's rendering may write: a fixed output or a catalog.
    public static func isOutput(_ path: String) -> Bool {
        if outputs.contains(path) { return true }
        let prefix = oscalCatalogs + "/"
        guard path.hasPrefix(prefix) else { return false }
        let name = path.dropFirst(prefix.count)
        return !name.contains("/") && (name.hasSuffix(".json") || name.hasSuffix(".xml"))
    }

    /// The folders rendering writes into.
    public static let folders: Set<String> = ["oscal", oscalCatalogs]

    /// The schema shipped in templates/ that evidence-pack.xml must satisfy.
    public static let xmlSchema = "evidence-pack.xsd"
}
