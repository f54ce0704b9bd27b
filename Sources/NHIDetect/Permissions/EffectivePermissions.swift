import Foundation
import NHIModel

/// The effective AWS permissions of every identity of an inventory, for a fixed set of actions:
/// the union of its identity policies (inline, managed, through groups — the collector has already
/// expanded them into the identity's grants) minus any explicit Deny in any of them, limited by its
/// permission boundary when the boundary's document is in the evidence. Resource/NotResource and
/// Condition of every statement are kept: an action allowed only on other resources, or only under
/// a condition the caller cannot simply meet, is not allowed for the request asked about.
final class EffectivePermissions {
    /// A statement with the actions of the asked-about set its action element covers.
    private struct Statement {
        var grant: Grant
        var actions: Set<String>
    }

    let context: RuleContext
    private let allows: [IdentityID: [Statement]]
    private let denies: [IdentityID: [Statement]]
    private let boundaryAllows: [IdentityID: [Statement]]
    private let bounded: Set<IdentityID>

    init(_ context: RuleContext, actions: some Sequence<String>) {
        self.context = context
        let coverage = ActionCoverage(actions: actions)
        func statements(_ grants: [Grant]) -> [IdentityID: [Statement]] {
            Dictionary(
                grouping: grants.map { Statement(grant: $0, actions: coverage.covered($0)) }, by: \.grant.identity)
        }
        let aws = context.inventory.grants.filter { $0.platform == .aws }
        let boundaries = context.inventory.permissionBoundaries.filter { $0.platform == .aws }
        allows = statements(aws.filter { $0.effect == .allow })
        // A Deny in a permission boundary is as explicit as one in an identity policy.
        denies = statements((aws + boundaries).filter { $0.effect == .deny })
        boundaryAllows = statements(boundaries.filter { $0.effect == .allow })
        bounded = Set(boundaries.map(\.identity))
    }

    /// Whether the identity has a boundary whose document the evidence lacks (it is then not applied).
    func boundaryUnresolved(_ id: IdentityID) -> Bool {
        context.identity(id)?.attributes["permissionsBoundary"] != nil && !bounded.contains(id)
    }

    /// Whether some Allow statement of the identity names the action at all (on whatever resource).
    func mentions(_ id: IdentityID, _ action: String) -> Bool {
        (allows[id] ?? []).contains { $0.actions.contains(action) }
    }

    /// The Allow statement that lets `id` call `action` on `resource`, or nil when none does, an
    /// explicit Deny applies, or the permission boundary does not allow it too.
    /// `passedTo` is the service principal an `iam:PassRole` request hands the role to.
    func allowing(_ id: IdentityID, _ action: String, on resource: String, passedTo service: String? = nil) -> Grant? {
        let caller = context.identity(id)
        let applies = { (statement: Statement) in
            statement.actions.contains(action)
                && StatementMatch.coversResource(statement.grant, resource, caller: caller)
        }
        guard
            let allow = (allows[id] ?? []).first(where: {
                applies($0) && StatementMatch.allowHolds($0.grant, passedTo: service)
            })
        else {
            return nil
        }
        if denied(id, action, on: resource) { return nil }
        if bounded.contains(id),
            !(boundaryAllows[id] ?? []).contains(where: {
                applies($0) && StatementMatch.allowHolds($0.grant, passedTo: service)
            })
        {
            return nil
        }
        return allow.grant
    }

    /// The first of `arns` (but `excluding`) that `id` may call `action` on, as `allowing` answers,
    /// looking only at those its Allow statements' resource patterns can match.
    func firstAllowed(
        _ id: IdentityID, _ action: String, among arns: SortedResources, excluding: IdentityID?,
        passedTo service: String? = nil
    ) -> (resource: String, grant: Grant)? {
        for range in arns.positions(startingWith: resourcePrefixes(id, action, passedTo: service)) {
            for position in range where arns.ids[position] != excluding {
                if let grant = allowing(id, action, on: arns.arns[position], passedTo: service) {
                    return (arns.arns[position], grant)
                }
            }
        }
        return nil
    }

    /// The literal start (up to the first wildcard) of each resource pattern of the Allow statements
    /// that could let `id` call `action`, or nil when one of them is not limited to named resources
    /// (NotResource, or no Resource element): whatever `allowing` allows starts with one of them.
    func resourcePrefixes(_ id: IdentityID, _ action: String, passedTo service: String? = nil) -> [Substring]? {
        let caller = context.identity(id)
        var prefixes: [Substring] = []
        for statement in allows[id] ?? []
        where statement.actions.contains(action) && StatementMatch.allowHolds(statement.grant, passedTo: service) {
            let resources = statement.grant.resources
            if resources.isEmpty || resources.contains(where: { $0.hasPrefix("!") }) { return nil }
            for resource in resources {
                prefixes.append(StatementMatch.resolved(resource, caller).prefix { $0 != "*" && $0 != "?" })
            }
        }
        return prefixes
    }

    /// Whether an explicit Deny of `id` (identity policy or boundary) covers the action on the resource.
    func denied(_ id: IdentityID, _ action: String, on resource: String) -> Bool {
        let caller = context.identity(id)
        return (denies[id] ?? []).contains {
            $0.actions.contains(action) && StatementMatch.coversResource($0.grant, resource, caller: caller)
                && StatementMatch.denyHolds($0.grant)
        }
    }

    /// The identity's Allow statements (inline, managed, through groups).
    func allowGrants(_ id: IdentityID) -> [Grant] { (allows[id] ?? []).map(\.grant) }

    /// The resources the identity's Allow statements for the action name (NotResource ones left out).
    func resourcesNamed(_ id: IdentityID, for action: String) -> Set<String> {
        Set(
            (allows[id] ?? []).filter { $0.actions.contains(action) }.flatMap(\.grant.resources).filter {
                !$0.hasPrefix("!")
            })
    }
}
