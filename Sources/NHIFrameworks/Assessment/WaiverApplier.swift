import Foundation
import NHIModel

/// Matches waivers to findings. A waiver without a control covers the finding everywhere (the
/// finding's `waiver` is set); one limited to a control only changes that control's status.
struct WaiverApplier {
    let waivers: [Waiver]
    let periodEnd: Date

    struct Applied {
        var findings: [Finding]
        var records: [WaiverRecord]
        /// Control id → active waivers limited to it.
        var controlWaivers: [String: [Waiver]]
        var notices: [String]
    }

    func apply(to findings: [Finding]) -> Applied {
        var findings = findings
        var records: [WaiverRecord] = []
        var controlWaivers: [String: [Waiver]] = [:]
        var notices: [String] = []
        for waiver in waivers.sorted(by: { $0.id < $1.id }) {
            let active = waiver.isActive(at: periodEnd)
            var matched: [String] = []
            for index in findings.indices where waiver.covers(findings[index]) {
                matched.append(findings[index].id)
                guard waiver.control == nil else { continue }
                // An active waiver wins over an expired one that matched first.
                if findings[index].waiver == nil || (active && findings[index].waiver?.active == false) {
                    findings[index].waiver = WaiverApplication(
                        waiverId: waiver.id, expires: waiver.expires, active: active,
                        approved: waiver.approved)
                }
            }
            if let control = waiver.control, active, !matched.isEmpty {
                controlWaivers[control, default: []].append(waiver)
            }
            let state: WaiverRecord.State = matched.isEmpty ? .unmatched : (active ? .active : .expired)
            switch state {
            case .unmatched:
                notices.append("waiver \(waiver.id) (\(waiver.rule), \(waiver.identityPattern)) matches no finding")
            case .expired:
                notices.append(
                    "waiver \(waiver.id) expired on \(ISO8601.string(from: waiver.expires)), on or before the period end: its \(matched.count) finding(s) stay open"
                )
            case .active: break
            }
            if state != .unmatched {
                if let approved = waiver.approved, approved > periodEnd {
                    notices.append(
                        "waiver \(waiver.id) was approved on \(ISO8601.string(from: approved)), after the period end")
                } else if waiver.approved == nil {
                    notices.append(
                        "waiver \(waiver.id) has no approval date (approved in waivers.yaml): when it was approved is not recorded"
                    )
                }
            }
            records.append(
                WaiverRecord(
                    id: waiver.id, rule: waiver.rule, identityPattern: waiver.identityPattern, control: waiver.control,
                    justification: waiver.justification, owner: waiver.owner, approvedBy: waiver.approvedBy,
                    reference: waiver.reference, expires: waiver.expires, approved: waiver.approved, state: state,
                    matchedFindings: matched.sorted()))
        }
        return Applied(findings: findings, records: records, controlWaivers: controlWaivers, notices: notices)
    }
}
