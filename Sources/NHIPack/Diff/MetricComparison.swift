import NHIModel

/// Before/after values of the key NHI metrics, in the order the report shows them.
enum MetricComparison {
    static func compare(old: Metrics, new: Metrics) -> [PackDiff.MetricDelta] {
        [
            count("nhisInScope", old.nhisInScope, new.nhisInScope),
            count("owned", old.owned, new.owned),
            share("ownedShare", old.ownedShare, new.ownedShare),
            count("overPrivileged", old.overPrivileged, new.overPrivileged),
            share("overPrivilegedShare", old.overPrivilegedShare, new.overPrivilegedShare),
            count("dualUse", old.dualUse, new.dualUse),
            count("credentialsPastMaxAge", old.credentialsPastMaxAge, new.credentialsPastMaxAge),
            count("humans", old.humans, new.humans),
            count("shadow", old.shadow, new.shadow),
        ]
    }

    /// Human names for the metric keys, shared by the renderers.
    static let labels: [String: String] = [
        "nhisInScope": "NHIs in scope",
        "owned": "NHIs with an owner",
        "ownedShare": "Owned share",
        "overPrivileged": "Over-privileged NHIs",
        "overPrivilegedShare": "Over-privileged share",
        "dualUse": "Dual-use identities",
        "credentialsPastMaxAge": "Credentials past maximum age",
        "humans": "Human identities",
        "shadow": "Shadow identities (seen only in logs)",
    ]

    private static func count(_ name: String, _ from: Int, _ to: Int) -> PackDiff.MetricDelta {
        PackDiff.MetricDelta(name: name, kind: .count, from: Double(from), to: Double(to), delta: Double(to - from))
    }

    /// Rounded so that JSON shows 0.25, not 0.25000000000000006, and deltas stay exact.
    private static func share(_ name: String, _ from: Double, _ to: Double) -> PackDiff.MetricDelta {
        let before = rounded(from), after = rounded(to)
        return PackDiff.MetricDelta(name: name, kind: .share, from: before, to: after, delta: rounded(after - before))
    }

    static func rounded(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }
}
