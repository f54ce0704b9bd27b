import Foundation
import NHIModel

/// How one AWS grant (one policy statement) applies to a request, the way IAM evaluates a statement:
/// Resource or NotResource (kept with a leading `!`) and its conditions; `ActionCoverage` answers
/// for Action and NotAction.
enum StatementMatch {
    /// Whether the statement's resource element covers a concrete resource ARN. ARNs compare case by
    /// case; `*` and `?` cross `:` and `/` as IAM's do; `${aws:username}` is `username`, the
    /// caller's own name when it is an IAM user (nil otherwise: the variable is then left as written).
    static func coversResource(_ grant: Grant, _ resource: String, username: String?) -> Bool {
        let excluded = grant.resources.filter { $0.hasPrefix("!") }
        if !excluded.isEmpty {
            return !excluded.contains { pattern(String($0.dropFirst()), username).matches(resource) }
        }
        return grant.resources.isEmpty || grant.resources.contains { pattern($0, username).matches(resource) }
    }

    private static func pattern(_ text: String, _ username: String?) -> WildcardPattern {
        WildcardPattern(resolved(text, username), caseInsensitive: false)
    }

    /// A resource pattern as it applies to the request of a caller with that IAM user name.
    static func resolved(_ text: String, _ username: String?) -> String {
        guard let username else { return text }
        return text.replacingOccurrences(of: "${aws:username}", with: username)
    }

    /// Condition keys that describe the caller or where it calls from. Whoever holds an identity's
    /// credential calls as that identity, from where the workload runs: such a condition does not stop
    /// it, so a grant conditioned only on these still opens a path.
    static let callerKeys: Set<String> = [
        "aws:sourceip", "aws:sourcevpc", "aws:sourcevpce", "aws:vpcsourceip", "aws:currenttime", "aws:epochtime",
        "aws:securetransport", "aws:requestedregion", "aws:principalaccount", "aws:principalarn", "aws:principalorgid",
        "aws:principalorgpaths", "aws:principaltype", "aws:userid", "aws:username", "aws:principalisawsservice",
    ]

    /// Whether an Allow statement's conditions leave the request open to whoever holds the credential.
    /// `iam:PassedToService` holds when it names the service the path passes the role to; any other
    /// condition (the policy or boundary that may be attached, tags, MFA, a service's own keys)
    /// constrains what can be done, and the grant is not taken to open the path.
    static func allowHolds(_ grant: Grant, passedTo service: String?) -> Bool {
        grant.conditions.allSatisfy { condition in
            let key = condition.key.lowercased()
            if callerKeys.contains(key) || key.hasPrefix("aws:principaltag/") { return true }
            if key == "iam:passedtoservice" {
                guard let service, !condition.op.hasPrefix("StringNot") else { return false }
                return condition.values.contains { WildcardPattern($0).matches(service) }
            }
            return false
        }
    }

    /// Whether a Deny statement applies for sure: unconditionally, or only on the absence of MFA,
    /// which a workload's access key or role session never presents.
    static func denyHolds(_ grant: Grant) -> Bool {
        grant.conditions.allSatisfy { condition in
            condition.key.lowercased() == "aws:multifactorauthpresent" && condition.op.hasPrefix("Bool")
                && condition.values.map { $0.lowercased() } == ["false"]
        }
    }
}
