import Foundation
import NHIModel

/// Key NHI metrics for the report's summary and for diff; independent of which rules ran.
public enum MetricsCalculator {
    public static func metrics(_ context: RuleContext) -> Metrics {
        // Identities read in place, by position: a copy of one retains each of its fields.
        let identities = context.inventory.identities
        let nhis = identities.indices.filter { identities[$0].inInventory && context.judges(at: $0) }
        let owned = nhis.filter { context.owner(of: identities[$0].id)?.namedOwner != nil }
        let inventoried = Set(nhis.map { identities[$0].id })
        return Metrics(
            nhisInScope: nhis.count,
            owned: owned.count,
            overPrivileged: OverprivilegedIdentityRule.overprivileged(context).keys.filter(inventoried.contains).count,
            credentialsPastMaxAge: LongLivedCredentialRule.pastMaxAge(context).count,
            dualUse: DualUseAuthorityRule.dualUseIdentities(context).count,
            humans: identities.indices.filter { identities[$0].isHuman }.count,
            shadow: ShadowIdentityRule.shadowIdentities(context).count)
    }
}
