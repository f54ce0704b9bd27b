import Foundation
import NHIModel

/// Ties scanner hits to credentials: AWS access key ids (from the inventory, or from the audit
/// log's key ids in use) and GitHub tokens (through the audit log's `hashed_token`).
struct LeakCredentialIndex {
    enum Match {
        /// A credential that is still active.
        case active(Identity, Credential)
        /// The credential is known and deactivated: the leak no longer opens anything.
        case inactive
        /// The hit names a credential (key id, token) that nothing in the evidence matches.
        case unknownOwner
        /// The hit names no credential: a private key, a password, a generic secret.
        case noCredential
    }

    private let context: RuleContext
    private var byId: [String: (Identity, Credential)] = [:]
    private var byTokenHash: [String: (Identity, Credential)] = [:]
    /// The credential report names keys only by slot (access-key-1); the audit log shows key ids in use.
    private var usedBy: [String: IdentityID] = [:]

    init(_ context: RuleContext) {
        self.context = context
        for identity in context.inventory.identities {
            for credential in identity.credentials {
                let key = credential.id.lowercased()
                if byId[key] == nil || credential.active { byId[key] = (identity, credential) }
                if let hash = credential.hashedToken, byTokenHash[hash] == nil || credential.active {
                    byTokenHash[hash] = (identity, credential)
                }
            }
        }
        for item in context.activity where item.effectiveCount > 0 {
            for key in item.record.credentialIds.values { usedBy[key.lowercased()] = item.record.identity }
        }
    }

    func match(_ leak: LeakRecord) -> Match {
        if let hash = leak.tokenHash, let (identity, credential) = byTokenHash[hash] {
            return credential.active ? .active(identity, credential) : .inactive
        }
        guard let credentialId = leak.credentialId else { return .noCredential }
        if let (identity, credential) = byId[credentialId.lowercased()] {
            return credential.active ? .active(identity, credential) : .inactive
        }
        if let id = usedBy[credentialId.lowercased()], let identity = context.identity(id) {
            guard let key = identity.credentials.first(where: { $0.active && $0.kind == .accessKey }) else {
                return .inactive
            }
            return .active(identity, Credential(id: credentialId, kind: key.kind, active: true, evidence: key.evidence))
        }
        return .unknownOwner
    }
}
