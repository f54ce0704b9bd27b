import Foundation
import NHIModel

/// The roles an AWS identity can reach by assuming roles (up to `EscalationFinder.maxChainLength`
/// hops), each with the shortest chain. Beyond `RoleAssumption`'s principal matching, a trust's
/// `aws:PrincipalArn` condition is evaluated against the caller's ARN, and a trust requiring MFA
/// admits no step (a workload's session carries none); other trust conditions are not evaluated.
struct AssumableRoles {
    private let assumption: RoleAssumption
    private let context: RuleContext
    private var edgeMemo: [IdentityID: [RoleAssumption.Edge]] = [:]

    init(_ context: RuleContext) {
        self.context = context
        assumption = RoleAssumption.shared(context)
    }

    mutating func reachable(from start: IdentityID) -> [(role: IdentityID, chain: [RoleAssumption.Edge])] {
        var seen: Set<IdentityID> = [start]
        var result: [(IdentityID, [RoleAssumption.Edge])] = []
        var frontier: [[RoleAssumption.Edge]] = edges(start).map { [$0] }
        for _ in 0..<EscalationFinder.maxChainLength where !frontier.isEmpty {
            var next: [[RoleAssumption.Edge]] = []
            for chain in frontier where seen.insert(chain.last!.role).inserted {
                result.append((chain.last!.role, chain))
                next += edges(chain.last!.role).map { chain + [$0] }
            }
            frontier = next
        }
        return result
    }

    private mutating func edges(_ caller: IdentityID) -> [RoleAssumption.Edge] {
        if let known = edgeMemo[caller] { return known }
        let identity = context.identity(caller)
        let found = assumption.edges(from: caller).filter { edge in identity.map { Self.admits(edge.trust, $0) } ?? true
        }
        edgeMemo[caller] = found
        return found
    }

    static func admits(_ trust: TrustRelationship, _ caller: Identity) -> Bool {
        trust.conditions.allSatisfy { condition in
            let negated = condition.op.contains("Not")
            switch condition.key.lowercased() {
            case "aws:principalarn":
                let arns = [AWSResourceNames.arn(of: caller), caller.id.rawValue]
                let matches = condition.values.contains { value in
                    arns.contains {
                        WildcardPattern(value, caseInsensitive: condition.op.contains("IgnoreCase")).matches($0)
                    }
                }
                return negated ? !matches : matches
            case "aws:multifactorauthpresent":
                let requiresMFA = condition.op.hasPrefix("Bool") && condition.values.map { $0.lowercased() } == ["true"]
                return !requiresMFA
            default:
                return true
            }
        }
    }
}
