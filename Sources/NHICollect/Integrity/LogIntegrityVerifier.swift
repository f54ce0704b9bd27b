import Foundation
import NHIModel

/// Checks CloudTrail digests against each other, their signatures and the CloudTrail log files of
/// the evidence, once every file is read: the steps of AWS "Custom implementations of CloudTrail
/// log file integrity validation", offline. Notes each log file's and digest's outcome in its
/// ledger entry.
struct LogIntegrityVerifier {
    var root: URL
    var context: CollectContext

    /// Nil when the evidence holds no digest file: integrity is then unknown, not established.
    func verify(_ facts: LogIntegrityFacts, ledger entries: inout [LedgerEntry]) -> LogIntegrity? {
        guard !facts.digests.isEmpty else { return nil }
        let byObject = Dictionary(facts.digests.map { ($0.s3Object, $0) }, uniquingKeysWith: { first, _ in first })
        var checks: [String: DigestCheck] = [:]
        for digest in facts.digests {
            let check = DigestCheck(
                file: digest.ref.file, chain: digest.chain, environment: environment(account: digest.accountId),
                start: digest.startTime, end: digest.endTime, signature: signature(of: digest, facts),
                link: link(of: digest, byObject: byObject, facts), evidence: digest.ref)
            checks[digest.ref.file] = check
        }
        let logFiles = checkLogFiles(facts, digests: checks, entries: entries)
        let fingerprints = Dictionary(
            facts.digests.map { ($0.ref.file, $0.publicKeyFingerprint) }, uniquingKeysWith: { first, _ in first })
        annotate(&entries, digests: checks, fingerprints: fingerprints, logFiles: logFiles)
        return LogIntegrity(
            digests: checks.values.sorted { $0.file < $1.file }, logFiles: logFiles,
            publicKeysProvided: !facts.publicKeysFiles.isEmpty)
    }

    private func signature(of digest: CloudTrailDigestFile, _ facts: LogIntegrityFacts) -> DigestCheck.Signature {
        guard !facts.publicKeysFiles.isEmpty else { return .notChecked }
        guard let export = facts.signatures[digest.ref.file] else { return .noSignature }
        guard let key = facts.publicKeys[digest.publicKeyFingerprint.lowercased()] else { return .noPublicKey }
        return DigestSignature.verify(digest, signatureHex: export.hex, key: key) ? .valid : .invalid
    }

    private func link(
        of digest: CloudTrailDigestFile, byObject: [String: CloudTrailDigestFile], _ facts: LogIntegrityFacts
    ) -> DigestCheck.Link {
        guard let previousObject = digest.previousS3Object else { return .chainStart }
        guard let previous = byObject[previousObject] else { return .previousMissing }
        guard digest.previousHashAlgorithm ?? "SHA-256" == "SHA-256", digest.previousHashValue == previous.contentSHA256
        else {
            return .previousHashMismatch
        }
        if let recorded = digest.previousSignature, let exported = facts.signatures[previous.ref.file],
            recorded.lowercased() != exported.hex
        {
            return .previousSignatureMismatch
        }
        return .linked
    }

    /// Every CloudTrail log file of the evidence against the digests that list it, and every
    /// listed file the evidence lacks. Log files are matched by name: CloudTrail's names are
    /// unique (account, region, time, random part), the folders above them are the exporter's choice.
    private func checkLogFiles(_ facts: LogIntegrityFacts, digests: [String: DigestCheck], entries: [LedgerEntry])
        -> [LogFileCheck]
    {
        var listed: [String: [Listing]] = [:]
        for digest in facts.digests {
            for file in digest.logFiles {
                listed[Self.matchKey(file.s3Object), default: []].append(
                    Listing(digest: digest.ref, object: file.s3Object, hash: file.hashValue))
            }
        }
        let listings = listed
        let logs = entries.filter { $0.format == CloudTrailReader.format }
        let results = CheckSlots(count: logs.count)
        DispatchQueue.concurrentPerform(iterations: logs.count) { index in
            let entry = logs[index]
            let name = Self.name(entry.file)
            let key = Self.matchKey(entry.file)
            var check = LogFileCheck(
                file: entry.file, stream: Self.stream(name), environment: environment(account: Self.account(name)),
                status: .unlisted, digest: nil, evidence: EvidenceRef(file: entry.file, sha256: entry.sha256))
            if let candidates = listings[key], !candidates.isEmpty {
                let actual = try? InflatedContent.sha256(SourceFile.at(entry.file, in: root))
                if let match = candidates.first(where: { $0.hash == actual }) {
                    check.status = digests[match.digest.file]?.signature == .valid ? .verified : .unverifiedDigest
                    check.digest = match.digest.file
                } else {
                    check.status = .changed
                    check.digest = candidates[0].digest.file
                }
            }
            results.set(index, check)
        }
        var checks = results.values
        let present = Set(logs.map { Self.matchKey($0.file) })
        for (key, candidates) in listings where !present.contains(key) {
            let name = Self.name(candidates[0].object)
            checks.append(
                LogFileCheck(
                    file: candidates[0].object, stream: Self.stream(name),
                    environment: environment(account: Self.account(name)),
                    status: .absent, digest: candidates[0].digest.file, evidence: candidates[0].digest))
        }
        return checks.sorted { $0.file < $1.file }
    }

