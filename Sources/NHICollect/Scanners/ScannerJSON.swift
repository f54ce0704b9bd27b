import Foundation
import NHIModel

/// What the scanner readers share: the empty report, JSON pointers, and the leak record made
/// from a secret that is hashed and then dropped.
enum ScannerJSON {
    /// `null`, `[]` or `{}` (with any whitespace): what scanners write when they found nothing.
    static func isEmptyDocument(_ text: String) -> Bool {
        let compact = text.filter { !$0.isWhitespace && $0 != "\u{FEFF}" }
        return compact == "null" || compact == "[]" || compact == "{}"
    }

    static func isEmptyDocument(_ data: Data) -> Bool {
        data.count <= 4096 && isEmptyDocument(String(decoding: data, as: UTF8.self))
    }

    /// Each record of a scanner report written as a JSON array or JSON lines, with its evidence
    /// reference, when it is an object; a record that is not is rejected as "not a `noun` object".
    /// An empty report is noted as the scanner having found nothing.
    static func forEachObject(
        in file: SourceFile, noun: String, builder: InventoryBuilder, ledger: inout LedgerEntry,
        _ body: (ScannerJSONValue, EvidenceRef, inout LedgerEntry) throws -> Void
    ) throws {
        let data = try file.contents()
        if isEmptyDocument(data) { return builder.noteReportedNoFindings() }
        try JSONRecordSplitter.forEach(in: data, file: file.relativePath) { record in
            let ref = file.ref(line: record.index == nil ? record.line : nil, record: record.index)
            guard let object = ScannerJSONValue.parse(record.bytes), object.object != nil else {
                ledger.reject(reason: "not a \(noun) object", locator: ref.locator)
                return
            }
            try body(object, ref, &ledger)
        }
    }

    /// True for an empty document in a file whose name names the tool (`gitleaks.json` holding
    /// `[]`): the content alone cannot say which scanner found nothing. The name is asked first:
    /// every file's head is sniffed by each scanner reader, and `isEmptyDocument` walks the head's
    /// Characters.
    static func isNamedEmptyReport(_ text: String, fileName: String, names: [String]) -> Bool {
        let lowered = fileName.lowercased()
        return names.contains { lowered.contains($0) } && isEmptyDocument(text)
    }

    /// A JSON pointer step (RFC 6901 escapes).
    static func pointerStep(_ key: String) -> String {
        key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    /// A leak whose secret is known: its SHA-256 and the credential ids readable off it are kept,
    /// the secret is not.
    static func leak(
        scanner: String, detector: String, secret: String, context: [String?] = [], file: String?, line: Int?,
        commit: String?, date: Date?, verified: Bool? = nil, resolution: String? = nil, evidence: EvidenceRef
    ) -> LeakRecord {
        LeakRecord(
            scanner: scanner, detector: detector, file: file, line: line, commit: commit, date: date,
            fingerprint: FileDigest.sha256(of: secret),
            credentialId: LeakedCredentialID.derive(from: [secret] + context, detector: detector),
            tokenHash: LeakedCredentialID.githubTokenHash(from: [secret] + context), verified: verified,
            resolution: resolution, evidence: evidence)
    }
}
