import NHIModel

/// Decides, per rule, whether the evidence lets it run and on how much of the declared scope, and
/// names the population it evaluates. A rule runs when every kind of input it needs contributed
/// at least one record; it is fully evaluated only when, for every account, cluster and repository
/// scope.yaml declares on a platform it judges, the platform-bound inputs it needs (inventory,
/// entitlements, audit log) covered that account. Otherwise it is partially evaluated and the
/// uncovered targets are named: evidence about one platform says nothing about another's identities.
struct EvidenceSufficiency {
    let inventory: Inventory
    /// The record counts of each kind of input, counted once: every rule reads some of them.
    private let counts: [InputKind: [EvaluatedPopulation.Count]]

    init(inventory: Inventory) {
        self.inventory = inventory
        counts = Dictionary(uniqueKeysWithValues: InputKind.allCases.map { ($0, Self.counts(of: $0, in: inventory)) })
    }

    /// The evaluation of `rule` before it runs: not-evaluated (with why each input is absent), or
    /// evaluated / partially-evaluated with its population (the caller adds the finding count).
    func evaluation(of rule: any Rule) -> RuleEvaluation {
        let missing = rule.inputs.filter { !inventory.inputs.contains($0) }.sorted()
        guard missing.isEmpty else {
            return RuleEvaluation(
                rule: rule.id, state: .notEvaluated, missingInputs: missing,
                reasons: missing.map(inventory.evidenceCoverage.absenceReason))
        }
        let uncovered = uncoveredTargets(rule)
        return RuleEvaluation(
            rule: rule.id, state: uncovered.isEmpty ? .evaluated : .partiallyEvaluated,
            uncovered: uncovered, population: population(rule.inputs))
    }

    /// "Kubernetes cluster prod (production): no inventory, audit-log", one line per account of a
    /// platform the rule judges (the targets declared in it named together) that the rule's
    /// platform-bound inputs do not cover.
    func uncoveredTargets(_ rule: any Rule) -> [String] {
        let needed = Set(rule.inputs).intersection(InputKind.platformBound)
        guard !needed.isEmpty else { return [] }
        var groups: [(key: AccountCoverage, targets: [ScopeTarget])] = []
        for target in inventory.scope.declaredTargets {
            if let platforms = rule.platforms, !platforms.contains(target.platform) { continue }
            let key = AccountCoverage(platform: target.platform, account: target.account)
            if let index = groups.firstIndex(where: { $0.key == key }) {
                groups[index].targets.append(target)
            } else {
                groups.append((key, [target]))
            }
        }
        return groups.compactMap { group in
            let present = inventory.evidenceCoverage.inputs(platform: group.key.platform, account: group.key.account)
            let lacking = needed.subtracting(present).sorted()
            guard !lacking.isEmpty else { return nil }
            let environments = Array(Set(group.targets.map(\.environment))).sorted().joined(separator: ", ")
            let named =
                group.targets.count == 1
                ? group.targets[0].label
                : "\(ScopeTarget.accountLabel(group.key.platform, group.key.account)) (\(group.targets.map(\.declared).joined(separator: ", ")))"
            return "\(named) in \(environments): no \(lacking.map(\.rawValue).joined(separator: ", "))"
        }
    }

    /// How many records of each kind the rule's inputs hold, and the files that contributed them.
    func population(_ inputs: [InputKind]) -> EvaluatedPopulation {
        let counts = inputs.sorted().flatMap { self.counts[$0] ?? [] }
        let sources = Set(inputs.flatMap { inventory.evidenceCoverage.contributingFiles($0) })
        return EvaluatedPopulation(counts: counts, sources: sources.sorted())
    }

    private static func counts(of kind: InputKind, in inventory: Inventory) -> [EvaluatedPopulation.Count] {
        switch kind {
        case .inventory:
            var nhis = 0, credentials = 0
            for identity in inventory.identities where identity.isOrganisationNHI && identity.inInventory {
                nhis += 1
                credentials += identity.credentials.count
            }
            return [.init(what: "non-human identities", count: nhis), .init(what: "credentials", count: credentials)]
        case .entitlements: return [.init(what: "grants", count: inventory.grants.count)]
        case .auditLog: return [.init(what: "audit events", count: inventory.activity.reduce(0) { $0 + $1.count })]
        case .owners: return [.init(what: "owner records", count: inventory.owners.count)]
        case .changes: return [.init(what: "change records", count: inventory.changes.count)]
        case .incidents: return [.init(what: "incident records", count: inventory.incidents.count)]
        case .scannerReport: return [.init(what: "scanner hits", count: inventory.leaks.count)]
        case .scope: return [.init(what: "declared environments", count: inventory.scope.environments.count)]
        case .logDigests:
            return [
                .init(what: "CloudTrail digests", count: inventory.logIntegrity?.digests.count ?? 0),
                .init(what: "CloudTrail log files", count: inventory.logIntegrity?.logFiles.count ?? 0),
            ]
        }
    }
}
