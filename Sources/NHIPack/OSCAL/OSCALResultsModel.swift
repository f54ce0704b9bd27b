/// The subset of OSCAL assessment results (1.1/1.2) that a pack uses.
struct OSCALResultsDocument: Encodable {
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
    var remarks: OSCALMarkup?
    enum CodingKeys: String, CodingKey {
        case uuid, title, description, start, end, props, observations, risks, findings, remarks
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
    var props: [OSCALProp]?
    /// The catalog the control ids resolve in.
    var links: [OSCALLink]?
    /// Set only when no control is in scope at all: OSCAL requires a selection.
    var includeAll: OSCALIncludeAll?
    var includeControls: [OSCALSelectControl]?
    var excludeControls: [OSCALSelectControl]?
    var remarks: OSCALMarkup?
    enum CodingKeys: String, CodingKey {
        case description, props, links, remarks
        case includeAll = "include-all"
        case includeControls = "include-controls"
        case excludeControls = "exclude-controls"
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
    var types: [String]?
    var subjects: [OSCALSubject]?
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
    var deadline: String?
    var remediations: [OSCALResponse]?
    var riskLog: OSCALRiskLog?
    var relatedObservations: [OSCALRelatedObservation]
    enum CodingKeys: String, CodingKey {
        case uuid, title, description, statement, props, status, deadline, remediations
        case riskLog = "risk-log"
        case relatedObservations = "related-observations"
    }
}

/// A response to a risk; for a waiver, the accepted deviation with its justification.
struct OSCALResponse: Encodable {
    var uuid: String
    var lifecycle: String
    var title: OSCALMarkup
    var description: OSCALMarkup
    var props: [OSCALProp]?
}

struct OSCALRiskLog: Encodable {
    var entries: [OSCALRiskLogEntry]
}

struct OSCALRiskLogEntry: Encodable {
    var uuid: String
    var title: OSCALMarkup
    var description: OSCALMarkup
    var start: String
    var end: String?
    var props: [OSCALProp]?
    var loggedBy: [OSCALLoggedBy]?
    var statusChange: String
    var relatedResponses: [OSCALRelatedResponse]?
    enum CodingKeys: String, CodingKey {
        case uuid, title, description, start, end, props
        case loggedBy = "logged-by"
        case statusChange = "status-change"
        case relatedResponses = "related-responses"
    }
}

struct OSCALLoggedBy: Encodable {
    var partyUUID: String
    enum CodingKeys: String, CodingKey { case partyUUID = "party-uuid" }
}

struct OSCALRelatedResponse: Encodable {
    var responseUUID: String
    enum CodingKeys: String, CodingKey { case responseUUID = "response-uuid" }
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
