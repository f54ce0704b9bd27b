import Foundation
import NHIModel

/// Waivers that lapsed, appeared or were withdrawn between two packs, matched by waiver id.
enum WaiverComparison {
    static func compare(old: [WaiverRecord], new: [WaiverRecord], newGeneratedAt: Date) -> PackDiff.Waivers {
        let before = index(old), after = index(new)
        var waivers = PackDiff.Waivers()
        for id in Set(before.keys).union(after.keys).sorted(by: NaturalOrder.precedes) {
            switch (before[id], after[id]) {
            case let (previous?, current?):
                if previous.state == .active, current.state == .expired || current.expires <= newGeneratedAt {
                    waivers.expired.append(entry(current, findings: previous.matchedFindings + current.matchedFindings))
                }
            case let (previous?, nil):
                if previous.state == .active, previous.expires <= newGeneratedAt {
                    waivers.expired.append(entry(previous, state: .expired, findings: previous.matchedFindings))
                } else {
                    waivers.removed.append(entry(previous, findings: previous.matchedFindings))
                }
            case let (nil, current?):
                waivers.added.append(entry(current, findings: current.matchedFindings))
            case (nil, nil):
                break
            }
        }
        return waivers
    }

    private static func entry(_ waiver: WaiverRecord, state: WaiverRecord.State? = nil, findings: [String])
        -> PackDiff.WaiverEntry
    {
        PackDiff.WaiverEntry(
            id: waiver.id, rule: waiver.rule, identityPattern: waiver.identityPattern, control: waiver.control,
            owner: waiver.owner, expires: waiver.expires, state: state ?? waiver.state,
            findings: Set(findings).sorted())
    }

    private static func index(_ waivers: [WaiverRecord]) -> [String: WaiverRecord] {
        waivers.reduce(into: [:]) { result, waiver in
            if result[waiver.id] == nil { result[waiver.id] = waiver }
        }
    }
}
