import Foundation
import NHIModel

/// The effective AWS permissions of every identity of an inventory, for a fixed set of actions:
/// the union of its identity policies (inline, managed, through groups — the collector has already
/// expanded them into the identity's grants) minus any explicit Deny in any of them, limited by its
/// permission boundary when the boundary's document is in the evidence. Resource/NotResource and
/// Condition of every statement are kept: an action allowed only on other resources, or only under
/// a condition the caller cannot simply meet, is not allowed for the request asked about.
/// Read-only once built, so that the rules asking about AWS permissions share one (`shared`).
final class EffectivePermissions: Sendable {
    /// A statement, by its position in the inventory's grants or boundaries (a copy of a grant
    /// retains each of its fields), with the actions of the asked-about set its action element covers.
    private struct Statement {
        var index: Int
        var actions: Set<String>
    }

    /// The name `${aws:username}` stands for in a caller's statements: its own, for IAM users.
    /// Not the context: the context keeps this model among its derived values, and a model holding
    /// the context would keep both alive after the run.
    private let usernames: [IdentityID: String]
    private let unresolvedBoundaries: Set<IdentityID>
    private let grants: [Grant]
    private let boundaries: [Grant]
    /// Statements per identity, in inventory order: Allow and Deny of its grants and of its boundary.
    private let allows: [IdentityID: [Statement]]
    private let denies: [IdentityID: [Statement]]
    private let boundaryAllows: [IdentityID: [Statement]]
    private let boundaryDenies: [IdentityID: [Statement]]
    private let bounded: Set<IdentityID>

    /// The model for the actions of every escalation path (`sts:AssumeRole` among them), built
    /// once per context: the privilege-escalation and dual-use-through-assumed-role rules both ask.
    /// A model for more actions answers about each of them as one for that action alone does.
    static func shared(_ context: RuleContext) -> EffectivePermissions {
        context.derived("aws effective permissions") { EffectivePermissions(context, actions: EscalationPath.actions) }
    }

    init(_ context: RuleContext, actions: some Sequence<String>) {
        let coverage = ActionCoverage(actions: actions)
        func statements(_ grants: [Grant], _ effect: Effect) -> [IdentityID: [Statement]] {
            var found: [IdentityID: [Statement]] = [:]
            for index in grants.indices where grants[index].platform == .aws && grants[index].effect == effect {
                found[grants[index].identity, default: []].append(
                    Statement(
                        index: index,
                        actions: coverage.covered(
                            grants[index].platform, grants[index].actions, inverted: grants[index].actionsInverted)))
            }
            return found
        }
        grants = context.inventory.grants
        boundaries = context.inventory.permissionBoundaries
        allows = statements(grants, .allow)
        denies = statements(grants, .deny)
        boundaryAllows = statements(boundaries, .allow)
        // A Deny in a permission boundary is as explicit as one in an identity policy.
        boundaryDenies = statements(boundaries, .deny)
        let bounded = Set(boundaries.filter { $0.platform == .aws }.map(\.identity))
        self.bounded = bounded
        var usernames: [IdentityID: String] = [:]
        var unresolved: Set<IdentityID> = []
        // Read in place: a copy of an identity retains each of its fields.
        let identities = context.people.identities
        for (id, position) in context.people.positions {
            if identities[position].kind == .user { usernames[id] = identities[position].name }
            if identities[position].attributes["permissionsBoundary"] != nil && !bounded.contains(id) {
                unresolved.insert(id)
            }
        }
        self.usernames = usernames
        unresolvedBoundaries = unresolved
    }

    /// Whether the identity has a boundary whose document the evidence lacks (it is then not applied).
    func boundaryUnresolved(_ id: IdentityID) -> Bool { unresolvedBoundaries.contains(id) }

    /// Whether some Allow statement of the identity names the action at all (on whatever resource).
    func mentions(_ id: IdentityID, _ action: String) -> Bool {
        (allows[id] ?? []).contains { $0.actions.contains(action) }
    }

    /// The Allow statement that lets `id` call `action` on `resource`, or nil when none does, an
    /// explicit Deny applies, or the permission boundary does not allow it too.
    /// `passedTo` is the service principal an `iam:PassRole` request hands the role to.
    func allowing(_ id: IdentityID, _ action: String, on resource: String, passedTo service: String? = nil) -> Grant? {
        let username = usernames[id]
        let holds = { (statement: Statement, grants: [Grant]) in
            statement.actions.contains(action)
                && StatementMatch.coversResource(grants[statement.index], resource, username: username)
                && StatementMatch.allowHolds(grants[statement.index], passedTo: service)
        }
        guard let allow = (allows[id] ?? []).first(where: { holds($0, grants) }) else { return nil }
        if denied(id, action, on: resource) { return nil }
        if bounded.contains(id), !(boundaryAllows[id] ?? []).contains(where: { holds($0, boundaries) }) {
            return nil
        }
        return grants[allow.index]
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
        let username = usernames[id]
        var prefixes: [Substring] = []
        for statement in allows[id] ?? []
        where statement.actions.contains(action)
            && StatementMatch.allowHolds(grants[statement.index], passedTo: service)
        {
            let resources = grants[statement.index].resources
            if resources.isEmpty || resources.contains(where: { $0.hasPrefix("!") }) { return nil }
            for resource in resources {
                prefixes.append(StatementMatch.resolved(resource, username).prefix { $0 != "*" && $0 != "?" })
            }
        }
        return prefixes
    }

    /// Whether an explicit Deny of `id` (identity policy or boundary) covers the action on the resource.
    func denied(_ id: IdentityID, _ action: String, on resource: String) -> Bool {
        let username = usernames[id]
        let holds = { (statement: Statement, grants: [Grant]) in
            statement.actions.contains(action)
                && StatementMatch.coversResource(grants[statement.index], resource, username: username)
                && StatementMatch.denyHolds(grants[statement.index])
        }
        return (denies[id] ?? []).contains { holds($0, grants) }
            || (boundaryDenies[id] ?? []).contains { holds($0, boundaries) }
    }

    /// The identity's Allow statements (inline, managed, through groups).
    func allowGrants(_ id: IdentityID) -> [Grant] { (allows[id] ?? []).map { grants[$0.index] } }

    /// The resources the identity's Allow statements for the action name (NotResource ones left out).
    func resourcesNamed(_ id: IdentityID, for action: String) -> Set<String> {
        Set(
            (allows[id] ?? []).filter { $0.actions.contains(action) }.flatMap { grants[$0.index].resources }.filter {
                !$0.hasPrefix("!")
            })
    }
}
