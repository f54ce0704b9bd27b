import Foundation
import NHIModel
@testable import NHIPack
import TestSupport

/// Random values of the models written as compact JSON (`CompactJSONTests`): hostile strings,
/// integers of any size, dates inside and outside the years ISO 8601 formats quickly, and every
/// optional and list present or absent.
enum RandomModels {
    static func string(_ random: inout SeedMutator) -> String { CompactJSONTests.randomString(&random) }

    static func optional<T>(_ random: inout SeedMutator, _ make: (inout SeedMutator) -> T) -> T? {
        Bool.random(using: &random) ? make(&random) : nil
    }

    static func list<T>(_ random: inout SeedMutator, _ make: (inout SeedMutator) -> T) -> [T] {
        (0..<Int.random(in: 0..<4, using: &random)).map { _ in make(&random) }
    }

    static func int(_ random: inout SeedMutator) -> Int {
        Bool.random(using: &random)
            ? Int.random(in: -5...500, using: &random) : Int.random(in: .min ... .max, using: &random)
    }

    static func date(_ random: inout SeedMutator) -> Date {
        switch Int.random(in: 0..<4, using: &random) {
        case 0: Date(timeIntervalSince1970: Double(Int.random(in: 0..<253_402_300_800, using: &random)))
        case 1: Date(timeIntervalSince1970: Double(Int.random(in: -100_000_000...0, using: &random)))
        case 2: Date(timeIntervalSince1970: Double.random(in: 0..<2_000_000_000, using: &random))
        default: Date(timeIntervalSince1970: 1_790_000_000)
        }
    }

    static func finding(_ random: inout SeedMutator) -> Finding {
        var details: [String: String] = [:]
        for _ in 0..<Int.random(in: 0..<4, using: &random) { details[string(&random)] = string(&random) }
        return Finding(
            id: string(&random), rule: string(&random), severity: Severity.allCases.randomElement(using: &random)!,
            subject: string(&random), environment: optional(&random, string), summary: string(&random),
            details: details, evidence: list(&random, evidence), waiver: optional(&random, waiver),
            firstReported: optional(&random, date))
    }

    static func evidence(_ random: inout SeedMutator) -> EvidenceRef {
        EvidenceRef(
            file: string(&random), sha256: string(&random), line: optional(&random, int),
            record: optional(&random, int), pointer: optional(&random, string))
    }

    static func waiver(_ random: inout SeedMutator) -> WaiverApplication {
        WaiverApplication(
            waiverId: string(&random), expires: date(&random), active: Bool.random(using: &random),
            approved: optional(&random, date))
    }

    static func bool(_ random: inout SeedMutator) -> Bool { Bool.random(using: &random) }

    static func framework(_ random: inout SeedMutator) -> FrameworkAssessment {
        FrameworkAssessment(
            framework: string(&random), title: string(&random), version: string(&random),
            note: optional(&random, string), controls: list(&random, control))
    }

    static func control(_ random: inout SeedMutator) -> ControlResult {
        let methods: [ControlMapping.Method] = [.rules, .manual, .notApplicable]
        return ControlResult(
            id: string(&random), title: string(&random), status: ControlStatus.allCases.randomElement(using: &random)!,
            method: methods.randomElement(using: &random)!, rules: list(&random, string),
            rationale: string(&random), findings: list(&random, string),
            missingInputs: list(&random) { InputKind.allCases.randomElement(using: &$0)! },
            uncovered: list(&random, string), population: optional(&random, population),
            attestation: optional(&random, string))
    }

    static func population(_ random: inout SeedMutator) -> EvaluatedPopulation {
        EvaluatedPopulation(
            counts: list(&random) { EvaluatedPopulation.Count(what: string(&$0), count: int(&$0)) },
            sources: list(&random, string))
    }

    static func authority(_ random: inout SeedMutator) -> AuthoritySummary {
        AuthoritySummary(
            identity: IdentityID(string(&random)), name: string(&random), environments: list(&random, string),
            delivery: int(&random), operations: int(&random), identityAdmin: int(&random), read: int(&random),
            canDeliver: bool(&random), canOperate: bool(&random), dualUse: bool(&random),
            canAdminister: optional(&random, bool), inInventory: optional(&random, bool),
            outsideScope: optional(&random, bool))
    }

    static func identity(_ random: inout SeedMutator) -> IdentitySummary {
        IdentitySummary(
            id: IdentityID(string(&random)), name: string(&random), platform: Platform(rawValue: string(&random)),
            kind: IdentityKind.allCases.randomElement(using: &random)!, isHuman: bool(&random),
            inInventory: bool(&random), environments: list(&random, string), owner: optional(&random, string),
            team: optional(&random, string),
            purpose: optional(&random) { IdentityPurpose.allCases.randomElement(using: &$0)! },
            createdAt: optional(&random, date), lastUsedAt: optional(&random, date),
            credentials: list(&random, credential))
    }

    static func credential(_ random: inout SeedMutator) -> CredentialSummary {
        CredentialSummary(
            id: string(&random), kind: CredentialKind.allCases.randomElement(using: &random)!, active: bool(&random),
            issuedAt: optional(&random, date), lastUsedAt: optional(&random, date),
            expiresAt: optional(&random, date))
    }

    static func markup(_ random: inout SeedMutator) -> OSCALMarkup { OSCALMarkup(string(&random)) }

    static func props(_ random: inout SeedMutator) -> [OSCALProp]? {
        optional(&random) {
            list(&$0) { OSCALProp(name: string(&$0), ns: optional(&$0, string), value: string(&$0)) }
        }
    }

