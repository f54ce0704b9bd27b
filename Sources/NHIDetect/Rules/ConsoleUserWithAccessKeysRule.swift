import Foundation
import NHIModel

/// An IAM user with a console password but no MFA that also holds active access keys: a person's
/// sign-in and a program's credential on one identity.
public struct ConsoleUserWithAccessKeysRule: Rule {
    public let id = "console-user-with-access-keys"
    public let title = "Console user without MFA also holds active access keys"
    public let severity = Severity.high
    public let rationale =
        "A user that signs in to the console with a password alone and also has active access keys mixes a person's and a program's use of one identity: actions cannot be told apart, the keys end up in scripts and on laptops, and the password alone unlocks everything the keys can do."
    public let remediation =
        "Split the identity: give the person a federated or MFA-protected sign-in, move the program to a role (or a key-only user with an owner), and enable MFA or remove the password meanwhile."
    public let inputs: [InputKind] = [.inventory]

    public init() {}

    public func evaluate(_ context: RuleContext) -> [Finding] {
        // Identities read in place, by position, until one is a user signing in with a password and
        // no MFA: a copy of an identity retains each of its fields.
        let identities = context.inventory.identities
        return identities.indices.compactMap { position -> Finding? in
            guard identities[position].platform == .aws, identities[position].kind == .user,
                identities[position].attributes["passwordEnabled"] == "true",
                identities[position].attributes["mfaActive"] != "true"
            else { return nil }
            let identity = identities[position]
            let keys = identity.credentials.filter { $0.kind == .accessKey && $0.active }
            guard !keys.isEmpty else { return nil }
            let password = identity.credentials.filter { $0.kind == .password }
            return finding(
                context, subject: identity.id.rawValue, environment: identity.environments.first,
                summary:
                    "\(identity.name) signs in with a password and no MFA and also holds \(keys.count) active access key(s)",
                details: [
                    "access_keys": Detail.list(keys.map(\.id)),
                    "password_last_used": Detail.time(password.first?.lastUsedAt),
                    "judged_human": String(identity.isHuman),
                ],
                evidence: (password + keys).flatMap(\.evidence))
        }
    }

    private static func user(_ name: String, password: Bool = true, mfa: Bool = false, keyActive: Bool = true)
        -> Identity
    {
        var user = ExampleKit.user(
            name, credentials: [ExampleKit.accessKey("access-key-1", created: "2026-06-01", active: keyActive)],
            isHuman: password)
        user.attributes = ["passwordEnabled": String(password), "mfaActive": String(mfa)]
        return user
    }

    public var triggeringExamples: [RuleExample] {
        [
            RuleExample(
                "password without MFA and an active key", ExampleKit.inventory(identities: [Self.user("jenkins-admin")])
            )
        ]
    }

    public var nonTriggeringExamples: [RuleExample] {
        [
            RuleExample(
                "password with MFA and a key", ExampleKit.inventory(identities: [Self.user("dana", mfa: true)])),
            RuleExample("key-only user", ExampleKit.inventory(identities: [Self.user("ci-deployer", password: false)])),
            RuleExample(
                "password without MFA, key deactivated",
                ExampleKit.inventory(identities: [Self.user("old-admin", keyActive: false)])),
        ]
    }
}
