import Foundation
import NHIModel

/// Grants from IAM policy statements.
public enum AWSGrants {
    public static func grant(
        _ identity: IdentityID, _ statement: IAMStatement, via: String, policyArn: String? = nil, evidence: EvidenceRef
    ) -> Grant {
        Grant(
            identity: identity, platform: .aws, effect: statement.effect, actions: statement.actions,
            actionsInverted: statement.actionsInverted, resources: statement.resources,
            conditions: statement.conditions,
            via: via,
            isAdministrative: statement.isAdministrative
                || (policyArn == IAMPolicyDocument.administratorAccessARN && statement.effect == .allow),
            evidence: [evidence])
    }
}