    static func observation(_ random: inout SeedMutator) -> OSCALObservation {
        OSCALObservation(
            uuid: string(&random), title: markup(&random), description: markup(&random), props: props(&random),
            methods: list(&random, string), types: optional(&random) { list(&$0, string) },
            subjects: optional(&random) {
                list(&$0) { OSCALSubject(subjectUUID: string(&$0), type: string(&$0)) }
            },
            relevantEvidence: optional(&random) {
                list(&$0) { OSCALRelevantEvidence(href: string(&$0), description: markup(&$0)) }
            },
            collected: string(&random))
    }

    static func response(_ random: inout SeedMutator) -> OSCALResponse {
        OSCALResponse(
            uuid: string(&random), lifecycle: string(&random), title: markup(&random),
            description: markup(&random), props: props(&random))
    }

    static func logEntry(_ random: inout SeedMutator) -> OSCALRiskLogEntry {
        OSCALRiskLogEntry(
            uuid: string(&random), title: markup(&random), description: markup(&random), start: string(&random),
            end: optional(&random, string), props: props(&random),
            loggedBy: optional(&random) { list(&$0) { OSCALLoggedBy(partyUUID: string(&$0)) } },
            statusChange: string(&random),
            relatedResponses: optional(&random) { list(&$0) { OSCALRelatedResponse(responseUUID: string(&$0)) } })
    }

    static func risk(_ random: inout SeedMutator) -> OSCALRisk {
        OSCALRisk(
            uuid: string(&random), title: markup(&random), description: markup(&random),
            statement: markup(&random), props: props(&random), status: string(&random),
            deadline: optional(&random, string), remediations: optional(&random) { list(&$0, response) },
            riskLog: optional(&random) { OSCALRiskLog(entries: list(&$0, logEntry)) },
            relatedObservations: list(&random) { OSCALRelatedObservation(observationUUID: string(&$0)) })
    }

    static func link(_ random: inout SeedMutator) -> OSCALLink {
        OSCALLink(href: string(&random), rel: optional(&random, string), mediaType: optional(&random, string))
    }

    static func metadata(_ random: inout SeedMutator) -> OSCALMetadata {
        OSCALMetadata(
            title: markup(&random), lastModified: string(&random), version: string(&random),
            oscalVersion: string(&random), props: props(&random),
            links: optional(&random) { list(&$0, link) },
            parties: optional(&random) {
                list(&$0) { OSCALParty(uuid: string(&$0), type: string(&$0), name: string(&$0)) }
            },
            remarks: optional(&random, markup))
    }

    static func resource(_ random: inout SeedMutator) -> OSCALResource {
        OSCALResource(
            uuid: string(&random), title: markup(&random), description: optional(&random, markup),
            props: props(&random),
            rlinks: optional(&random) {
                list(&$0) {
                    OSCALRLink(
                        href: string(&$0), mediaType: optional(&$0, string),
                        hashes: optional(&$0) { list(&$0) { OSCALHash(algorithm: string(&$0), value: string(&$0)) } })
                }
            })
    }

    static func controls(_ random: inout SeedMutator) -> [OSCALSelectControl]? {
        optional(&random) { list(&$0) { OSCALSelectControl(controlID: string(&$0)) } }
    }

    static func selection(_ random: inout SeedMutator) -> OSCALControlSelection {
        OSCALControlSelection(
            description: markup(&random), props: props(&random), links: optional(&random) { list(&$0, link) },
            includeAll: optional(&random) { _ in OSCALIncludeAll() }, includeControls: controls(&random),
            excludeControls: controls(&random), remarks: optional(&random, markup))
    }

    static func controlFinding(_ random: inout SeedMutator) -> OSCALFinding {
        OSCALFinding(
            uuid: string(&random), title: markup(&random), description: markup(&random), props: props(&random),
            target: OSCALTarget(
                type: string(&random), targetID: string(&random),
                status: OSCALTargetStatus(state: string(&random), reason: optional(&random, string)),
                remarks: optional(&random, markup)),
            relatedObservations: optional(&random) {
                list(&$0) { OSCALRelatedObservation(observationUUID: string(&$0)) }
            },
            relatedRisks: optional(&random) { list(&$0) { OSCALRelatedRisk(riskUUID: string(&$0)) } })
    }

    static func result(_ random: inout SeedMutator) -> OSCALResult {
        OSCALResult(
            uuid: string(&random), title: markup(&random), description: markup(&random), start: string(&random),
            end: optional(&random, string), props: props(&random),
            localDefinitions: optional(&random) {
                OSCALLocalDefinitions(
                    inventoryItems: list(&$0) {
                        OSCALInventoryItem(uuid: string(&$0), description: markup(&$0), props: props(&$0))
                    })
            },
            reviewedControls: OSCALReviewedControls(controlSelections: list(&random, selection)),
            observations: nil, risks: nil, findings: optional(&random) { list(&$0, controlFinding) },
            remarks: optional(&random, markup))
    }

    /// A document's frame and lists, as the results builder hands them to the writers.
    static func parts(_ random: inout SeedMutator) -> OSCALResultsParts {
        let observations = list(&random, observation), risks = list(&random, risk)
        return OSCALResultsParts(
            frame: OSCALResultsDocument(
                assessmentResults: OSCALAssessmentResults(
                    uuid: string(&random), metadata: metadata(&random), importAP: OSCALImportAP(href: string(&random)),
                    results: [result(&random)],
                    backMatter: optional(&random) { OSCALBackMatter(resources: list(&$0, resource)) })),
            observations: OSCALElements(observations), risks: OSCALElements(risks))
    }
}
