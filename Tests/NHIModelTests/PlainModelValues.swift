import Foundation
import NHIModel
import TestSupport

/// `Finding`'s fields as a plain struct: its synthesized coding, equality and hashing are what
/// `Finding`'s must be.
struct PlainFinding: Hashable, Codable {
    var id: String
    var rule: String
    var severity: Severity
    var subject: String
    var environment: String?
    var summary: String
    var details: [String: String]
    var evidence: [EvidenceRef]
    var waiver: WaiverApplication?
    var firstReported: Date?

    init(_ finding: Finding) {
        id = finding.id; rule = finding.rule; severity = finding.severity; subject = finding.subject
        environment = finding.environment; summary = finding.summary; details = finding.details
        evidence = finding.evidence; waiver = finding.waiver; firstReported = finding.firstReported
    }

    var finding: Finding {
        Finding(
            id: id, rule: rule, severity: severity, subject: subject, environment: environment, summary: summary,
            details: details, evidence: evidence, waiver: waiver, firstReported: firstReported
        )
    }

    /// With `small`, few values per field, so that equal findings and equal fields are common.
    static func random(_ random: inout SeededRandom, small: Bool = false) -> PlainFinding {
        var plain = PlainFinding(Finding(id: "", rule: "", severity: .info, subject: "", summary: ""))
        plain.id = small ? random.pick(["a", "b"]) : "f-\(random.next(1_000_000))"
        plain.rule = random.pick(["stale-credential", "unowned-identity"])
        plain.severity = random.pick(Severity.allCases)
        plain.subject = small ? "s" : "arn:aws:iam::1:role/r\(random.next(100))"
        plain.environment = random.optional(["prod", "dev"])
        plain.summary = small ? "x" : random.pick(["Key unused", "No owner \u{E9}", "quote \" and \\ slash /"])
        plain.details = random.dictionary(small ? 1 : 4)
        plain.evidence = random.evidence(small ? 1 : 3)
        if random.next(2) == 0 {
            plain.waiver = WaiverApplication(
                waiverId: "w\(random.next(3))", expires: random.date(), active: random.next(2) == 0,
                approved: random.next(2) == 0 ? random.date() : nil
            )
        }
        plain.firstReported = random.next(2) == 0 ? random.date() : nil
        return plain
    }
}

/// `Identity`'s fields as a plain struct, likewise.
struct PlainIdentity: Hashable, Codable {
    var id: IdentityID
    var platform: Platform
    var kind: IdentityKind
    var name: String
    var account: String?
    var namespace: String?
    var isHuman: Bool
    var humanBasis: HumanBasis
    var inInventory: Bool
    var isPlatformService: Bool
    var environments: [String]
    var createdAt: Date?
    var lastUsedAt: Date?
    var tags: [String: String]
    var attributes: [String: String]
    var owner: OwnerRecord?
    var credentials: [Credential]
    var evidence: [EvidenceRef]

    init(_ identity: Identity) {
        id = identity.id; platform = identity.platform; kind = identity.kind; name = identity.name
        account = identity.account; namespace = identity.namespace; isHuman = identity.isHuman
        humanBasis = identity.humanBasis; inInventory = identity.inInventory
        isPlatformService = identity.isPlatformService; environments = identity.environments
        createdAt = identity.createdAt; lastUsedAt = identity.lastUsedAt; tags = identity.tags
        attributes = identity.attributes; owner = identity.owner; credentials = identity.credentials
        evidence = identity.evidence
    }

    var identity: Identity {
        Identity(
            id: id, platform: platform, kind: kind, name: name, account: account, namespace: namespace,
            isHuman: isHuman, humanBasis: humanBasis, inInventory: inInventory, isPlatformService: isPlatformService,
            environments: environments, createdAt: createdAt, lastUsedAt: lastUsedAt, tags: tags,
            attributes: attributes, owner: owner, credentials: credentials, evidence: evidence
        )
    }

    static func random(_ random: inout SeededRandom, small: Bool = false) -> PlainIdentity {
        var plain = PlainIdentity(Identity(id: IdentityID(""), platform: .aws, kind: .role, name: ""))
        plain.id = IdentityID(small ? random.pick(["a", "b"]) : "arn:aws:iam::1:role/r\(random.next(1_000_000))")
        plain.platform = random.pick([.aws, .kubernetes, .github])
        plain.kind = random.pick(IdentityKind.allCases)
        plain.name = small ? "n" : "name-\(random.next(100))"
        plain.account = random.optional(["123456789012", "cluster"])
        plain.namespace = random.optional(["default"])
        plain.isHuman = random.next(2) == 0
        plain.humanBasis = random.pick([.inferred, .ownerOverride, .declared])
        plain.inInventory = random.next(2) == 0
        plain.isPlatformService = small ? false : random.next(2) == 0
        plain.environments = Array(["dev", "prod", "staging"].prefix(random.next(small ? 2 : 4)))
        plain.createdAt = random.next(2) == 0 ? random.date() : nil
        plain.lastUsedAt = small ? nil : random.next(2) == 0 ? random.date() : nil
        plain.tags = random.dictionary(small ? 1 : 3)
        plain.attributes = random.dictionary(small ? 0 : 4)
        if random.next(2) == 0 {
            plain.owner = OwnerRecord(
                identityRef: "ref", owner: "team@example.com", team: random.optional(["platform"]),
                purpose: random.next(2) == 0 ? random.pick(IdentityPurpose.allCases) : nil,
                approvedUntil: random.next(2) == 0 ? random.date() : nil
            )
        }
        plain.credentials = (0..<random.next(small ? 1 : 3)).map { index in
            Credential(
                id: "AKIA\(index)", kind: random.pick(CredentialKind.allCases), active: random.next(2) == 0,
                createdAt: random.next(2) == 0 ? random.date() : nil, lastUsedService: random.optional(["s3"]),
                evidence: random.evidence(1)
            )
        }
        plain.evidence = random.evidence(small ? 1 : 3)
        return plain
    }
}

extension SeededRandom {
    mutating func optional(_ values: [String]) -> String? { next(2) == 0 ? nil : pick(values) }

    /// Whole seconds: what the records hold, and what ISO 8601 in results.json keeps.
    mutating func date() -> Date { Date(timeIntervalSince1970: Double(1_700_000_000 + next(50_000_000))) }

    mutating func dictionary(_ most: Int) -> [String: String] {
        var values: [String: String] = [:]
        for _ in 0..<next(most + 1) { values[pick(["a", "b", "c", "d", "e"])] = pick(["1", "two", ""]) }
        return values
    }

    mutating func evidence(_ most: Int) -> [EvidenceRef] {
        (0..<next(most + 1)).map { _ in
            EvidenceRef(
                file: pick(["a.json", "b.csv"]), sha256: "00ff", line: next(2) == 0 ? nil : next(10),
                record: next(2) == 0 ? nil : next(10), pointer: optional(["/Records/0"])
            )
        }
    }
}
