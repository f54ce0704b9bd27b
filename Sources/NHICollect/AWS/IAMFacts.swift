import Foundation
import NHIModel

/// IAM facts that another page of authorization details may complete: managed policy documents,
/// policy attachments and group membership. Readers collect them per file; identity resolution
/// expands them into grants once every file is read (`AWSGrantExpansion`).
public struct IAMFacts: Sendable {
    public struct ManagedPolicy: Sendable {
        public var name: String
        public var statements: [IAMStatement]
        public var evidence: EvidenceRef
    }

    /// A managed policy attached to a user, role or group (identity id or group ARN).
    public struct Attachment: Sendable {
        public var holder: String
        public var policyArn: String
        public var policyName: String
        public var evidence: EvidenceRef
    }

    public struct InlinePolicy: Sendable {
        public var group: String
        public var name: String
        public var statements: [IAMStatement]
        public var evidence: EvidenceRef
    }

    public struct Membership: Sendable {
        public var user: IdentityID
        public var group: String
    }

    public var managedPolicies: [String: ManagedPolicy] = [:]
    public var attachments: [Attachment] = []
    public var groupInlinePolicies: [InlinePolicy] = []
    public var memberships: [Membership] = []

    public init() {}

    public var isEmpty: Bool {
        managedPolicies.isEmpty && attachments.isEmpty && groupInlinePolicies.isEmpty && memberships.isEmpty
    }

    /// Folds another file's facts in (the first document seen for a policy wins: files merge in order).
    public mutating func merge(_ other: IAMFacts) {
        managedPolicies.merge(other.managedPolicies) { mine, _ in mine }
        attachments.append(contentsOf: other.attachments)
        groupInlinePolicies.append(contentsOf: other.groupInlinePolicies)
        memberships.append(contentsOf: other.memberships)
    }
}
