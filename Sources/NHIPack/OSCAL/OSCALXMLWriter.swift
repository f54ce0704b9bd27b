import Foundation

/// Writes the OSCAL model as XML in the element order NIST's XSD prescribes. Markup-multiline
/// fields become one `<p>` per line.
enum OSCALXMLWriter {
    static let namespace = "http://csrc.nist.gov/ns/oscal/1.0"

    static func render(_ document: OSCALDocument) throws -> Data {
        let ar = document.assessmentResults
        let w = try XMLStreamWriter()
        w.start("assessment-results", namespace: namespace)
        w.attribute("uuid", ar.uuid)
        w.start("metadata")
        w.element("title", ar.metadata.title.text)
        w.element("last-modified", ar.metadata.lastModified)
        w.element("version", ar.metadata.version)
        w.element("oscal-version", ar.metadata.oscalVersion)
        props(ar.metadata.props, w)
        w.end()
        w.empty("import-ap", attributes: [("href", ar.importAP.href)])
        ar.results.forEach { result($0, w) }
        if let backMatter = ar.backMatter {
            w.start("back-matter")
            backMatter.resources.forEach { resource($0, w) }
            w.end()
        }
        w.end()
        return try w.finish()
    }

    private static func result(_ result: OSCALResult, _ w: XMLStreamWriter) {
        w.start("result")
        w.attribute("uuid", result.uuid)
        w.element("title", result.title.text)
        markup("description", result.description, w)
        w.element("start", result.start)
        w.element("end", result.end)
        props(result.props, w)
        if let local = result.localDefinitions {
            w.start("local-definitions")
            for item in local.inventoryItems {
                w.start("inventory-item")
                w.attribute("uuid", item.uuid)
                markup("description", item.description, w)
                props(item.props, w)
                w.end()
            }
            w.end()
        }
        w.start("reviewed-controls")
        for selection in result.reviewedControls.controlSelections {
            w.start("control-selection")
            markup("description", selection.description, w)
            if selection.includeAll != nil { w.empty("include-all", attributes: []) }
            for control in selection.includeControls ?? [] {
                w.empty("include-control", attributes: [("control-id", control.controlID)])
            }
            w.end()
        }
        w.end()
        result.observations?.forEach { observation($0, w) }
        result.risks?.forEach { risk($0, w) }
        result.findings?.forEach { finding($0, w) }
        w.end()
    }

    private static func observation(_ o: OSCALObservation, _ w: XMLStreamWriter) {
        w.start("observation")
        w.attribute("uuid", o.uuid)
        w.element("title", o.title.text)
        markup("description", o.description, w)
        props(o.props, w)
        o.methods.forEach { w.element("method", $0) }
        o.types.forEach { w.element("type", $0) }
        for subject in o.subjects {
            w.empty("subject", attributes: [("subject-uuid", subject.subjectUUID), ("type", subject.type)])
        }
        for evidence in o.relevantEvidence ?? [] {
            w.start("relevant-evidence")
            w.attribute("href", evidence.href)
            markup("description", evidence.description, w)
            w.end()
        }
        w.element("collected", o.collected)
        w.end()
    }

    private static func risk(_ r: OSCALRisk, _ w: XMLStreamWriter) {
        w.start("risk")
        w.attribute("uuid", r.uuid)
        w.element("title", r.title.text)
        markup("description", r.description, w)
        markup("statement", r.statement, w)
        props(r.props, w)
        w.element("status", r.status)
        for related in r.relatedObservations {
            w.empty("related-observation", attributes: [("observation-uuid", related.observationUUID)])
        }
        w.end()
    }

    private static func finding(_ f: OSCALFinding, _ w: XMLStreamWriter) {
        w.start("finding")
        w.attribute("uuid", f.uuid)
        w.element("title", f.title.text)
        markup("description", f.description, w)
        props(f.props, w)
        w.start("target")
        w.attribute("type", f.target.type)
        w.attribute("target-id", f.target.targetID)
        w.empty("status", attributes: [("state", f.target.status.state), ("reason", f.target.status.reason)])
        if let remarks = f.target.remarks { markup("remarks", remarks, w) }
        w.end()
        for related in f.relatedObservations ?? [] {
            w.empty("related-observation", attributes: [("observation-uuid", related.observationUUID)])
        }
        for related in f.relatedRisks ?? [] {
            w.empty("associated-risk", attributes: [("risk-uuid", related.riskUUID)])
        }
        w.end()
    }

    private static func resource(_ r: OSCALResource, _ w: XMLStreamWriter) {
        w.start("resource")
        w.attribute("uuid", r.uuid)
        w.element("title", r.title.text)
        if let description = r.description { markup("description", description, w) }
        props(r.props, w)
        for link in r.rlinks ?? [] {
            w.start("rlink")
            w.attribute("href", link.href)
            for hash in link.hashes ?? [] {
                w.element("hash", hash.value, attributes: [("algorithm", hash.algorithm)])
            }
            w.end()
        }
        w.end()
    }

    private static func props(_ props: [OSCALProp]?, _ w: XMLStreamWriter) {
        for prop in props ?? [] {
            w.empty("prop", attributes: [("name", prop.name), ("ns", prop.ns), ("value", prop.value)])
        }
    }

    private static func markup(_ name: String, _ markup: OSCALMarkup, _ w: XMLStreamWriter) {
        w.start(name)
        let paragraphs = markup.text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        for paragraph in paragraphs.isEmpty ? ["-"] : paragraphs { w.element("p", paragraph) }
        w.end()
    }
}
