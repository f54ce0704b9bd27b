import Foundation
import NHIDetect
import NHIModel
import Testing

/// leaked-active-secret on every kind of hit: tied to an active credential (AWS key id, GitHub
/// token through the audit log's hashed_token), to no known credential, or to none at all.
@Suite struct LeakMatchingTests {
    static let tokenHash = "Kvb1pN134MItfCxh1PfC0C32P4LTrmw3aau/u5UbjEU="
    static let token = ExampleKit.identity(
        IdentityID("github:example:token:4711"), platform: .github, kind: .token, name: "4711",
        account: "example",
        credentials: [Credential(id: "4711", kind: .personalAccessToken, hashedToken: tokenHash)])

    static func leak(
        _ detector: String, credentialId: String?, tokenHash: String? = nil, file: String = "deploy/env.sh",
        fingerprint: String = String(repeating: "a", count: 64)
    ) -> LeakRecord {
        LeakRecord(
            scanner: "gitleaks", detector: detector, file: file, line: 3, fingerprint: fingerprint,
            credentialId: credentialId, tokenHash: tokenHash,
            evidence: EvidenceRef(file: "scanners/gitleaks.json", sha256: String(repeating: "1", count: 64), record: 0))
    }

    func findings(_ leaks: [LeakRecord], identities: [Identity] = [LeakMatchingTests.token]) -> [Finding] {
        let inventory = ExampleKit.inventory(identities: identities, leaks: leaks)
        return LeakedActiveSecretRule().evaluate(RuleExample("leaks", inventory).context).sorted { $0.id < $1.id }
    }

    @Test func githubTokenMatchedThroughItsHashIsCriticalOnTheToken() throws {
        let hits = findings([Self.leak("github-pat", credentialId: "ghp_", tokenHash: Self.tokenHash)])
        let hit = try #require(hits.first)
        #expect(hits.count == 1)
        #expect(hit.severity == .critical && hit.subject == "github:example:token:4711")
        #expect(hit.details["credential"] == "4711")
    }

    @Test func githubTokenWithoutAMatchIsAFindingOfUnknownOwner() throws {
        let hit = try #require(
            findings([Self.leak("github-pat", credentialId: "ghp_", tokenHash: "bm90LXNlZW4=")]).first)
        #expect(hit.severity == .high && hit.summary.hasPrefix("Leaked secret, owner unknown"))
        #expect(hit.subject == "leak:deploy/env.sh")
    }

    @Test func hitsNamingNoCredentialAreLowerSeverityFindings() throws {
        let hits = findings([
            Self.leak("private-key", credentialId: nil, file: "keys/deploy.pem"),
            Self.leak("generic-api-key", credentialId: nil, fingerprint: String(repeating: "b", count: 64)),
        ])
        #expect(hits.count == 2)
        #expect(hits.allSatisfy { $0.severity == .medium && $0.summary.contains("not tied to an identity") })
        #expect(Set(hits.map(\.details["detector"])) == ["private-key", "generic-api-key"])
    }

    @Test func theSameSecretFoundTwiceInOneFileIsOneFinding() {
        let hits = findings([Self.leak("private-key", credentialId: nil), Self.leak("private-key", credentialId: nil)])
        #expect(hits.count == 1)
    }

    @Test func aDeactivatedKeyIsNoFinding() {
        let user = ExampleKit.user(
            "ci", credentials: [ExampleKit.accessKey("AKIAIOSFODNN7EXAMPLE", created: "2026-10-01", active: false)])
        #expect(
            findings([Self.leak("aws-access-token", credentialId: "AKIAIOSFODNN7EXAMPLE")], identities: [user]).isEmpty)
    }
}
