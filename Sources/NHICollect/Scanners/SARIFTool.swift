import Foundation

/// Which SARIF producers are secret scanners, and the producer's name read off a file's head
/// (for sniffing and for the reason a SARIF file of another tool is skipped).
enum SARIFTool {
    /// Lower-cased parts of `tool.driver.name` that mark a secret scanner (gitleaks, betterleaks,
    /// trufflehog, detect-secrets, secretlint, ripsecrets, Nosey Parker, ggshield / GitGuardian,
    /// Kingfisher, Talisman, Whispers).
    static let secretScannerMarks = [
        "leaks", "trufflehog", "secret", "noseyparker", "nosey parker", "ggshield", "gitguardian", "kingfisher",
        "talisman", "whispers",
    ]

    static func isSecretScanner(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return secretScannerMarks.contains { lowered.contains($0) }
    }

    /// True when the head is a SARIF log: a `runs` key and the SARIF schema or version 2.1.0.
    static func isSARIF(_ text: String) -> Bool {
        HeadSniff.isJSON(text) && HeadSniff.hasKey(text, "runs")
            && (text.contains("sarif") || HeadSniff.hasKeyValue(text, "version", "2.1.0"))
    }

    /// The `name` of the first `driver` object in the head, if the head holds one.
    static func driverName(in text: String) -> String? {
        guard let driver = text.range(of: "\"driver\"") else { return nil }
        var rest = text[driver.upperBound...]
        while let name = rest.range(of: "\"name\"") {
            let after = text[name.upperBound...].drop { $0.isWhitespace }
            guard after.first == ":" else {
                rest = text[name.upperBound...]
                continue
            }
            let value = after.dropFirst().drop { $0.isWhitespace }
            guard value.first == "\"" else { return nil }
            let body = value.dropFirst()
            guard let end = body.firstIndex(of: "\"") else { return nil }
            return String(body[..<end])
        }
        return nil
    }
}
