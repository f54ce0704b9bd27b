import NHIModel

/// Every known rule id (DESIGN.md §4), implemented or not. Mapping validation checks rule ids against this list.
public enum RuleRegistry {
    public static let descriptors: [RuleDescriptor] = [
        RuleDescriptor(id: "dual-use-authority", title: "Identity both delivers and operates", severity: .high, inputs: [.auditLog], implemented: false),
        RuleDescriptor(id: "latent-dual-use", title: "Identity is granted both delivery and operations authority", severity: .medium, inputs: [.entitlements], implemented: false),
        RuleDescriptor(id: "self-approved-change", title: "Change approved and executed by the same party", severity: .high, inputs: [.changes], implemented: false),
        RuleDescriptor(id: "unapproved-production-change", title: "Production delivery outside an approved change window", severity: .high, inputs: [.auditLog, .changes], implemented: false),
        RuleDescriptor(id: "recovery-without-incident", title: "Production recovery action without an incident or change", severity: .medium, inputs: [.auditLog, .incidents, .changes], implemented: false),
        RuleDescriptor(id: "break-glass-standing-access", title: "Break-glass identity with standing access", severity: .high, inputs: [.inventory, .owners], implemented: false),
        RuleDescriptor(id: "break-glass-unreviewed", title: "Break-glass use without incident or timely review", severity: .high, inputs: [.auditLog, .incidents, .owners], implemented: false),
        RuleDescriptor(id: "stale-identity", title: "Active NHI or credential unused", severity: .medium, inputs: [.inventory], implemented: false),
        RuleDescriptor(id: "unowned-identity", title: "NHI without an owner", severity: .medium, inputs: [.inventory, .owners], implemented: false),
        RuleDescriptor(id: "shadow-identity", title: "Identity acting that no inventory knows", severity: .high, inputs: [.auditLog, .inventory], implemented: false),
        RuleDescriptor(id: "long-lived-credential", title: "Credential older than the maximum age or without expiry", severity: .medium, inputs: [.inventory], implemented: false),
        RuleDescriptor(id: "overprivileged-identity", title: "NHI with administrative or wildcard permissions", severity: .high, inputs: [.entitlements], implemented: false),
        RuleDescriptor(id: "unused-permissions", title: "Granted services never used in the period", severity: .low, inputs: [.entitlements, .auditLog], implemented: false),
        RuleDescriptor(id: "cross-environment-reuse", title: "One identity acting in several environments", severity: .medium, inputs: [.auditLog, .scope], implemented: false),
        RuleDescriptor(id: "human-use-of-nhi", title: "Interactive human use of a non-human identity", severity: .high, inputs: [.auditLog], implemented: false),
        RuleDescriptor(id: "static-ci-credentials", title: "CI/CD identity using static keys where federation is possible", severity: .medium, inputs: [.inventory, .auditLog], implemented: false),
        RuleDescriptor(id: "loose-oidc-trust", title: "OIDC-federated role without a pinned subject", severity: .critical, inputs: [.entitlements], implemented: false),
        RuleDescriptor(id: "leaked-active-secret", title: "Leaked secret matches an active credential", severity: .critical, inputs: [.scannerReport, .inventory], implemented: false),
        RuleDescriptor(id: "third-party-trust", title: "Third-party access without external id or with broad scopes", severity: .high, inputs: [.entitlements], implemented: false),
        RuleDescriptor(id: "audit-coverage-gap", title: "In-scope environment without audit coverage", severity: .high, inputs: [.auditLog, .scope], implemented: false),
    ]

    public static func descriptor(_ id: String) -> RuleDescriptor? { descriptors.first { $0.id == id } }
    public static var ids: Set<String> { Set(descriptors.map(\.id)) }
}
