import Foundation
import NHIModel

/// Who performed a CloudTrail event, in canonical form: the identity the activity is charged to,
/// the role session name, and who acted through it (a federation issuer, an AWS service).
public struct CloudTrailPrincipal: Equatable, Sendable {
    public var identity: IdentityID
    public var sessionName: String?
    public var actor: String?

    /// Memoises ARN canonicalisation: a log names few principals many times.
    public final class Cache {
        private var canonical: [String: (id: String, session: String?)] = [:]
        public init() {}

        func resolve(_ arn: String) -> (id: String, session: String?) {
            if let hit = canonical[arn] { return hit }
            let value = AWSPrincipals.resolve(arn)
            // Session names can be unique per call (e.g. one per Lambda invocation): bound the memo.
            if canonical.count >= 50_000 { canonical.removeAll(keepingCapacity: true) }
            canonical[arn] = value
            return value
        }
    }

    /// Nil when the event names no principal at all (then it only counts for coverage).
    public static func of(_ user: CloudTrailUserIdentity, cache: Cache) -> CloudTrailPrincipal? {
        let viaService = user.invokedBy.map { "aws-service:\($0)" }
        func fromARN(_ arn: String?, actor: String? = nil) -> CloudTrailPrincipal? {
            guard let arn, !arn.isEmpty else { return nil }
            let resolved = cache.resolve(arn)
            return CloudTrailPrincipal(
                identity: IdentityID(resolved.id), sessionName: resolved.session, actor: actor ?? viaService)
        }
        switch user.type {
        case "AWSService":
            guard let service = user.invokedBy ?? user.principalId else { return nil }
            return CloudTrailPrincipal(identity: AWSPrincipals.service(service))
        case "Root":
            if let principal = fromARN(user.arn) { return principal }
            return user.accountId.map {
                CloudTrailPrincipal(identity: IdentityID(AWSPrincipals.root(account: $0)), actor: viaService)
            }
        case "IAMUser":
            if let principal = fromARN(user.arn) { return principal }
            if let account = user.accountId, let name = user.userName {
                return CloudTrailPrincipal(
                    identity: IdentityID("arn:aws:iam::\(account):user/\(name)"), actor: viaService)
            }
            return user.accessKeyId.map {
                CloudTrailPrincipal(identity: AWSPrincipals.accessKey($0), actor: viaService)
            }
        case "AssumedRole":
            return fromARN(user.arn) ?? fromARN(user.issuerArn)
        case "FederatedUser":
            return fromARN(user.arn, actor: user.issuerArn.map { cache.resolve($0).id })
        case "AWSAccount":
            guard let account = user.accountId else { return nil }
            return CloudTrailPrincipal(
                identity: IdentityID(AWSPrincipals.root(account: account)), actor: user.principalId ?? viaService)
        case "SAMLUser", "WebIdentityUser", "IdentityCenterUser":
            if let principal = fromARN(user.arn) { return principal }
            guard let name = user.userName ?? user.principalId else { return nil }
            return CloudTrailPrincipal(identity: IdentityID("aws-federated:\(name)"), actor: viaService)
        default:
            if let principal = fromARN(user.arn) ?? fromARN(user.issuerArn) { return principal }
            if let key = user.accessKeyId {
                return CloudTrailPrincipal(identity: AWSPrincipals.accessKey(key), actor: viaService)
            }
            return user.invokedBy.map { CloudTrailPrincipal(identity: AWSPrincipals.service($0)) }
        }
    }
}

/// The userIdentity fields of a CloudTrail event that decide its principal, as text.
public struct CloudTrailUserIdentity: Equatable, Sendable {
    public var type: String?
    public var arn: String?
    public var accountId: String?
    public var accessKeyId: String?
    public var principalId: String?
    public var userName: String?
    public var invokedBy: String?
    public var issuerType: String?
    public var issuerArn: String?
    public var issuerAccountId: String?
    public var issuerUserName: String?
    public init() {}
}
