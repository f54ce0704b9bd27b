import Foundation
import NHIModel

/// A secret-scanner hit whose credential is still active.
public struct LeakedActiveSecretRule: Rule {
    public let id = "leaked-active-secret"
    public let title = "Leaked secret matches an active credential"
    public let severity = Severity.critical
    public let rationale = "A secret found in code or history is compromised; while its credential is active, anyone with the repository can use it."
    public let remediation = "Deactivate and rotate the credential now, review its use since the leak date, then remove the secret from history."
    public let inputs: [InputKind] = [.scannerReport, .inventory]

    public init() {}

    public func evaluate(_ context: RuleContext) -> [Finding] {
        var active: [String: (Identity, Credential)] = [:]
        for identity in context.inventory.identities {
            for credential in identity.credentials where credential.active { active[credential.id.lowercased()] = (identity, credential) }
        }
        // The credential report names keys only by slot (access-key-1); the audit log shows key ids in use.
        var usedBy: [String: IdentityID] = [:]
        for item in context.activity where item.effectiveCount > 0 {
            for key in item.record.credentialIds.counts.keys { usedBy[key.lowercased()] = item.record.identity }
        }
        var findings: [String: Finding] = [:]
        for leak in context.inventory.leaks {
            guard let credentialId = leak.credentialId else { continue }
            let match: (Identity, Credential)? = active[credentialId.lowercased()] ?? usedBy[credentialId.lowercased()].flatMap { id in
                guard let identity = context.identity(id),
                      let key = identity.credentials.first(where: { $0.active && $0.kind == .accessKey }) else { return nil }
                return (identity, Credential(id: credentialId, kind: key.kind, active: true, evidence: key.evidence))
            }
            guard let (identity, credential) = match else { continue }
            let location = [leak.file, leak.line.map(String.init)].compactMap { $0 }.joined(separator: ":")
            var hit = finding(context, subject: identity.id.rawValue, scope: credential.id,
                              summary: "Active credential \(credential.id) of \(identity.name) was found by \(leak.scanner) (\(leak.detector))",
                              details: ["credential": credential.id, "scanner": leak.scanner, "detector": leak.detector,
                                        "location": location, "commit": leak.commit ?? "", "leaked_at": Detail.time(leak.date),
                                        "verified_by_scanner": leak.verified.map { $0 ? "yes" : "no" } ?? "unknown"],
                              evidence: [leak.evidence] + credential.evidence)
            if let existing = findings[hit.id] { hit.evidence = Array(Set(existing.evidence + hit.evidence)).sorted() }
            findings[hit.id] = hit
        }
        return Array(findings.values)
    }

    private static func leak(_ credentialId: String) -> LeakRecord {
        LeakRecord(scanner: "gitleaks", detector: "aws-access-token", file: "deploy/env.sh", line: 3, commit: "abc123",
                   fingerprint: String(repeating: "a", count: 64), credentialId: credentialId,
                   evidence: EvidenceRef(file: "scanners/gitleaks.json", sha256: String(repeating: "1", count: 64), record: 0))
    }

    public var triggeringExamples: [RuleExample] {
        [
            RuleExample("leaked key still active", ExampleKit.inventory(
                identities: [ExampleKit.user("ci", credentials: [ExampleKit.accessKey("AKIAIOSFODNN7EXAMPLE", created: "2026-10-01")])],
                leaks: [Self.leak("AKIAIOSFODNN7EXAMPLE")])),
            RuleExample("key id seen in use by a user whose report shows an active key", ExampleKit.inventory(
                identities: [ExampleKit.user("ci", credentials: [ExampleKit.accessKey("access-key-1", created: "2026-10-01")])],
                activity: [ExampleKit.activity(ExampleKit.userID("ci"), "s3:PutObject", credentialId: "AKIAIOSFODNN7EXAMPLE")],
                leaks: [Self.leak("AKIAIOSFODNN7EXAMPLE")])),
        ]
    }

    public var nonTriggeringExamples: [RuleExample] {
        [
            RuleExample("leaked key already deactivated", ExampleKit.inventory(
                identities: [ExampleKit.user("ci", credentials: [ExampleKit.accessKey("AKIAIOSFODNN7EXAMPLE", created: "2026-10-01", active: false)])],
                leaks: [Self.leak("AKIAIOSFODNN7EXAMPLE")])),
            RuleExample("key id seen in use, but the user's keys are all deactivated now", ExampleKit.inventory(
                identities: [ExampleKit.user("ci", credentials: [ExampleKit.accessKey("access-key-1", created: "2026-10-01", active: false)])],
                activity: [ExampleKit.activity(ExampleKit.userID("ci"), "s3:PutObject", credentialId: "AKIAIOSFODNN7EXAMPLE")],
                leaks: [Self.leak("AKIAIOSFODNN7EXAMPLE")])),
            RuleExample("leak of an unknown key", ExampleKit.inventory(
                identities: [ExampleKit.user("ci", credentials: [ExampleKit.accessKey("AKIAOTHER", created: "2026-10-01")])],
                leaks: [Self.leak("AKIAIOSFODNN7EXAMPLE")])),
        ]
    }
}
