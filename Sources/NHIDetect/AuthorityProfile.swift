import Foundation
import NHIModel

/// The authority separation view: per non-human identity, what it did and what it could do.
/// People and platform services of the declared scope are left out: separation of duties for them
/// is not this view's question.
public enum AuthorityProfile {
    public static func summaries(_ context: RuleContext) -> [AuthoritySummary] {
        var counts: [IdentityID: [AuthorityClass: Int]] = [:]
        var environments: [IdentityID: Set<String>] = [:]
        for group in context.usedByIdentity {
            // Identities with only unclassified activity still get a row (all zero), so the view omits no one.
            var classes: [AuthorityClass: Int] = [:]
            var used: Set<String> = []
            for item in group.used {
                used.insert(item.record.environment)
                if let authorityClass = item.authorityClass {
                    classes[authorityClass, default: 0].addSaturated(item.effectiveCount)
                }
            }
            counts[group.identity] = classes
            environments[group.identity] = used
        }
        let scope = DeclaredScope(context.inventory.scope)
        let granted = LatentDualUseRule.grantedClasses(context)
        let dualUse = DualUseAuthorityRule.dualUseIdentities(context)
        // Identities of accounts or clusters outside the declared scope stay in the view whatever
        // they are judged to be (a contractor's account root acting in production is the point).
        let identities = Set(counts.keys).union(granted.keys).filter {
            context.isNHI($0) || scope.excludes($0, context) == true
        }
        return identities.sorted().map { id in
            let used = counts[id] ?? [:]
            let grants = granted[id] ?? [:]
            return AuthoritySummary(
                identity: id, name: context.displayName(id),
                environments: Array(
                    environments[id]
                        ?? Set(context.position(of: id).map { context.inventory.identities[$0].environments } ?? [])
                ).sorted(),
                delivery: used[.delivery] ?? 0, operations: used[.operations] ?? 0,
                identityAdmin: used[.identityAdmin] ?? 0, read: used[.read] ?? 0,
                canDeliver: grants[.delivery] != nil, canOperate: grants[.operations] != nil,
                dualUse: dualUse.contains(id),
                canAdminister: grants[.identityAdmin] != nil,
                inInventory: context.position(of: id).map { context.inventory.identities[$0].inInventory } ?? false,
                outsideScope: scope.excludes(id, context))
        }
    }

    /// The AWS accounts and Kubernetes clusters scope.yaml declares, gathered once per view: every
    /// identity of the view is compared with them.
    struct DeclaredScope {
        let accounts: Set<String>
        let clusters: Set<String>

        init(_ scope: Scope) {
            accounts = Set(scope.environments.flatMap(\.awsAccounts))
            clusters = Set(scope.environments.flatMap(\.kubernetes))
        }

        /// Whether an AWS identity's account or a Kubernetes identity's cluster is one the scope
        /// does not declare; nil when it declares none of that platform (nothing to compare with).
        func excludes(_ id: IdentityID, _ context: RuleContext) -> Bool? {
            if let position = context.position(of: id), context.inventory.identities[position].platform == .aws,
                let account = context.inventory.identities[position].account
            {
                return accounts.isEmpty ? nil : !accounts.contains(account)
            }
            let parts = id.rawValue.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            if parts.count == 3, parts[0] == "k8s" {
                return clusters.isEmpty ? nil : !clusters.contains(String(parts[1]))
            }
            return nil
        }
    }

    /// Actions no authority pattern matched (and the log did not mark read-only), with call counts.
    public static func unclassified(_ context: RuleContext) -> [UnclassifiedAction] {
        var counts: [Platform: [String: Int]] = [:]
        var callers: [Platform: [String: Set<IdentityID>]] = [:]
        for item in context.activity where item.authorityClass == nil {
            counts[item.record.platform, default: [:]][item.record.action, default: 0].addSaturated(item.record.count)
            callers[item.record.platform, default: [:]][item.record.action, default: []].insert(item.record.identity)
        }
        return counts.flatMap { platform, actions in
            actions.map {
                UnclassifiedAction(
                    platform: platform, action: $0.key, count: $0.value,
                    identities: (callers[platform]?[$0.key] ?? []).sorted())
            }
        }
        .sorted { ($0.platform, $0.action) < ($1.platform, $1.action) }
    }
}
