import Foundation
import NHIModel

/// Finds the open escalation paths of AWS identities, directly or through roles they can assume.
final class EscalationFinder {
    /// One allowed step: the action, the resource it was allowed on, the statement allowing it.
    struct StepHit {
        var action: String
        var resource: String
        var grant: Grant
    }

    struct PathHit {
        var path: EscalationPath
        var steps: [StepHit]
    }

    /// An identity's open paths: its own, and those of roles it reaches by assuming roles.
    struct Result {
        var direct: [PathHit]
        /// Roles reached through assumption (in order), ending at one with direct paths.
        var chains: [(roles: [RoleAssumption.Edge], hits: [PathHit])]
        var isEmpty: Bool { direct.isEmpty && chains.isEmpty }
    }

    /// Resource names standing for "any resource of this type" when a statement names none in particular.
    static let anyName = "{any}"
    static let maxChainLength = 4

    let permissions: EffectivePermissions
    private let context: RuleContext
    private let assumption: RoleAssumption
    private let rolesByAccount: [String: [Identity]]
    private let roleARNs: [String: SortedResources]
    private let userARNs: [String: SortedResources]
    /// Roles whose trust policy admits a service principal (lowercased).
    private let rolesTrusting: [String: Set<IdentityID>]
    /// Per account and service: the roles that may be passed to it.
    private var passableARNs: [[String]: SortedResources] = [:]
    private var directMemo: [IdentityID: [PathHit]] = [:]
    private var edgeMemo: [IdentityID: [RoleAssumption.Edge]] = [:]

    init(_ context: RuleContext) {
        self.context = context
        assumption = RoleAssumption.shared(context)
        permissions = EffectivePermissions.shared(context)
        // Identities read in place, by position, and each AWS role and user copied once into its
        // account's list (a copy retains each of its fields).
        let identities = context.inventory.identities
        var roles: [String: [Identity]] = [:], users: [String: [Identity]] = [:]
        for position in identities.indices where identities[position].platform == .aws {
            switch identities[position].kind {
            case .role: roles[identities[position].account ?? "", default: []].append(identities[position])
            case .user: users[identities[position].account ?? "", default: []].append(identities[position])
            default: continue
            }
        }
        rolesByAccount = roles
        roleARNs = roles.mapValues(SortedResources.init)
        userARNs = users.mapValues(SortedResources.init)
        rolesTrusting = Dictionary(grouping: context.inventory.trusts.filter { $0.principalType == .service }) {
            $0.principal.lowercased()
        }
        .mapValues { Set($0.map(\.target)) }
    }

    func result(for id: IdentityID) -> Result {
        var chains: [(roles: [RoleAssumption.Edge], hits: [PathHit])] = []
        // Breadth first: the shortest chain to each escalating role.
        var seen: Set<IdentityID> = [id]
        var frontier: [[RoleAssumption.Edge]] = edges(id).map { [$0] }
        for _ in 0..<Self.maxChainLength where !frontier.isEmpty {
            var next: [[RoleAssumption.Edge]] = []
            for chain in frontier where seen.insert(chain.last!.role).inserted {
                let hits = direct(chain.last!.role)
                if !hits.isEmpty { chains.append((chain, hits)) }
                next += edges(chain.last!.role).map { chain + [$0] }
            }
            frontier = next
        }
        return Result(direct: direct(id), chains: chains)
    }

    private func edges(_ id: IdentityID) -> [RoleAssumption.Edge] {
        if let known = edgeMemo[id] { return known }
        let found = assumption.edges(from: id)
        edgeMemo[id] = found
        return found
    }

    func direct(_ id: IdentityID) -> [PathHit] {
        if let known = directMemo[id] { return known }
        guard let identity = context.identity(id), identity.platform == .aws else { return [] }
        let hits = EscalationPath.all.compactMap { path -> PathHit? in
            var steps: [StepHit] = []
            for step in path.steps {
                guard let hit = open(step, identity) else { return nil }
                steps.append(hit)
            }
            return PathHit(path: path, steps: steps)
        }
        directMemo[id] = hits
        return hits
    }

