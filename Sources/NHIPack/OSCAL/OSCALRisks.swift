import Foundation
import NHIModel

/// One risk per finding. An open finding's risk is `open`; a finding under an active waiver is an
/// approved deviation: `deviation-approved`, the waiver's justification as the response, a
/// risk-log entry naming the approver, from the approval date to the expiry (also the risk's
/// deadline). A finding whose waiver expired is `open` again: its log holds the approval and an
/// entry for the expiry.
/// Approvers are parties in the metadata, so log entries can name them.
struct OSCALRisks {
    private(set) var parties: [OSCALParty] = []
    private let waivers: [String: WaiverRecord]
    private var partyUUIDs: [String: String] = [:]
    private let context: OSCALContext

    init(_ context: OSCALContext) {
        self.context = context
        let waivers = Dictionary(context.doc.waivers.map { ($0.id, $0) }) { first, _ in first }
        self.waivers = waivers
        for approver in Set(context.doc.findings.compactMap { $0.waiver.flatMap { waivers[$0.waiverId]?.approvedBy } })
            .sorted()
        {
            let uuid = context.ids.uuid("party", approver)
            partyUUIDs[approver] = uuid
            parties.append(OSCALParty(uuid: uuid, type: "person", name: OSCALText.line(approver)))
        }
    }

    /// The finding's risk, `uuid`, which relates the finding's observation, `observationUUID`.
    func risk(_ finding: Finding, uuid: String, observationUUID: String) -> OSCALRisk {
        Self.risk(
            finding, uuid: uuid, observationUUID: observationUUID,
            waiver: finding.waiver.flatMap { waivers[$0.waiverId] }, partyUUIDs: partyUUIDs, context: context)
    }

    private static func risk(
        _ finding: Finding, uuid: String, observationUUID: String, waiver record: WaiverRecord?,
        partyUUIDs: [String: String], context: OSCALContext
    ) -> OSCALRisk {
        let ids = context.ids
        var risk = OSCALRisk(
            uuid: uuid,
            title: OSCALText.markupLine("\(finding.rule): \(finding.subject)"),
            description: OSCALText.markupText(finding.summary),
            statement: OSCALText.markupText(
                "Open \(finding.severity.rawValue) finding \(finding.id) of rule \(finding.rule); no waiver applies."),
            props: OSCALText.props([("severity", finding.severity.rawValue), ("finding-id", finding.id)]),
            status: "open",
            deadline: nil,
            remediations: nil,
            riskLog: nil,
            relatedObservations: [OSCALRelatedObservation(observationUUID: observationUUID)]
        )
        guard let application = finding.waiver else { return risk }
        let waiverID = application.waiverId
        let expires = ISO8601.string(from: application.expires)
        let approver = record?.approvedBy ?? "unknown approver"
        let approvedDate = application.approved ?? record?.approved
        let response = OSCALResponse(
            uuid: ids.uuid("response", "\(finding.id):\(waiverID)"),
            lifecycle: application.active ? "planned" : "completed",
            title: OSCALText.markupLine("Accept the risk under waiver \(waiverID) until \(expires)"),
            description: OSCALText.markupText(
                record?.justification ?? "Waiver \(waiverID) (not found in waivers.yaml)."),
            props: OSCALText.props([
                ("waiver", waiverID), ("waiver-owner", record?.owner ?? ""), ("approved-by", approver),
                ("reference", record?.reference ?? ""),
                ("approved", approvedDate.map(ISO8601.string) ?? "not-recorded"), ("expires", expires),
            ])
        )
        let loggedBy = record.flatMap { partyUUIDs[$0.approvedBy] }.map { [OSCALLoggedBy(partyUUID: $0)] }
        let reference = record?.reference.map { " (\($0))" } ?? ""
        let approved = approvedDate.map(ISO8601.string)
        // The approval entry starts at the approval date; without one it starts when the assessment
        // found the waiver in force (the period end), and says that the date is not recorded.
        let approval = OSCALRiskLogEntry(
            uuid: ids.uuid("risk-log", "\(finding.id):\(waiverID):approved"),
            title: OSCALText.markupLine("Deviation approved: waiver \(waiverID)"),
            description: OSCALText.markupText(
                approved.map { "Approved by \(approver)\(reference) on \($0); expires \(expires)." }
                    ?? "Approved by \(approver)\(reference); waivers.yaml records no approval date, so the entry starts at the end of "
                    + "the assessed period (\(context.evidenceTime)), when the waiver was found in force; expires \(expires)."
            ),
            start: approved ?? context.evidenceTime, end: expires,
            props: OSCALText.props([
                ("waiver", waiverID), ("approved-by", approver), ("approved", approved ?? "not-recorded"),
            ]),
            loggedBy: loggedBy, statusChange: "deviation-approved",
            relatedResponses: [OSCALRelatedResponse(responseUUID: response.uuid)]
        )
        var entries: [OSCALRiskLogEntry]
        if application.active {
            risk.status = "deviation-approved"
            risk.deadline = expires
            risk.statement = OSCALText.markupText(
                "\(finding.severity.rawValue) finding \(finding.id) of rule \(finding.rule) is accepted "
                    + "under waiver \(waiverID), approved by \(approver)\(reference)\(approved.map { " on \($0)" } ?? ""), until \(expires)."
            )
            entries = [approval]
        } else {
            risk.statement = OSCALText.markupText(
                "Open \(finding.severity.rawValue) finding \(finding.id) of rule \(finding.rule); "
                    + "waiver \(waiverID) expired \(expires), so the risk is open again.")
            // An expired waiver's history: the approval (when its date is known), then the expiry.
            entries = approved == nil ? [] : [approval]
            entries.append(
                OSCALRiskLogEntry(
                    uuid: ids.uuid("risk-log", "\(finding.id):\(waiverID):expired"),
                    title: OSCALText.markupLine("Waiver \(waiverID) expired"),
                    description: OSCALText.markupText(
                        "Waiver \(waiverID), approved by \(approver)\(reference)\(approved.map { " on \($0)" } ?? ""), "
                            + "expired \(expires); the risk is open."),
                    start: ISO8601.string(from: min(application.expires, context.evidenceDate)), end: nil,
                    props: OSCALText.props([
                        ("waiver", waiverID), ("approved-by", approver), ("approved", approved ?? "not-recorded"),
                    ]),
                    loggedBy: loggedBy, statusChange: "open",
                    relatedResponses: [OSCALRelatedResponse(responseUUID: response.uuid)]
                ))
        }
        risk.props = OSCALText.props([
            ("severity", finding.severity.rawValue), ("finding-id", finding.id), ("waiver", waiverID),
        ])
        risk.remediations = [response]
        risk.riskLog = OSCALRiskLog(entries: entries)
        return risk
    }
}
