import Foundation
import NHIModel

/// Nosey Parker findings: `noseyparker report --format json` (an array) or `--format jsonl` (one
/// finding a line), 0.16 (`match_content`) and later (`groups`, base64). Each match becomes a
/// `LeakRecord` holding the SHA-256 of the secret (the first capture group, else the matched text),
/// never the secret; a finding counts once in the ledger however many matches it holds.
public enum NoseyParkerReader: EvidenceReader {
    public static let format = "noseyparker"
    public static let provides: Set<InputKind> = [.scannerReport]

    public static func sniff(head: Data, fileName: String) -> Bool {
        let text = HeadSniff.text(head)
        if ScannerJSON.isNamedEmptyReport(
            text, fileName: fileName, names: ["noseyparker", "nosey-parker", "nosey_parker"])
        {
            return true
        }
        return HeadSniff.isJSON(text) && HeadSniff.hasKey(text, "rule_name") && HeadSniff.hasKey(text, "matches")
    }

    public static func read(
        _ file: SourceFile, context: CollectContext, into builder: InventoryBuilder, ledger: inout LedgerEntry
    ) throws {
        try ScannerJSON.forEachObject(in: file, noun: "Nosey Parker finding", builder: builder, ledger: &ledger) {
            finding, ref, ledger in
            guard let rule = finding["rule_name"].text ?? finding["rule_text_id"].text else {
                ledger.reject(reason: "finding without rule_name", locator: ref.locator)
                return
            }
            let matches = finding["matches"].array ?? []
            let leaks = matches.compactMap { Self.leak($0, finding: finding, rule: rule, ref: ref) }
            guard !leaks.isEmpty else {
                ledger.reject(reason: "finding without a match holding a secret to fingerprint", locator: ref.locator)
                return
            }
            for leak in leaks { builder.addLeak(leak) }
            ledger.accept()
            for leak in leaks { ledger.widenRecordSpan(leak.date) }
        }
    }

    private static func leak(_ match: ScannerJSONValue, finding: ScannerJSONValue, rule: String, ref: EvidenceRef)
        -> LeakRecord?
    {
        let group = (match["groups"][0].text ?? finding["groups"][0].text)
            .flatMap { Data(base64Encoded: $0) }.map { String(decoding: $0, as: UTF8.self) }
        let matching = match["snippet"]["matching"].text
        guard let secret = group ?? finding["match_content"].text ?? matching else { return nil }
        let provenance = match["provenance"].array ?? []
        let git = provenance.first { $0["kind"].text == "git_repo" }
        let commit = git.map { $0["first_commit"].isNull ? $0["commit_provenance"] : $0["first_commit"] }
        let path =
            provenance.first { $0["kind"].text == "file" }?["path"].text ?? commit?["blob_path"].text
        let metadata = commit?["commit_metadata"]
        return ScannerJSON.leak(
            scanner: "noseyparker", detector: rule, secret: secret, context: [matching], file: path,
            line: match["location"]["source_span"]["start"]["line"].text.flatMap { Int($0) },
            commit: metadata?["commit_id"].text, date: metadata?["committer_timestamp"].text.flatMap(Self.gitTime),
            evidence: ref)
    }

    /// `1678401216 +0100`: git's epoch seconds and zone.
    static func gitTime(_ text: String) -> Date? {
        guard let seconds = text.split(separator: " ").first.flatMap({ Double($0) }) else { return nil }
        return Date(timeIntervalSince1970: seconds)
    }
}
