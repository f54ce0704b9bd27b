import Foundation
import NHIModel

/// Adds what the GCP inventory formats share to the builder: service accounts, their keys and
/// IAM policy bindings. Each function returns the reason its record is rejected, or nil once added.
struct GCPInventoryFacts {
    let file: SourceFile
    let context: CollectContext
    let builder: InventoryBuilder

    func environment(_ project: String?) -> String {
        context.environment(platform: .gcp, account: project, override: file.environmentOverride)
    }

    /// Service accounts by unique id, for keys whose names carry the id rather than the email.
    private(set) var emailsByUniqueId: [String: (email: String, project: String?)] = [:]

    mutating func addServiceAccount(_ data: GCPServiceAccountData, ref: EvidenceRef) -> String? {
        guard let email = data.email ?? data.name.flatMap(Self.emailInName) else {
            return "service account without email"
        }
        let project = file.accountOverride ?? data.projectId ?? data.name.flatMap(GCPResourceName.project)
        var principal = GCPPrincipal.serviceAccount(
            email, project: project, environment: environment(project), inInventory: true)
        if let uniqueId = data.uniqueId {
            principal.identity.attributes["uniqueId"] = uniqueId
            emailsByUniqueId[uniqueId] = (email, project)
        }
        if let name = data.displayName, !name.isEmpty { principal.identity.attributes["displayName"] = name }
        if let text = data.description, !text.isEmpty { principal.identity.attributes["description"] = text }
        if data.disabled == true { principal.identity.attributes["disabled"] = "true" }
        principal.identity.evidence = [ref]
        builder.addIdentity(principal.identity)
        return nil
    }

    /// A user-managed key becomes a credential of its service account; a system-managed key is
    /// Google's (it signs and rotates it, no one holds it) and is counted as read, never as a credential.
    func addKey(_ data: GCPServiceAccountKeyData, ref: EvidenceRef) -> String? {
        guard let parts = data.parts else {
            return "key without a name of the form projects/P/serviceAccounts/SA/keys/KEY"
        }
        let account = parts.account.contains("@") ? (parts.account, parts.project) : emailsByUniqueId[parts.account]
        guard let (email, keyProject) = account else {
            return "key of a service account this file does not list (unique id \(parts.account))"
        }
        guard let type = data.keyType?.uppercased(), ["USER_MANAGED", "SYSTEM_MANAGED"].contains(type) else {
            return "key without keyType USER_MANAGED or SYSTEM_MANAGED"
        }
        let project = file.accountOverride ?? keyProject
        var principal = GCPPrincipal.serviceAccount(
            email, project: project, environment: environment(project), inInventory: true)
        principal.identity.evidence = [ref]
        builder.addIdentity(principal.identity)
        guard type == "USER_MANAGED" else { return nil }
        let created = data.validAfterTime.flatMap(RecordTime.parse)
        let expires = data.validBeforeTime.flatMap(RecordTime.parse).flatMap(Self.realExpiry)
        builder.addCredential(
            Credential(
                id: parts.key, kind: .serviceAccountKey, active: data.disabled != true, createdAt: created,
                expiresAt: expires, evidence: [ref]),
            to: principal.identity.id)
        return nil
    }

    /// Why a binding cannot be read, or nil.
    static func problem(in binding: GCPPolicyData.Binding) -> String? {
        if binding.role?.isEmpty != false { return "binding without role" }
        return binding.members == nil ? "binding without members" : nil
    }

    /// One binding of the policy set on `resource` (checked by `problem(in:)`): a grant of its role
    /// to each member that is one principal.
    func addBinding(_ binding: GCPPolicyData.Binding, resource: String, ref: EvidenceRef) {
        guard let role = binding.role, let members = binding.members else { return }
        let relative = GCPResourceName.relative(resource)
        let project = file.accountOverride ?? GCPResourceName.project(relative)
        let conditions =
            binding.condition.map {
                [PolicyCondition(op: "expression", key: $0.title ?? "", values: [$0.expression ?? ""])]
            } ?? []
        for member in members {
            guard var principal = GCPPrincipal.member(member, project: project, environment: environment(project))
            else { continue }
            // A member belongs to its own project's environment, not to that of every resource it is bound on.
            let home = environment(principal.identity.account)
            principal.identity.environments = home == Scope.unknownEnvironment ? [] : [home]
            builder.addIdentity(principal.identity)
            builder.addGrant(
                Grant(
                    identity: principal.identity.id, platform: .gcp, actions: [role], resources: [relative],
                    conditions: conditions, via: role, evidence: [ref]))
        }
    }

    /// `projects/P/serviceAccounts/EMAIL` → EMAIL.
    private static func emailInName(_ name: String) -> String? {
        let last = name.split(separator: "/").last.map(String.init)
        return last?.contains("@") == true ? last : nil
    }

    /// GCP writes 9999-12-31 as the end of a key that never expires.
    private static func realExpiry(_ date: Date) -> Date? {
        date.timeIntervalSince1970 < 253_370_764_800 ? date : nil
    }
}
