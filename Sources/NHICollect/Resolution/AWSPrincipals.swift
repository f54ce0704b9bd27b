import Foundation
import NHIModel

/// The canonical identity ids of AWS principals (see `IdentityID`): IAM ARNs without paths, so
/// that the credential report, authorization details and CloudTrail name the same identity alike.
public enum AWSPrincipals {
    /// The parts of an ARN: `arn:<partition>:<service>:<region>:<account>:<resource>`.
    struct ARN {
        var partition: Substring
        var service: Substring
        var account: Substring
        var resource: Substring

        /// One pass over the text's bytes (the separators are ASCII, so byte positions are valid
        /// String indices): this runs for every distinct principal of every log file, and a search
        /// by Character costs a grapheme break test per byte.
        init?(_ text: String) {
            let bytes = text.utf8
            guard bytes.starts(with: "arn:".utf8) else { return nil }
            var fields: [Substring] = []
            fields.reserveCapacity(4)
            var start = bytes.index(bytes.startIndex, offsetBy: 4)
            while fields.count < 4, let colon = bytes[start...].firstIndex(of: UInt8(ascii: ":")) {
                fields.append(text[start..<colon])
                start = bytes.index(after: colon)
            }
            guard fields.count == 4 else { return nil }
            partition = fields[0]; service = fields[1]; account = fields[3]; resource = text[start...]
        }
    }

    /// Where the first "/" in `text` is, by bytes.
    private static func firstSlash(in text: Substring) -> Substring.Index? {
        text.utf8.firstIndex(of: UInt8(ascii: "/"))
    }

    /// `arn:aws:iam::A:user/path/name` → `arn:aws:iam::A:user/name`; roles likewise; the
    /// session ARN `arn:aws:sts::A:assumed-role/R/S` → the role `arn:aws:iam::A:role/R`.
    /// Other ARNs are returned unchanged.
    public static func canonical(_ arn: String) -> String {
        guard let parsed = ARN(arn), let slash = firstSlash(in: parsed.resource) else { return arn }
        let type = parsed.resource[..<slash]
        let rest = parsed.resource[parsed.resource.utf8.index(after: slash)...]
        switch (parsed.service, type) {
        case ("iam", "user"), ("iam", "role"), ("iam", "group"):
            let name = rest.utf8.lastIndex(of: UInt8(ascii: "/")).map { rest[rest.utf8.index(after: $0)...] } ?? rest
            return "arn:\(parsed.partition):iam::\(parsed.account):\(type)/\(name)"
        case ("sts", "assumed-role"):
            guard let end = firstSlash(in: rest) else { return arn }
            return "arn:\(parsed.partition):iam::\(parsed.account):role/\(rest[..<end])"
        default:
            return arn
        }
    }

    /// `canonical` and `sessionName` in one parse.
    static func resolve(_ arn: String) -> (id: String, session: String?) {
        guard let parsed = ARN(arn), parsed.service == "sts", let rest = assumedRole(parsed.resource) else {
            return (canonical(arn), nil)
        }
        guard let slash = firstSlash(in: rest) else { return (arn, nil) }
        return (
            "arn:\(parsed.partition):iam::\(parsed.account):role/\(rest[..<slash])",
            String(rest[rest.utf8.index(after: slash)...])
        )
    }

    /// The session name of an assumed-role ARN (`…:assumed-role/R/S` → `S`).
    public static func sessionName(_ arn: String) -> String? {
        guard let parsed = ARN(arn), parsed.service == "sts", let rest = assumedRole(parsed.resource),
            let slash = firstSlash(in: rest)
        else { return nil }
        return String(rest[rest.utf8.index(after: slash)...])
    }

    /// `assumed-role/R/S` → `R/S`; nil for any other resource.
    private static func assumedRole(_ resource: Substring) -> Substring? {
        let prefix = "assumed-role/".utf8
        guard resource.utf8.starts(with: prefix) else { return nil }
        return resource[resource.utf8.index(resource.startIndex, offsetBy: prefix.count)...]
    }

    /// The `path` of an IAM user or role ARN (`/` when none), as authorization details keeps it.
    public static func path(_ arn: String) -> String? {
        guard let parsed = ARN(arn) else { return nil }
        let resource = parsed.resource.split(separator: "/", omittingEmptySubsequences: false)
        guard resource.count >= 2 else { return nil }
        return "/" + resource.dropFirst().dropLast().map { $0 + "/" }.joined()
    }

    /// The account field of an ARN (`aws` for AWS-managed policies).
    public static func account(_ arn: String) -> String? { ARN(arn).map { String($0.account) } }

    public static func partition(_ arn: String) -> String? { ARN(arn).map { String($0.partition) } }

    public static func root(account: String, partition: String = "aws") -> String {
        "arn:\(partition):iam::\(account):root"
    }

    public static func service(_ principal: String) -> IdentityID { IdentityID("aws-service:\(principal)") }

    public static func accessKey(_ keyId: String) -> IdentityID { IdentityID("aws-access-key:\(keyId)") }

    /// Kind, display name and account of an identity known only by its canonical id (seen acting, never listed).
    public static func describe(_ id: IdentityID) -> (
        kind: IdentityKind, name: String, account: String?, isPlatformService: Bool
    ) {
        let raw = id.rawValue
        if raw.hasPrefix("aws-service:") {
            return (.awsService, String(raw.dropFirst("aws-service:".count)), nil, true)
        }
        if raw.hasPrefix("aws-federated:") {
            return (.federated, String(raw.dropFirst("aws-federated:".count)), nil, false)
        }
        if raw.hasPrefix("aws-access-key:") {
            return (.unknown, String(raw.dropFirst("aws-access-key:".count)), nil, false)
        }
        guard let parsed = ARN(raw) else { return (.unknown, raw, nil, false) }
        let resource = parsed.resource.split(separator: "/", omittingEmptySubsequences: false)
        let name = String(resource.count > 1 ? resource[resource.count - 1] : parsed.resource)
        let account = String(parsed.account)
        switch (parsed.service, resource.first) {
        case ("iam", "root"?): return (.root, "root", account, false)
        case ("iam", "user"?): return (.user, name, account, false)
        case ("iam", "role"?): return (.role, name, account, false)
        case ("sts", "federated-user"?): return (.federated, name, account, false)
        default: return (.unknown, name, account.isEmpty ? nil : account, false)
        }
    }

    /// Roles AWS IAM Identity Center creates for people signing in through SSO.
    public static func isSSORole(name: String) -> Bool { name.hasPrefix("AWSReservedSSO_") }
}
