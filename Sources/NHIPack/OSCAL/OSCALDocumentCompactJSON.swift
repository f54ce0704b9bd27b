// The assessment results document around its observations and risks as compact JSON, with
// OSCAL's JSON names. Members are in the byte order of their keys, as JSONEncoder sorts them.

/// The document with the observations and risks made as they are written into its one result.
extension OSCALResultsParts: CompactJSON {
    func write(to json: inout CompactJSONWriter) {
        let document = frame.assessmentResults
        json.openObject()
        json.key("assessment-results")
        json.openObject()
        json.member("back-matter", document.backMatter)
        json.member("import-ap", document.importAP)
        json.member("metadata", document.metadata)
        json.key("results")
        json.openArray()
        for (index, result) in document.results.enumerated() {
            guard index == 0 else {
                result.write(to: &json)
                continue
            }
            // The lists belong to the first result (the pack writes one); OSCAL forbids empty lists.
            result.write(
                to: &json, observations: observations.count > 0 ? observations : nil,
                risks: risks.count > 0 ? risks : nil)
        }
        json.closeArray()
        json.member("uuid", document.uuid)
        json.closeObject()
        json.closeObject()
    }
}

/// Made element by element as they are written.
extension OSCALElements: CompactJSON where Element: CompactJSON {
    func write(to json: inout CompactJSONWriter) {
        json.openArray()
        for index in 0..<count { make(index).write(to: &json) }
        json.closeArray()
    }
}

extension OSCALResult: CompactJSON {
    func write(to json: inout CompactJSONWriter) {
        write(to: &json, observations: observations, risks: risks)
    }

    /// The result with `observations` and `risks` in place of its own lists.
    func write(
        to json: inout CompactJSONWriter, observations: (some CompactJSON)?, risks: (some CompactJSON)?
    ) {
        json.openObject()
        json.member("description", description)
        json.member("end", end)
        json.member("findings", findings)
        json.member("local-definitions", localDefinitions)
        json.member("observations", observations)
        json.member("props", props)
        json.member("remarks", remarks)
        json.member("reviewed-controls", reviewedControls)
        json.member("risks", risks)
        json.member("start", start)
        json.member("title", title)
        json.member("uuid", uuid)
        json.closeObject()
    }
}

extension OSCALImportAP: CompactJSON {
    func write(to json: inout CompactJSONWriter) {
        json.openObject()
        json.member("href", href)
        json.closeObject()
    }
}

extension OSCALMetadata: CompactJSON {
    func write(to json: inout CompactJSONWriter) {
        json.openObject()
        json.member("last-modified", lastModified)
        json.member("links", links)
        json.member("oscal-version", oscalVersion)
        json.member("parties", parties)
        json.member("props", props)
        json.member("remarks", remarks)
        json.member("title", title)
        json.member("version", version)
        json.closeObject()
    }
}

extension OSCALParty: CompactJSON {
    func write(to json: inout CompactJSONWriter) {
        json.openObject()
        json.member("name", name)
        json.member("type", type)
        json.member("uuid", uuid)
        json.closeObject()
    }
}

extension OSCALLink: CompactJSON {
    func write(to json: inout CompactJSONWriter) {
        json.openObject()
        json.member("href", href)
        json.member("media-type", mediaType)
        json.member("rel", rel)
        json.closeObject()
    }
}

extension OSCALBackMatter: CompactJSON {
    func write(to json: inout CompactJSONWriter) {
        json.openObject()
        json.member("resources", resources)
        json.closeObject()
    }
}

extension OSCALResource: CompactJSON {
    func write(to json: inout CompactJSONWriter) {
        json.openObject()
        json.member("description", description)
        json.member("props", props)
        json.member("rlinks", rlinks)
        json.member("title", title)
        json.member("uuid", uuid)
        json.closeObject()
    }
}

extension OSCALRLink: CompactJSON {
    func write(to json: inout CompactJSONWriter) {
        json.openObject()
        json.member("hashes", hashes)
        json.member("href", href)
        json.member("media-type", mediaType)
        json.closeObject()
    }
}

extension OSCALHash: CompactJSON {
    func write(to json: inout CompactJSONWriter) {
        json.openObject()
        json.member("algorithm", algorithm)
        json.member("value", value)
        json.closeObject()
    }
}

extension OSCALLocalDefinitions: CompactJSON {
    func write(to json: inout CompactJSONWriter) {
        json.openObject()
        json.member("inventory-items", inventoryItems)
        json.closeObject()
    }
}

extension OSCALInventoryItem: CompactJSON {
    func write(to json: inout CompactJSONWriter) {
        json.openObject()
        json.member("description", description)
        json.member("props", props)
        json.member("uuid", uuid)
        json.closeObject()
    }
}

extension OSCALReviewedControls: CompactJSON {
    func write(to json: inout CompactJSONWriter) {
        json.openObject()
        json.member("control-selections", controlSelections)
        json.closeObject()
    }
}

extension OSCALControlSelection: CompactJSON {
    func write(to json: inout CompactJSONWriter) {
        json.openObject()
        json.member("description", description)
        json.member("exclude-controls", excludeControls)
        json.member("include-all", includeAll)
        json.member("include-controls", includeControls)
        json.member("links", links)
        json.member("props", props)
        json.member("remarks", remarks)
        json.closeObject()
    }
}

extension OSCALIncludeAll: CompactJSON {
    func write(to json: inout CompactJSONWriter) {
        json.openObject()
        json.closeObject()
    }
}

extension OSCALSelectControl: CompactJSON {
    func write(to json: inout CompactJSONWriter) {
        json.openObject()
        json.member("control-id", controlID)
        json.closeObject()
    }
}

extension OSCALFinding: CompactJSON {
    func write(to json: inout CompactJSONWriter) {
        json.openObject()
        json.member("description", description)
        json.member("props", props)
        json.member("related-observations", relatedObservations)
        json.member("related-risks", relatedRisks)
        json.member("target", target)
        json.member("title", title)
        json.member("uuid", uuid)
        json.closeObject()
    }
}

extension OSCALTarget: CompactJSON {
    func write(to json: inout CompactJSONWriter) {
        json.openObject()
        json.member("remarks", remarks)
        json.member("status", status)
        json.member("target-id", targetID)
        json.member("type", type)
        json.closeObject()
    }
}

extension OSCALTargetStatus: CompactJSON {
    func write(to json: inout CompactJSONWriter) {
        json.openObject()
        json.member("reason", reason)
        json.member("state", state)
        json.closeObject()
    }
}

extension OSCALRelatedRisk: CompactJSON {
    func write(to json: inout CompactJSONWriter) {
        json.openObject()
        json.member("risk-uuid", riskUUID)
        json.closeObject()
    }
}
