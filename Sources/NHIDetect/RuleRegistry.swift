import NHIModel

/// Every rule, in catalogue order. Mapping validation checks rule ids against this list.
public enum RuleRegistry {
    public static let rules: [any Rule] = [
        DualUseAuthorityRule(), DualUseThroughAssumedRoleRule(), LatentDualUseRule(), SelfApprovedChangeRule(),
        UnapprovedProductionChangeRule(),
        RecoveryWithoutIncidentRule(), RecoveryByNonResponderRule(), BreakGlassStandingAccessRule(),
        BreakGlassUnreviewedRule(), BreakGlassSelfReviewRule(),
        PurposeDriftRule(), StaleIdentityRule(),
        UnownedIdentityRule(), ShadowIdentityRule(), LongLivedCredentialRule(), OverprivilegedIdentityRule(),
        PrivilegeEscalationRule(), UnusedPermissionsRule(), CrossEnvironmentReuseRule(), HumanUseOfNHIRule(),
        StaticCICredentialsRule(),
        LooseOIDCTrustRule(), LeakedActiveSecretRule(), ThirdPartyTrustRule(), AuditCoverageGapRule(), NHIReuseRule(),
        LogIntegrityRule(), RootAccountUseRule(), ConsoleUserWithAccessKeysRule(), AuditTamperingRule(),
    ]

    public static let descriptors: [RuleDescriptor] = rules.map(\.descriptor)

    public static func descriptor(_ id: String) -> RuleDescriptor? { descriptors.first { $0.id == id } }
    public static var ids: Set<String> { Set(descriptors.map(\.id)) }

    /// Policy key → ids of the rules whose thresholds read it.
    public static var rulesByPolicyKey: [String: [String]] {
        var result: [String: [String]] = [:]
        for descriptor in descriptors {
            for threshold in descriptor.thresholds { result[threshold.key, default: []].append(descriptor.id) }
        }
        return result
    }
}
