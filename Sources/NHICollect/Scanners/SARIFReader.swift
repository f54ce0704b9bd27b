import Foundation
import NHIModel

/// SARIF 2.1.0 logs of secret scanners (`gitleaks detect --report-format sarif`, and any producer
/// `SARIFTool` counts as a secret scanner). Each result becomes a `LeakRecord` fingerprinted by the
/// SHA-256 of its snippet (the matched secret, then dropped) or, without a snippet, of its
/// `partialFingerprints`. A run of another tool has its results rejected, not read as leaks.
public enum SARIFReader: EvidenceReader {
    public static let format = "sarif-secrets"
    public static let provides: Set<InputKind> = [.scannerReport]

    public static func sniff(head: Data, fileName: String) -> Bool {
        let text = HeadSniff.text(head)
        return SARIFTool.isSARIF(text) && SARIFTool.driverName(in: text).map(SARIFTool.isSecretScanner) == true
    }

    public static func read(
        _ file: SourceFile, context: CollectContext, into builder: InventoryBuilder, ledger: inout LedgerEntry
    ) throws {
        let data = try file.contents()
        guard let log = ScannerJSONValue.parse(data), log.object != nil else {
            throw CollectError(file: file.relativePath, message: "not a SARIF log: the file is not one JSON object")
        }
        guard let runs = log["runs"].array else {
            throw CollectError(file: file.relativePath, message: "not a SARIF log: no \"runs\" array")
        }
        var withoutResults = true
        for (runIndex, run) in runs.enumerated() {
            let tool = run["tool"]["driver"]["name"].text
            let rules = run["tool"]["driver"]["rules"].array ?? []
            for (index, result) in (run["results"].array ?? []).enumerated() {
                withoutResults = false
                let ref = file.ref(pointer: "/runs/\(runIndex)/results/\(index)")
                guard let tool, SARIFTool.isSecretScanner(tool) else {
                    ledger.reject(
                        reason: "result of \(tool ?? "an unnamed tool"), not a secret scanner", locator: ref.locator)
                    continue
                }
                guard
                    let rule = result["ruleId"].text ?? result["rule"]["id"].text
                        ?? result["ruleIndex"].text.flatMap(Int.init).flatMap({
                            rules.indices.contains($0) ? rules[$0]["id"].text : nil
                        })
                else {
                    ledger.reject(reason: "result without ruleId", locator: ref.locator)
                    continue
                }
                let physical = result["locations"][0]["physicalLocation"]
                let uri = physical["artifactLocation"]["uri"].text
                let line = physical["region"]["startLine"].text.flatMap { Int($0) }
                let partial = result["partialFingerprints"].object ?? [:]
                let commit = partial["commitSha"]?.text
                let date = partial["date"]?.text.flatMap(ISO8601.parse)
                if let snippet = physical["region"]["snippet"]["text"].text {
                    builder.addLeak(
                        ScannerJSON.leak(
                            scanner: tool, detector: rule, secret: snippet, file: uri, line: line, commit: commit,
                            date: date, evidence: ref))
                } else if !partial.isEmpty {
                    let identity = partial.keys.sorted().map { "\($0)=\(partial[$0]?.text ?? "")" }
                        .joined(separator: "\n")
                    builder.addLeak(
                        LeakRecord(
                            scanner: tool, detector: rule, file: uri, line: line, commit: commit, date: date,
                            fingerprint: FileDigest.sha256(of: identity), fingerprintKind: .finding, evidence: ref))
                } else {
                    ledger.reject(
                        reason: "result without a snippet or partialFingerprints to fingerprint", locator: ref.locator)
                    continue
                }
                ledger.accept()
                ledger.widenRecordSpan(date)
            }
        }
        if withoutResults { builder.noteReportedNoFindings() }
    }
}
