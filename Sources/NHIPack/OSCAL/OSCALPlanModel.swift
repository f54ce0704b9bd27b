/// The subset of an OSCAL assessment plan that the pack's plan uses.
struct OSCALPlanDocument: Encodable {
    var assessmentPlan: OSCALAssessmentPlan
    enum CodingKeys: String, CodingKey { case assessmentPlan = "assessment-plan" }
}

struct OSCALAssessmentPlan: Encodable {
    var uuid: String
    var metadata: OSCALMetadata
    var importSSP: OSCALImportSSP
    var localDefinitions: OSCALPlanDefinitions
    var reviewedControls: OSCALReviewedControls
    var assessmentSubjects: [OSCALAssessmentSubject]?
    var backMatter: OSCALBackMatter
    enum CodingKeys: String, CodingKey {
        case uuid, metadata
        case importSSP = "import-ssp"
        case localDefinitions = "local-definitions"
        case reviewedControls = "reviewed-controls"
        case assessmentSubjects = "assessment-subjects"
        case backMatter = "back-matter"
    }
}

struct OSCALImportSSP: Encodable {
    var href: String
    var remarks: OSCALMarkup?
}

struct OSCALPlanDefinitions: Encodable {
    var activities: [OSCALActivity]?
    var remarks: OSCALMarkup?
}

/// A rule of the catalogue as an assessment activity, with the controls it informs.
struct OSCALActivity: Encodable {
    var uuid: String
    var title: OSCALMarkup
    var description: OSCALMarkup
    var props: [OSCALProp]?
    var relatedControls: OSCALReviewedControls?
    enum CodingKeys: String, CodingKey {
        case uuid, title, description, props
        case relatedControls = "related-controls"
    }
}

struct OSCALAssessmentSubject: Encodable {
    var type: String
    var description: OSCALMarkup
    var includeSubjects: [OSCALSubject]
    enum CodingKeys: String, CodingKey {
        case type, description
        case includeSubjects = "include-subjects"
    }
}
