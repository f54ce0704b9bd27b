import Foundation
import NHIModel

/// The canonical identity ids of AWS principals (see `IdentityID`): IAM ARNs without paths, so
/// that the credential report, authorization details and CloudTrail name the same identity alike.
public enum AWSPrincipals {
    /// The parts of an ARN: `arn:<partition>:<service>:<region>:<account>:<resource>`.
    struct ARN {
        var partition: String
        var service: String
        var account: String
        var resource: String

        init?(_ text: String) {
            let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
            guard parts.count == 6, parts[0] == "arn" else { return nil }
            partition = String(parts[1]); service = String(parts[2])
            account = String(parts[4]); resource = String(parts[5])
        }
    }

    /// `arn:aws:iam::A:user/path/name` → `arn:aws:iam::A:user/name`; roles likewise; the
    /// session ARN `arn:aws:sts::A:assumed-role/R/S` → the role `arn:aws:iam::A:role/R`.
    /// Other ARNs are returned unchanged.
    public static func canonical(_ arn: String) -> String {
        guard let parsed = ARN(arn) else { return arn }
        let resource = parsed.resource.split(separator: "/", omittingEmptySubsequences: false)
        switch (parsed.service, resource.first) {
        case ("iam", "user"?) where resource.count >= 2, ("iam", "role"?) where resource.count >= 2,
             ("iam", "group"?) where resource.count >= 2:
            return "arn:\(parsed.partition):iam::\(parsed.account):\(resource[0])/\(resource[resource.count - 1])"
        case ("sts", "assumed-role"?) where resource.count >= 3:
            return "arn:\(parsed.partition):iam::\(parsed.account):role/\(resource[1])"
        default:
            return arn
        }
    }

    /// The session name of an assumed-role ARN (`…:assumed-role/R/S` → `S`).
    public static func sessionName(_ arn: String) -> String? {
        guard let parsed = ARN(arn), parsed.service == "sts" else { return nil }
        let resource = parsed.resource.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false)
        guard resource.count == 3, resource[0] == "assumed-role" else { return nil }
        return String(resource[2])
    }

    /// The `path` of an IAM user or role ARN (`/` when none), as authorization details keeps it.
    public static func path(_ arn: String) -> String? {
        guard let parsed = ARN(arn) else { return nil }
        let resource = parsed.resource.split(separator: "/", omittingEmptySubsequences: false)
        guard resource.count >= 2 else { return nil }
        return "/" + resource.dropFirst().dropLast().map { $0 + "/" }.joined()
    }

    public static func root(account: String, partition: String = "aws") -> String {
        "arn:\(partition):iam::\(account):root"
    }

    public static func service(_ principal: String) -> IdentityID { IdentityID("aws-service:\(principal)") }

    public static func accessKey(_ keyId: String) -> IdentityID { IdentityID("aws-access-key:\(keyId)") }

    /// Kind, display name and account of an identity known only by its canonical id (seen acting, never listed).
    public static func describe(_ id: IdentityID) -> (kind: IdentityKind, name: String, account: String?, isPlatformService: Bool) {
        let raw = id.rawValue
        if raw.hasPrefix("aws-service:") { return (.awsService, String(raw.dropFirst("aws-service:".count)), nil, true) }
        if raw.hasPrefix("aws-federated:") { return (.federated, String(raw.dropFirst("aws-federated:".count)), nil, false) }
        if raw.hasPrefix("aws-access-key:") { return (.unknown, String(raw.dropFirst("aws-access-key:".count)), nil, false) }
        guard let parsed = ARN(raw) else { return (.unknown, raw, nil, false) }
        let resource = parsed.resource.split(separator: "/", omittingEmptySubsequences: false)
        let name = resource.count > 1 ? String(resource[resource.count - 1]) : parsed.resource
        switch (parsed.service, resource.first) {
        case ("iam", "root"?): return (.root, "root", parsed.account, false)
        case ("iam", "user"?): return (.user, name, parsed.account, false)
        case ("iam", "role"?): return (.role, name, parsed.account, false)
        case ("sts", "federated-user"?): return (.federated, name, parsed.account, false)
        default: return (.unknown, name, parsed.account.isEmpty ? nil : parsed.account, false)
        }
    }

    /// Roles AWS IAM Identity Center creates for people signing in through SSO.
    public static func isSSORole(name: String) -> Bool { name.hasPrefix("AWSReservedSSO_") }
}
