import Foundation

/// Writes the assessment plan model as XML in the element order of NIST's OSCAL metaschema.
enum OSCALPlanXMLWriter {
    static func render(_ document: OSCALPlanDocument, pretty: Bool) throws -> Data {
        let ap = document.assessmentPlan
        let w = XMLStreamWriter(indent: pretty)
        w.start("assessment-plan", namespace: OSCALXMLCommon.namespace)
        w.attribute("uuid", ap.uuid)
        OSCALXMLCommon.metadata(ap.metadata, w)
        w.start("import-ssp")
        w.attribute("href", ap.importSSP.href)
        if let remarks = ap.importSSP.remarks { OSCALXMLCommon.markup("remarks", remarks, w) }
        w.end()
        w.start("local-definitions")
        for activity in ap.localDefinitions.activities ?? [] {
            w.start("activity")
            w.attribute("uuid", activity.uuid)
            w.element("title", activity.title.text)
            OSCALXMLCommon.markup("description", activity.description, w)
            OSCALXMLCommon.props(activity.props, w)
            if let related = activity.relatedControls {
                w.start("related-controls")
                related.controlSelections.forEach { OSCALXMLCommon.controlSelection($0, w) }
                w.end()
            }
            w.end()
        }
        if let remarks = ap.localDefinitions.remarks { OSCALXMLCommon.markup("remarks", remarks, w) }
        w.end()
        w.start("reviewed-controls")
        ap.reviewedControls.controlSelections.forEach { OSCALXMLCommon.controlSelection($0, w) }
        w.end()
        for subject in ap.assessmentSubjects ?? [] {
            w.start("assessment-subject")
            w.attribute("type", subject.type)
            OSCALXMLCommon.markup("description", subject.description, w)
            for included in subject.includeSubjects {
                w.empty(
                    "include-subject", attributes: [("subject-uuid", included.subjectUUID), ("type", included.type)])
            }
            w.end()
        }
        OSCALXMLCommon.backMatter(ap.backMatter, w)
        w.end()
        return try w.finish()
    }
}
