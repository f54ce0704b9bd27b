import Foundation

/// Writes the assessment results as XML in the element order NIST's XSD prescribes, into their
/// pack file as the observations and risks are made (`OSCALResultsParts`).
enum OSCALResultsXMLWriter {
    static func write(_ parts: OSCALResultsParts, pretty: Bool, to file: PackFile) throws {
        let ar = parts.frame.assessmentResults
        let w = XMLStreamWriter(to: file, indent: pretty)
        w.start("assessment-results", namespace: OSCALXMLCommon.namespace)
        w.attribute("uuid", ar.uuid)
        OSCALXMLCommon.metadata(ar.metadata, w)
        w.empty("import-ap", attributes: [("href", ar.importAP.href)])
        for result in ar.results { Self.result(result, parts, w) }
        OSCALXMLCommon.backMatter(ar.backMatter, w)
        w.end()
        try w.endDocument()
    }

    /// The result, with the observations and risks of `parts`.
    private static func result(_ result: OSCALResult, _ parts: OSCALResultsParts, _ w: XMLStreamWriter) {
        w.start("result")
        w.attribute("uuid", result.uuid)
        w.element("title", result.title.text)
        OSCALXMLCommon.markup("description", result.description, w)
        w.element("start", result.start)
        w.element("end", result.end)
        OSCALXMLCommon.props(result.props, w)
        if let local = result.localDefinitions {
            w.start("local-definitions")
            for item in local.inventoryItems {
                w.start("inventory-item")
                w.attribute("uuid", item.uuid)
                OSCALXMLCommon.markup("description", item.description, w)
                OSCALXMLCommon.props(item.props, w)
                w.end()
            }
            w.end()
        }
        w.start("reviewed-controls")
        result.reviewedControls.controlSelections.forEach { OSCALXMLCommon.controlSelection($0, w) }
        w.end()
        for index in 0..<parts.observations.count { observation(parts.observations.make(index), w) }
        for index in 0..<parts.risks.count { risk(parts.risks.make(index), w) }
        result.findings?.forEach { finding($0, w) }
        if let remarks = result.remarks { OSCALXMLCommon.markup("remarks", remarks, w) }
        w.end()
    }

    private static func observation(_ o: OSCALObservation, _ w: XMLStreamWriter) {
        w.start("observation")
        w.attribute("uuid", o.uuid)
        w.element("title", o.title.text)
        OSCALXMLCommon.markup("description", o.description, w)
        OSCALXMLCommon.props(o.props, w)
        o.methods.forEach { w.element("method", $0) }
        o.types?.forEach { w.element("type", $0) }
        for subject in o.subjects ?? [] {
            w.start("subject")
            w.attribute("subject-uuid", subject.subjectUUID)
            w.attribute("type", subject.type)
            w.end()
        }
        for evidence in o.relevantEvidence ?? [] {
            w.start("relevant-evidence")
            w.attribute("href", evidence.href)
            OSCALXMLCommon.markup("description", evidence.description, w)
            w.end()
        }
        w.element("collected", o.collected)
        w.end()
    }

    private static func risk(_ r: OSCALRisk, _ w: XMLStreamWriter) {
        w.start("risk")
        w.attribute("uuid", r.uuid)
        w.element("title", r.title.text)
        OSCALXMLCommon.markup("description", r.description, w)
        OSCALXMLCommon.markup("statement", r.statement, w)
        OSCALXMLCommon.props(r.props, w)
        w.element("status", r.status)
        w.element("deadline", r.deadline)
        for response in r.remediations ?? [] {
            w.start("response")
            w.attribute("uuid", response.uuid)
            w.attribute("lifecycle", response.lifecycle)
            w.element("title", response.title.text)
            OSCALXMLCommon.markup("description", response.description, w)
            OSCALXMLCommon.props(response.props, w)
            w.end()
        }
        if let log = r.riskLog {
            w.start("risk-log")
            log.entries.forEach { entry($0, w) }
            w.end()
        }
        for related in r.relatedObservations {
            w.start("related-observation")
            w.attribute("observation-uuid", related.observationUUID)
            w.end()
        }
        w.end()
    }

    private static func entry(_ e: OSCALRiskLogEntry, _ w: XMLStreamWriter) {
        w.start("entry")
        w.attribute("uuid", e.uuid)
        w.element("title", e.title.text)
        OSCALXMLCommon.markup("description", e.description, w)
        w.element("start", e.start)
        w.element("end", e.end)
        OSCALXMLCommon.props(e.props, w)
        for logged in e.loggedBy ?? [] { w.empty("logged-by", attributes: [("party-uuid", logged.partyUUID)]) }
        w.element("status-change", e.statusChange)
        for related in e.relatedResponses ?? [] {
            w.empty("related-response", attributes: [("response-uuid", related.responseUUID)])
        }
        w.end()
    }

    private static func finding(_ f: OSCALFinding, _ w: XMLStreamWriter) {
        w.start("finding")
        w.attribute("uuid", f.uuid)
        w.element("title", f.title.text)
        OSCALXMLCommon.markup("description", f.description, w)
        OSCALXMLCommon.props(f.props, w)
        w.start("target")
        w.attribute("type", f.target.type)
        w.attribute("target-id", f.target.targetID)
        w.empty("status", attributes: [("state", f.target.status.state), ("reason", f.target.status.reason)])
        if let remarks = f.target.remarks { OSCALXMLCommon.markup("remarks", remarks, w) }
        w.end()
        // A failed control of a large pack relates tens of thousands of observations and risks:
        // read in place and written attribute by attribute, without a list of attributes each.
        f.relatedObservations?.withUnsafeBufferPointer { related in
            for index in related.indices {
                w.start("related-observation")
                w.attribute("observation-uuid", related[index].observationUUID)
                w.end()
            }
        }
        f.relatedRisks?.withUnsafeBufferPointer { related in
            for index in related.indices {
                w.start("associated-risk")
                w.attribute("risk-uuid", related[index].riskUUID)
                w.end()
            }
        }
        w.end()
    }
}