    private func open(_ step: EscalationPath.Step, _ identity: Identity) -> StepHit? {
        let service: String?
        if case .roleFor(let name) = step.target { service = name } else { service = nil }
        for action in step.actions where permissions.mentions(identity.id, action) {
            switch targets(step.target, identity, action: action) {
            case .listed(let resources):
                for resource in resources {
                    if let grant = permissions.allowing(identity.id, action, on: resource, passedTo: service) {
                        return StepHit(action: action, resource: resource, grant: grant)
                    }
                }
            case .identities(let arns, let excluded, let standIn):
                let found =
                    permissions.firstAllowed(identity.id, action, among: arns, excluding: excluded, passedTo: service)
                    ?? permissions.allowing(identity.id, action, on: standIn, passedTo: service).map { (standIn, $0) }
                if let (resource, grant) = found { return StepHit(action: action, resource: resource, grant: grant) }
            }
        }
        return nil
    }

    /// What a step's action is tried on, in order: resources listed, or the ARNs of identities of
    /// the account (all but `excluding`) and then `standIn`, a name for any other of the type.
    private enum Targets {
        case listed([String])
        case identities(SortedResources, excluding: IdentityID?, then: String)
    }

    /// The resources a step's action is tried on, real ones of the inventory first, then a stand-in
    /// for any other of the type (which only a statement covering the whole type allows).
    private func targets(_ target: EscalationPath.Target, _ identity: Identity, action: String) -> Targets {
        let account = identity.account ?? "*"
        let iam = "arn:\(AWSResourceNames.partition(identity)):iam::\(account):"
        switch target {
        case .everything:
            return .listed(["*"])
        case .anyResource:
            // The resources the identity's own statements for this action name, and any resource at all.
            return .listed(["*"] + permissions.resourcesNamed(identity.id, for: action).subtracting(["*"]).sorted())
        case .ownPolicies:
            let assumable = edges(identity.id).map(\.role)
            let holders = [identity.id] + assumable
            return .listed(
                Set(
                    holders.flatMap { holder in
                        permissions.allowGrants(holder).compactMap { Self.customerPolicy($0.via) }
                    }
                ).sorted())
        case .ownUser:
            return .listed(identity.kind == .user ? [AWSResourceNames.arn(of: identity)] : [])
        case .ownGroups:
            let groups = identity.attributes["groups"]?.split(separator: ",").map(String.init) ?? []
            return .listed(groups.map { iam + "group/" + $0 })
        case .ownRoles:
            let own = identity.kind == .role ? [AWSResourceNames.arn(of: identity)] : []
            return .listed(
                own + edges(identity.id).compactMap { context.identity($0.role).map(AWSResourceNames.arn(of:)) })
        case .anyGroup:
            // Only a user can be put in a group: a role gains nothing by it.
            return .listed(identity.kind == .user ? [iam + "group/" + Self.anyName] : [])
        case .otherUsers:
            return .identities(
                userARNs[identity.account ?? ""] ?? SortedResources([]), excluding: identity.id,
                then: iam + "user/" + Self.anyName)
        case .anyRole:
            return .identities(
                roleARNs[identity.account ?? ""] ?? SortedResources([]), excluding: identity.id,
                then: iam + "role/" + Self.anyName)
        case .roleFor(let service):
            return .identities(
                passable(identity.account ?? "", to: service), excluding: nil, then: iam + "role/" + Self.anyName)
        }
    }

    /// The roles of the account that trust the service (for EC2, those with an instance profile).
    private func passable(_ account: String, to service: String) -> SortedResources {
        if let known = passableARNs[[account, service]] { return known }
        let trusting = rolesTrusting[service] ?? []
        let usable = SortedResources(
            (rolesByAccount[account] ?? []).filter { role in
                trusting.contains(role.id)
                    && (service != "ec2.amazonaws.com" || role.attributes["instanceProfiles"] != nil)
            })
        passableARNs[[account, service]] = usable
        return usable
    }

    /// The customer managed policy a grant came from (`via` is its ARN, with " (group …)" when
    /// attached through a group); AWS managed policies cannot be given new versions by an account.
    static func customerPolicy(_ via: String) -> String? {
        let arn = via.split(separator: " ").first.map(String.init) ?? via
        guard arn.hasPrefix("arn:"), arn.contains(":policy/"), !arn.contains(":iam::aws:policy/") else { return nil }
        return arn
    }
}
