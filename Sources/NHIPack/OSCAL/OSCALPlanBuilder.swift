import Foundation
import NHIModel

/// Builds the pack's OSCAL assessment plan (oscal/assessment-plan.*), which the assessment
/// results import: the scope, the frameworks' controls selected (linked to the shipped catalogs),
/// each rule of the catalogue as an activity with the controls it informs, and the evidence files
/// as the subjects. There is no system security plan: `import-ssp` opens a back-matter resource
/// describing the audited scope instead.
enum OSCALPlanBuilder {
    static func fileName(_ format: OSCALFormat) -> String { "assessment-plan.\(format.fileExtension)" }

    static func build(_ context: OSCALContext, rules: [PackRule]) -> OSCALPlanDocument {
        let doc = context.doc, ids = context.ids
        let selections = doc.frameworks.compactMap { OSCALControlStatements.selection($0, context) }
        let scope = scopeResource(doc.scope, ids)
        let subjects = context.evidence.subjectUUIDs.map { OSCALSubject(subjectUUID: $0, type: "resource") }
        return OSCALPlanDocument(
            assessmentPlan: OSCALAssessmentPlan(
                uuid: ids.uuid("assessment-plan", doc.mappingDigest + doc.policyDigest),
                metadata: OSCALMetadata(
                    title: OSCALText.markupLine("NHI assessment plan: \(doc.scope.organisation)"),
                    lastModified: context.generated,
                    version: context.generated,
                    oscalVersion: OSCALContext.oscalVersion,
                    props: OSCALText.props([
                        ("tool-version", doc.tool.version), ("mapping-digest", doc.mappingDigest),
                        ("policy-digest", doc.policyDigest),
                    ]),
                    links: nil, parties: nil, remarks: nil
                ),
                importSSP: OSCALImportSSP(
                    href: "#\(scope.uuid)",
                    remarks:
                        "No system security plan exists for this assessment; the resource describes the audited scope."),
                localDefinitions: OSCALPlanDefinitions(
                    activities: OSCALText.nonEmpty(activities(rules, context)), remarks: nil),
                reviewedControls: OSCALReviewedControls(
                    controlSelections: selections.isEmpty
                        ? [
                            OSCALControlSelection(
                                description: "No framework control is in scope of this pack", props: nil, links: nil,
                                includeAll: OSCALIncludeAll(),
                                includeControls: nil, excludeControls: nil, remarks: nil)
                        ] : selections),
                assessmentSubjects: subjects.isEmpty
                    ? nil
                    : [
                        OSCALAssessmentSubject(
                            type: "resource",
                            description:
                                "The evidence files the assessment reads (back-matter resources with their SHA-256).",
                            includeSubjects: subjects)
                    ],
                backMatter: OSCALBackMatter(resources: [scope] + context.sharedResources)
            ))
    }

    /// The rules the pack's method section lists, or (without that list) the rules the results
    /// evaluated.
    private static func activities(_ rules: [PackRule], _ context: OSCALContext) -> [OSCALActivity] {
        let evaluations = Dictionary(context.doc.ruleEvaluations.map { ($0.rule, $0) }) { first, _ in first }
        let catalogue =
            rules.isEmpty
            ? context.doc.ruleEvaluations.map {
                PackRule(RuleDescriptor(id: $0.rule, title: $0.rule, severity: .info, inputs: []), policy: .defaults)
            }
            : rules
        return catalogue.sorted { $0.rule.id < $1.rule.id }.map { entry in
            let rule = entry.rule
            let selections = context.doc.frameworks.compactMap { framework -> OSCALControlSelection? in
                let informed = framework.controls.filter { $0.status != .notApplicable && $0.rules.contains(rule.id) }
                guard !informed.isEmpty else { return nil }
                return OSCALControlSelection(
                    description: OSCALText.markupLine(framework.name), props: nil,
                    links: context.catalogLink(framework.framework), includeAll: nil,
                    includeControls: informed.map {
                        OSCALSelectControl(
                            controlID: OSCALIdentifiers.controlToken($0.id, framework: framework.framework))
                    },
                    excludeControls: nil, remarks: nil)
            }
            let thresholds = entry.thresholdValues.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(
                separator: ", ")
            return OSCALActivity(
                uuid: context.ids.uuid("activity", rule.id),
                title: OSCALText.markupLine(rules.isEmpty ? "Rule \(rule.id)" : "Rule \(rule.id): \(rule.title)"),
                description: OSCALText.markupText(
                    "nhi-audit rule \(rule.id) (\(rule.severity.rawValue)) run over the evidence."
                        + (rule.inputs.isEmpty
                            ? "" : " Inputs: \(rule.inputs.map(\.humanDescription).joined(separator: "; ")).")),
                props: OSCALText.props([
                    ("rule", rule.id), ("severity", rules.isEmpty ? "" : rule.severity.rawValue),
                    ("inputs", rule.inputs.map(\.rawValue).joined(separator: " ")), ("thresholds", thresholds),
                    ("evaluation", evaluations[rule.id]?.state.rawValue ?? ""),
                ]),
                relatedControls: selections.isEmpty ? nil : OSCALReviewedControls(controlSelections: selections)
            )
        }
    }

    private static func scopeResource(_ scope: Scope, _ ids: OSCALIdentifiers) -> OSCALResource {
        var lines = ["Organisation: \(scope.organisation)."]
        if let start = scope.periodStart, let end = scope.periodEnd {
            lines.append("Period: \(ISO8601.string(from: start)) to \(ISO8601.string(from: end)).")
        }
        for environment in scope.environments {
            let parts =
                [environment.production ? "production" : "non-production"]
                + environment.awsAccounts.map { "AWS account \($0)" }
                + environment.kubernetes.map { "Kubernetes \($0)" }
                + environment.github.map { "GitHub \($0)" }
                + environment.gcpProjects.map { "GCP project \($0)" }
                + environment.entraTenants.map { "Entra tenant \($0)" }
            lines.append("Environment \(environment.name): \(parts.joined(separator: ", ")).")
        }
        if !scope.declared { lines.append("No scope.yaml was given: environments are not declared.") }
        return OSCALResource(
            uuid: ids.uuid("resource", "scope"),
            title: OSCALText.markupLine("Audited scope: \(scope.organisation)"),
            description: OSCALText.markupText(lines.joined(separator: "\n")),
            props: OSCALText.props([("organisation", scope.organisation)]),
            rlinks: nil
        )
    }
}
