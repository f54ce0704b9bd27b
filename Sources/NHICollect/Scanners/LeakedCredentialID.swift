import Foundation

/// Credential ids that can be read off a leaked secret without keeping the secret: an AWS access
/// key id (`AKIA…` long-term, `ASIA…` temporary) or a GitHub token's type prefix.
enum LeakedCredentialID {
    static let githubPrefixes = ["github_pat_", "ghp_", "gho_", "ghu_", "ghs_", "ghr_"]

    static func derive(from candidates: [String?]) -> String? {
        let texts = candidates.compactMap { $0 }
        for text in texts { if let key = awsAccessKeyID(in: text) { return key } }
        for text in texts {
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if let prefix = githubPrefixes.first(where: { trimmed.hasPrefix($0) }) { return prefix }
        }
        return nil
    }

    /// The first `AKIA`/`ASIA` followed by 16 upper-case letters or digits, on word boundaries.
    static func awsAccessKeyID(in text: String) -> String? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20 else { return nil }
        func isKeyByte(_ byte: UInt8) -> Bool { (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39) }
        var index = 0
        while index + 20 <= bytes.count {
            let prefix = String(decoding: bytes[index..<index + 4], as: UTF8.self)
            if (prefix == "AKIA" || prefix == "ASIA"), (index == 0 || !isKeyByte(bytes[index - 1])),
               bytes[index + 4..<index + 20].allSatisfy(isKeyByte), index + 20 == bytes.count || !isKeyByte(bytes[index + 20]) {
                return String(decoding: bytes[index..<index + 20], as: UTF8.self)
            }
            index += 1
        }
        return nil
    }
}
