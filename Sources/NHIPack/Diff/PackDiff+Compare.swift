import NHIModel

extension PackDiff {
    /// Compares two packs' results. Refuses documents whose schema version this code does not know.
    public init(old: ResultsDocument, new: ResultsDocument) throws(DiffInputError) {
        for (side, document) in [("old", old), ("new", new)]
        where document.schemaVersion != ResultsDocument.currentSchemaVersion {
            throw .unknownDocumentSchema(
                side: side, found: document.schemaVersion, known: ResultsDocument.currentSchemaVersion)
        }
        let mapping = MappingDrift.compare(old: old, new: new)
        self.init(
            old: Side(old), new: Side(new),
            controls: ControlComparison.compare(old: old.frameworks, new: new.frameworks),
            findings: FindingComparison.compare(old: old.findings, new: new.findings),
            waivers: WaiverComparison.compare(old: old.waivers, new: new.waivers, newGeneratedAt: new.generatedAt),
            metrics: MetricComparison.compare(old: old.metrics, new: new.metrics),
            mapping: mapping,
            warnings: MappingDrift.warnings(old: old, new: new, mapping: mapping))
    }

    /// Reads two pack folders (or results.json files) and compares them.
    public static func load(old: String, new: String) throws(DiffInputError) -> PackDiff {
        try PackDiff(old: PackResults.load(old).document, new: PackResults.load(new).document)
    }
}

extension PackDiff.Side {
    init(_ document: ResultsDocument) {
        self.init(
            generatedAt: document.generatedAt, organisation: document.scope.organisation,
            toolVersion: document.tool.version,
            mappingDigest: document.mappingDigest, policyDigest: document.policyDigest)
    }
}
