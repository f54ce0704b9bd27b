// OSCAL's observations and risks (one each per finding, the bulk of the assessment results) as
// compact JSON, with OSCAL's JSON names. Members are in the byte order of their keys, as
// JSONEncoder sorts them.

extension OSCALObservation: CompactJSON {
    func write(to json: inout CompactJSONWriter) {
        json.openObject()
        json.member("collected", collected)
        json.member("description", description)
        json.member("methods", methods)
        json.member("props", props)
        json.member("relevant-evidence", relevantEvidence)
        json.member("subjects", subjects)
        json.member("title", title)
        json.member("types", types)
        json.member("uuid", uuid)
        json.closeObject()
    }
}

extension OSCALSubject: CompactJSON {
    func write(to json: inout CompactJSONWriter) {
        json.openObject()
        json.member("subject-uuid", subjectUUID)
        json.member("type", type)
        json.closeObject()
    }
}

extension OSCALRelevantEvidence: CompactJSON {
    func write(to json: inout CompactJSONWriter) {
        json.openObject()
        json.member("description", description)
        json.member("href", href)
        json.closeObject()
    }
}

extension OSCALRisk: CompactJSON {
    func write(to json: inout CompactJSONWriter) {
        json.openObject()
        json.member("deadline", deadline)
        json.member("description", description)
        json.member("props", props)
        json.member("related-observations", relatedObservations)
        json.member("remediations", remediations)
        json.member("risk-log", riskLog)
        json.member("statement", statement)
        json.member("status", status)
        json.member("title", title)
        json.member("uuid", uuid)
        json.closeObject()
    }
}

extension OSCALResponse: CompactJSON {
    func write(to json: inout CompactJSONWriter) {
        json.openObject()
        json.member("description", description)
        json.member("lifecycle", lifecycle)
        json.member("props", props)
        json.member("title", title)
        json.member("uuid", uuid)
        json.closeObject()
    }
}

extension OSCALRiskLog: CompactJSON {
    func write(to json: inout CompactJSONWriter) {
        json.openObject()
        json.member("entries", entries)
        json.closeObject()
    }
}

extension OSCALRiskLogEntry: CompactJSON {
    func write(to json: inout CompactJSONWriter) {
        json.openObject()
        json.member("description", description)
        json.member("end", end)
        json.member("logged-by", loggedBy)
        json.member("props", props)
        json.member("related-responses", relatedResponses)
        json.member("start", start)
        json.member("status-change", statusChange)
        json.member("title", title)
        json.member("uuid", uuid)
        json.closeObject()
    }
}

extension OSCALLoggedBy: CompactJSON {
    func write(to json: inout CompactJSONWriter) {
        json.openObject()
        json.member("party-uuid", partyUUID)
        json.closeObject()
    }
}

extension OSCALRelatedResponse: CompactJSON {
    func write(to json: inout CompactJSONWriter) {
        json.openObject()
        json.member("response-uuid", responseUUID)
        json.closeObject()
    }
}

extension OSCALRelatedObservation: CompactJSON {
    func write(to json: inout CompactJSONWriter) {
        json.openObject()
        json.member("observation-uuid", observationUUID)
        json.closeObject()
    }
}

extension OSCALProp: CompactJSON {
    func write(to json: inout CompactJSONWriter) {
        json.openObject()
        json.member("name", name)
        json.member("ns", ns)
        json.member("value", value)
        json.closeObject()
    }
}

/// Markdown, as a string (`OSCALMarkup.encode(to:)`).
extension OSCALMarkup: CompactJSON {
    func write(to json: inout CompactJSONWriter) { json.string(markdown) }
}
