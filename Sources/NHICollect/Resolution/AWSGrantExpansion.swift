import Foundation
import NHIModel

/// Expands the IAM facts gathered from every authorization-details file into grants: managed
/// policies attached to users and roles, and everything attached to a group for each member.
enum AWSGrantExpansion {
    static func expand(_ builder: InventoryBuilder) {
        let facts = builder.iamFacts
        guard !facts.isEmpty else { return }
        let members = Dictionary(grouping: facts.memberships, by: \.group).mapValues { $0.map(\.user) }
        var unresolved: [IdentityID: Set<String>] = [:]

        for attachment in facts.attachments {
            let isGroup = TextSearch.contains(attachment.holder, ":group/")
            let holders = isGroup ? (members[attachment.holder] ?? []) : [IdentityID(attachment.holder)]
            let via = isGroup ? "\(attachment.policyArn) (group \(groupName(attachment.holder)))" : attachment.policyArn
            guard let policy = facts.managedPolicies[attachment.policyArn] else {
                for holder in holders {
                    if attachment.policyArn == IAMPolicyDocument.administratorAccessARN {
                        // AWS's own AdministratorAccess is known without its document.
                        builder.addGrant(
                            Grant(
                                identity: holder, platform: .aws, actions: ["*"], resources: ["*"], via: via,
                                isAdministrative: true, evidence: [attachment.evidence]))
                    } else {
                        unresolved[holder, default: []].insert(attachment.policyArn)
                    }
                }
                continue
            }
            for holder in holders {
                for statement in policy.statements {
                    builder.addGrant(
                        AWSGrants.grant(
                            holder, statement, via: via, policyArn: attachment.policyArn,
                            evidence: policy.evidence))
                }
            }
        }
        for inline in facts.groupInlinePolicies {
            for holder in members[inline.group] ?? [] {
                for statement in inline.statements {
                    builder.addGrant(
                        AWSGrants.grant(
                            holder, statement, via: "\(inline.name) (group \(groupName(inline.group)))",
                            evidence: inline.evidence))
                }
            }
        }
        // A permission boundary limits what the identity's grants allow; its statements are kept apart
        // from the grants. One whose document no file provided is left unapplied (rules say so).
        // In the order of their ids; only the identities with a boundary are sorted (sorting every
        // identity copied each out whole).
        let bounded = builder.identities.values.compactMap { identity in
            identity.attributes["permissionsBoundary"].map { (id: identity.id, arn: $0) }
        }
        for (id, arn) in bounded.sorted(by: { $0.id < $1.id }) {
            guard let policy = facts.managedPolicies[arn] else { continue }
            for statement in policy.statements {
                builder.addPermissionBoundary(AWSGrants.grant(id, statement, via: arn, evidence: policy.evidence))
            }
        }
        // Policies whose document no file provided: named on the identity, never silently dropped.
        for (holder, arns) in unresolved {
            builder.updateIdentity(holder) {
                $0.attributes["unresolvedPolicies"] = arns.sorted().joined(separator: ",")
            }
        }
    }

    private static func groupName(_ arn: String) -> String {
        arn.split(separator: "/").last.map(String.init) ?? arn
    }
}
