import Foundation

/// A service account as `gcloud iam service-accounts list --format=json` prints it and as the
/// `data` of a Cloud Asset `iam.googleapis.com/ServiceAccount` resource.
struct GCPServiceAccountData: Decodable {
    var email: String?
    var name: String?
    var projectId: String?
    var uniqueId: String?
    var displayName: String?
    var description: String?
    var disabled: Bool?
}

/// A service account key (`gcloud iam service-accounts keys list --format=json`, or the `data` of a
/// Cloud Asset `iam.googleapis.com/ServiceAccountKey` resource). Never carries key material.
struct GCPServiceAccountKeyData: Decodable {
    var name: String?
    var validAfterTime: String?
    var validBeforeTime: String?
    var keyAlgorithm: String?
    var keyOrigin: String?
    var keyType: String?
    var disabled: Bool?

    /// `projects/P/serviceAccounts/SA/keys/KEY` → (P, SA, KEY); SA is an email or a unique id.
    var parts: (project: String?, account: String, key: String)? {
        guard let name else { return nil }
        let segments = GCPResourceName.relative(name).split(separator: "/").map(String.init)
        guard segments.count == 6, segments[0] == "projects", segments[2] == "serviceAccounts", segments[4] == "keys"
        else { return nil }
        return (segments[1] == "-" ? nil : segments[1], segments[3], segments[5])
    }
}

/// An IAM policy (`gcloud projects get-iam-policy --format=json`, a Cloud Asset `iamPolicy`).
struct GCPPolicyData: Decodable {
    struct Condition: Decodable {
        var title: String?
        var description: String?
        var expression: String?
    }
    struct Binding: Decodable {
        var role: String?
        var members: [String]?
        var condition: Condition?
    }
    var bindings: [Binding]?
    var etag: String?
    var version: Int?
}
