/// File names inside a pack (DESIGN.md §6). Verify and diff read the same names.
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
    public static let manifest = "manifest.json"
    public static let signature = "manifest.sig"

    /// The rendered files, listed in the manifest's outputs.
    public static let outputs: Set<String> = [html, xml, oscalJSON, oscalXML, results]

    /// The schema shipped in templates/ that evidence-pack.xml must satisfy.
    public static let xmlSchema = "evidence-pack.xsd"
}