    /// A log file as a digest lists it.
    private struct Listing: Sendable {
        var digest: EvidenceRef
        var object: String
        var hash: String
    }

    /// One result per log file, filled in by the workers that hash them.
    private final class CheckSlots: @unchecked Sendable {
        private let lock = NSLock()
        private var slots: [LogFileCheck?]
        init(count: Int) { slots = Array(repeating: nil, count: count) }
        func set(_ index: Int, _ check: LogFileCheck) { lock.withLock { slots[index] = check } }
        var values: [LogFileCheck] { lock.withLock { slots.compactMap { $0 } } }
    }

    /// A digest's note names the key fingerprint it was checked with: the public-keys file is
    /// evidence like any other, and an auditor compares the fingerprint with CloudTrail's own list.
    private func annotate(
        _ entries: inout [LedgerEntry], digests: [String: DigestCheck], fingerprints: [String: String],
        logFiles: [LogFileCheck]
    ) {
        let byFile = Dictionary(logFiles.map { ($0.file, $0) }, uniquingKeysWith: { first, _ in first })
        for index in entries.indices {
            if let check = byFile[entries[index].file], check.status != .absent {
                entries[index].notes.append("integrity: " + Self.describe(check))
            } else if let check = digests[entries[index].file] {
                let key = fingerprints[entries[index].file].map { " (key \($0))" } ?? ""
                entries[index].notes.append(
                    "integrity: signature \(check.signature.rawValue)\(key), chain \(check.link.rawValue)")
            }
        }
    }

    static func describe(_ check: LogFileCheck) -> String {
        switch check.status {
        case .verified: return "covered by a valid digest (\(check.digest ?? ""))"
        case .unverifiedDigest:
            return "listed with its SHA-256 in a digest whose signature was not verified (\(check.digest ?? ""))"
        case .changed: return "content differs from the SHA-256 in \(check.digest ?? "its digest")"
        case .unlisted: return "in no digest of the evidence"
        case .absent: return "listed in \(check.digest ?? "a digest") but not in the evidence"
        }
    }

    private func environment(account: String?) -> String? {
        guard let account else { return nil }
        let name = context.environment(platform: .aws, account: account)
        return name == Scope.unknownEnvironment ? nil : name
    }

    static func name(_ path: String) -> String { path.split(separator: "/").last.map(String.init) ?? path }

    /// The name a log file is matched by: without `.gz`, so that a log file exported inflated
    /// (`….json`) still meets the digest entry of the object CloudTrail delivered (`….json.gz`).
    static func matchKey(_ path: String) -> String {
        let name = name(path)
        return name.hasSuffix(".gz") ? String(name.dropLast(3)) : name
    }

    /// `{account}_CloudTrail_{region}_{time}_{random}.json.gz` → `account region`.
    static func stream(_ name: String) -> String {
        let parts = name.split(separator: "_")
        guard parts.count >= 3, parts[1] == "CloudTrail" else { return name }
        return "\(parts[0]) \(parts[2])"
    }

    static func account(_ name: String) -> String? {
        let parts = name.split(separator: "_")
        return parts.count >= 3 && parts[1] == "CloudTrail" ? String(parts[0]) : nil
    }
}
