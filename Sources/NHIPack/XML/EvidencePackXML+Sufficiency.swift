import NHIModel

/// What the evidence covered: the declared targets' evidence kinds and the populations rules evaluated.
extension EvidencePackXML {
    static func writeCoverage(_ coverage: [TargetCoverage], _ w: XMLStreamWriter) {
        w.start("coverage")
        for target in coverage {
            w.start("target")
            w.attribute("environment", target.environment)
            w.attribute("platform", target.platform.rawValue)
            w.attribute("name", target.target)
            target.inputs.forEach { w.element("input", $0.rawValue) }
            target.missing.forEach { w.element("missing-input", $0.rawValue) }
            w.end()
        }
        w.end()
    }

    static func writePopulation(_ population: EvaluatedPopulation, _ w: XMLStreamWriter) {
        w.start("population")
        for count in population.counts {
            w.empty("count", attributes: [("what", count.what), ("count", String(count.count))])
        }
        population.sources.forEach { w.element("source", $0) }
        w.end()
    }
}
