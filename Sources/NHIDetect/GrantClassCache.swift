import NHIModel

/// The authority classes of every granted action list of an inventory, worked out once: each
/// distinct action list (a policy statement attached to many identities) is found once, its
/// patterns hashed once (hashing every action of every grant cost seconds at 100 k identities),
/// each distinct pattern classified once (`GrantClassIndex`) and each list united once.
struct GrantClassCache: Sendable {
    private let index: GrantClassIndex
    private let lists: [ActionListFingerprint: [(actions: [String], classes: Set<AuthorityClass>)]]

    init(grants: [Grant], classifier: AuthorityClassifier) {
        var found: [ActionListFingerprint: [[String]]] = [:]
        var patterns: [Platform: Set<String>] = [:]
        for grant in grants {
            let key = ActionListFingerprint(grant.platform, grant.actions, inverted: grant.actionsInverted)
            if found[key]?.contains(where: { $0 == grant.actions }) != true {
                found[key, default: []].append(grant.actions)
                patterns[grant.platform, default: []].formUnion(grant.actions)
            }
        }
        let index = classifier.grantIndex(patterns: patterns)
        self.index = index
        lists = found.reduce(into: [:]) { cache, entry in
            cache[entry.key] = entry.value.map { actions in
                (actions, index.classes(platform: entry.key.platform, actions: actions, inverted: entry.key.inverted))
            }
        }
    }

    /// The authority classes a list of granted actions covers (see `GrantClassIndex`).
    func classes(platform: Platform, actions: [String], inverted: Bool) -> Set<AuthorityClass> {
        if !inverted && actions.count == 1 { return index.classes(platform: platform, pattern: actions[0]) }
        return lists[ActionListFingerprint(platform, actions, inverted: inverted)]?.first(where: {
            $0.actions == actions
        })?
        .classes
            ?? index.classes(platform: platform, actions: actions, inverted: inverted)
    }
}
