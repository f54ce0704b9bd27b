/// The subset of OSCAL 1.x assessment results that a pack uses. One model feeds both the JSON
/// (Codable, OSCAL's JSON names) and the XML writer, so the two cannot drift apart. Lists are
/// optional because OSCAL JSON forbids empty arrays: nil means "absent".
struct OSCALDocument: Encodable {
    var assessmentResults: OSCALAssessmentResults
    enum CodingKeys: String, CodingKey { case assessmentResults = "assessment-results" }
}

struct OSCALAssessmentResults: Encodable {
    var uuid: String
    var metadata: OSCALMetadata
    var importAP: OSCALImportAP
    var results: [OSCALResult]
    var backMatter: OSCALBackMatter?
    enum CodingKeys: String, CodingKey {
        case uuid, metadata, results
        case importAP = "import-ap"
        case backMatter = "back-matter"
    }
}

struct OSCALMetadata: Encodable {
    var title: OSCALMarkup
    var lastModified: String
    var version: String
    var oscalVersion: String
    var props: [OSCALProp]?
    enum CodingKeys: String, CodingKey {
        case title, version, props
        case lastModified = "last-modified"
        case oscalVersion = "oscal-version"
    }
}

struct OSCALProp: Encodable {
    var name: String
    var ns: String?
    var value: String
}

struct OSCALImportAP: Encodable {
    var href: String
}

struct OSCALResult: Encodable {
    var uuid: String
    var title: OSCALMarkup
    var description: OSCALMarkup
    var start: String
    var end: String?
    var props: [OSCALProp]?
    var localDefinitions: OSCALLocalDefinitions?
    var reviewedControls: OSCALReviewedControls
    var observations: [OSCALObservation]?
    var risks: [OSCALRisk]?
    var findings: [OSCALFinding]?
    enum CodingKeys: String, CodingKey {
        case uuid, title, description, start, end, props, observations, risks, findings
        case localDefinitions = "local-definitions"
        case reviewedControls = "reviewed-controls"
    }
}

struct OSCALLocalDefinitions: Encodable {
    var inventoryItems: [OSCALInventoryItem]
    enum CodingKeys: String, CodingKey { case inventoryItems = "inventory-items" }
}

struct OSCALInventoryItem: Encodable {
    var uuid: String
    var description: OSCALMarkup
    var props: [OSCALProp]?
}

struct OSCALReviewedControls: Encodable {
    var controlSelections: [OSCALControlSelection]
    enum CodingKeys: String, CodingKey { case controlSelections = "control-selections" }
}

struct OSCALControlSelection: Encodable {
    var description: OSCALMarkup
    /// Set only when no control is in scope at all: OSCAL requires a selection.
    var includeAll: OSCALIncludeAll?
    var includeControls: [OSCALSelectControl]?
    enum CodingKeys: String, CodingKey {
        case description
        case includeAll = "include-all"
        case includeControls = "include-controls"
    }
}

struct OSCALIncludeAll: Encodable {}

struct OSCALSelectControl: Encodable {
    var controlID: String
    enum CodingKeys: String, CodingKey { case controlID = "control-id" }
}

struct OSCALObservation: Encodable {
    var uuid: String
    var title: OSCALMarkup
    var description: OSCALMarkup
    var props: [OSCALProp]?
    var methods: [String]
    var types: [String]
    var subjects: [OSCALSubject]
    var relevantEvidence: [OSCALRelevantEvidence]?
    var collected: String
    enum CodingKeys: String, CodingKey {
        case uuid, title, description, props, methods, types, subjects, collected
        case relevantEvidence = "relevant-evidence"
    }
}

struct OSCALSubject: Encodable {
    var subjectUUID: String
    var type: String
    enum CodingKeys: String, CodingKey {
        case type
        case subjectUUID = "subject-uuid"
    }
}

struct OSCALRelevantEvidence: Encodable {
    var href: String
    var description: OSCALMarkup
}

struct OSCALRisk: Encodable {
    var uuid: String
    var title: OSCALMarkup
    var description: OSCALMarkup
    var statement: OSCALMarkup
    var props: [OSCALProp]?
    var status: String
    var relatedObservations: [OSCALRelatedObservation]
    enum CodingKeys: String, CodingKey {
        case uuid, title, description, statement, props, status
        case relatedObservations = "related-observations"
    }
}

struct OSCALRelatedObservation: Encodable {
    var observationUUID: String
    enum CodingKeys: String, CodingKey { case observationUUID = "observation-uuid" }
}

struct OSCALRelatedRisk: Encodable {
    var riskUUID: String
    enum CodingKeys: String, CodingKey { case riskUUID = "risk-uuid" }
}

struct OSCALFinding: Encodable {
    var uuid: String
    var title: OSCALMarkup
    var description: OSCALMarkup
    var props: [OSCALProp]?
    var target: OSCALTarget
    var relatedObservations: [OSCALRelatedObservation]?
    var relatedRisks: [OSCALRelatedRisk]?
    enum CodingKeys: String, CodingKey {
        case uuid, title, description, props, target
        case relatedObservations = "related-observations"
        case relatedRisks = "related-risks"
    }
}

struct OSCALTarget: Encodable {
    var type: String
    var targetID: String
    var status: OSCALTargetStatus
    var remarks: OSCALMarkup?
    enum CodingKeys: String, CodingKey {
        case type, status, remarks
        case targetID = "target-id"
    }
}

struct OSCALTargetStatus: Encodable {
    var state: String
    var reason: String?
}

struct OSCALBackMatter: Encodable {
    var resources: [OSCALResource]
}

struct OSCALResource: Encodable {
    var uuid: String
    var title: OSCALMarkup
    var description: OSCALMarkup?
    var props: [OSCALProp]?
    var rlinks: [OSCALRLink]?
}

struct OSCALRLink: Encodable {
    var href: String
    var hashes: [OSCALHash]?
}

struct OSCALHash: Encodable {
    var algorithm: String
    var value: String
}

/// Text of an OSCAL markup field. XML carries it as text (the writer escapes it); JSON carries
/// Markdown, where an input value such as `<script>` would be raw HTML to a Markdown renderer, so
/// the JSON form backslash-escapes the characters that start HTML, entities and code.
struct OSCALMarkup: Encodable, ExpressibleByStringLiteral {
    var text: String

    init(_ text: String) { self.text = text }
    init(stringLiteral value: String) { self.text = value }

    var markdown: String {
        var escaped = ""
        for character in text {
            if "\\<>&`".contains(character) { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(markdown)
    }
}
