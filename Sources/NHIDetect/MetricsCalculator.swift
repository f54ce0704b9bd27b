import Foundation
import NHIModel

/// Key NHI metrics for the report's summary and for diff; independent of which rules ran.
public enum MetricsCalculator {
    public static func metrics(_ context: RuleContext) -> Metrics {
        let nhis = context.inventory.identities.filter { $0.inInventory && context.judges($0) }
        let owned = nhis.filter {
            !(context.owner(of: $0.id)?.owner.trimmingCharacters(in: .whitespaces).isEmpty ?? true)
        }
        let inventoried = Set(nhis.map(\.id))
        return Metrics(
            nhisInScope: nhis.count,
            owned: owned.count,
            overPrivileged: OverprivilegedIdentityRule.overprivileged(context).keys.filter(inventoried.contains).count,
            credentialsPastMaxAge: LongLivedCredentialRule.pastMaxAge(context).count,
            dualUse: DualUseAuthorityRule.dualUseIdentities(context).count,
            humans: context.inventory.identities.filter(\.isHuman).count,
            shadow: ShadowIdentityRule.shadowIdentities(context).count)
    }
}
