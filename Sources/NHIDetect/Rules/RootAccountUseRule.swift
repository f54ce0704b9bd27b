import Foundation
import NHIModel

/// The AWS account root: an active access key on it, or its use outside break-glass.
public struct RootAccountUseRule: Rule {
    public let id = "root-account-use"
    public let title = "AWS account root has an active access key or is used outside break-glass"
    public let severity = Severity.critical
    public let rationale =
        "The root user can do anything in the account and no policy limits it: an access key on it is the most powerful static credential there is, and any use of it outside a declared break-glass procedure is unattributed, unrestricted power."
    public let remediation =
        "Delete the root access keys, protect root with hardware MFA, register it as break-glass in owners.csv, and do day-to-day work through roles."
    public let inputs: [InputKind] = [.inventory]

    public init() {}

    static func isRoot(_ id: IdentityID, _ context: RuleContext) -> Bool {
        context.position(of: id).map { context.inventory.identities[$0].kind == .root }
            ?? id.rawValue.hasSuffix(":root")
    }

    /// The account of a root ARN (`arn:aws:iam::<account>:root`).
    static func account(of root: IdentityID) -> String {
        let parts = root.rawValue.split(separator: ":", omittingEmptySubsequences: false)
        return parts.count > 4 ? String(parts[4]) : ""
    }

    public func evaluate(_ context: RuleContext) -> [Finding] {
        var signals: [IdentityID: (parts: [String], evidence: [EvidenceRef])] = [:]
        // Identities read in place, by position: a copy of one retains each of its fields.
        let identities = context.inventory.identities
        for position in identities.indices
        where identities[position].platform == .aws && identities[position].kind == .root {
            let keys = identities[position].credentials.filter { $0.kind == .accessKey && $0.active }
            guard !keys.isEmpty else { continue }
            let id = identities[position].id
            signals[id, default: ([], [])].parts.append("active access key(s) \(Detail.list(keys.map(\.id)))")
            signals[id, default: ([], [])].evidence += keys.flatMap(\.evidence)
        }
        // Only the organisation's own roots: another account's root assuming a role here is a trust
        // question (third-party-trust). A root registered as break-glass is judged by
        // break-glass-unreviewed (incident and review) instead.
        var accounts = Set(context.inventory.scope.environments.flatMap(\.awsAccounts))
        for position in identities.indices
        where identities[position].platform == .aws && identities[position].inInventory {
            if let account = identities[position].account { accounts.insert(account) }
        }
        var uses: [IdentityID: [String: Int]] = [:]
        for group in context.usedByIdentity
        where Self.isRoot(group.identity, context) && !context.isBreakGlass(group.identity)
            && accounts.contains(Self.account(of: group.identity))
        {
            for item in group.used where item.record.platform == .aws {
                uses[group.identity, default: [:]][item.record.action, default: 0] += item.effectiveCount
                signals[group.identity, default: ([], [])].evidence += item.record.examples
            }
        }
        for (id, actions) in uses {
            signals[id, default: ([], [])].parts.append("used outside break-glass: \(Detail.counts(actions))")
        }
        return signals.map { id, signal in
            finding(
                context, subject: id.rawValue,
                environment: context.position(of: id).flatMap { identities[$0].environments.first },
                summary: "Account root \(id.rawValue): \(signal.parts.joined(separator: "; "))",
                details: ["signals": signal.parts.joined(separator: "; ")], evidence: signal.evidence)
        }
    }

    private static let root = IdentityID("arn:aws:iam::\(ExampleKit.productionAccount):root")

    private static func rootIdentity(keyActive: Bool) -> Identity {
        ExampleKit.identity(
            root, kind: .root, name: "root",
            credentials: [ExampleKit.accessKey("access-key-1", created: "2024-03-01", active: keyActive)])
    }

    public var triggeringExamples: [RuleExample] {
        [
            RuleExample(
                "root holds an active access key",
                ExampleKit.inventory(identities: [Self.rootIdentity(keyActive: true)])),
            RuleExample(
                "root signs in and changes IAM, not registered as break-glass",
                ExampleKit.inventory(
                    identities: [Self.rootIdentity(keyActive: false)],
                    activity: [
                        ExampleKit.activity(Self.root, "signin:ConsoleLogin"),
                        ExampleKit.activity(Self.root, "iam:CreateUser"),
                    ])),
        ]
    }

    public var nonTriggeringExamples: [RuleExample] {
        [
            RuleExample(
                "root key deactivated and root unused",
                ExampleKit.inventory(identities: [Self.rootIdentity(keyActive: false)])),
            RuleExample(
                "root used as registered break-glass (break-glass-unreviewed judges it)",
                ExampleKit.inventory(
                    identities: [Self.rootIdentity(keyActive: false)],
                    activity: [ExampleKit.activity(Self.root, "signin:ConsoleLogin")],
                    owners: [OwnerRecord(identityRef: Self.root.rawValue, owner: "security", purpose: .breakGlass)])),
            RuleExample(
                "another account's root assuming a role here",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("vendor-access")],
                    activity: [ExampleKit.activity(IdentityID("arn:aws:iam::999988887777:root"), "sts:AssumeRole")])),
            RuleExample(
                "a user's active key is not root's",
                ExampleKit.inventory(
                    identities: [
                        ExampleKit.user(
                            "deployer", credentials: [ExampleKit.accessKey("AKIADEPLOY", created: "2026-10-01")])
                    ])),
        ]
    }
}
