import Crypto
import Foundation

/// Credential ids that can be read off a leaked secret without keeping the secret: an AWS access
/// key id (`AKIA…` long-term, `ASIA…` temporary), a GCP service account key's id (the
/// `private_key_id` of a key file, or the secret itself where the scanner typed it as one) or a
/// GitHub token's type prefix, and for a GitHub token the hash GitHub's audit log names it by.
enum LeakedCredentialID {
    static let githubPrefixes = ["github_pat_", "ghp_", "gho_", "ghu_", "ghs_", "ghr_"]
    /// Secret types under which a scanner reports a GCP key id itself (GitHub secret scanning).
    static let gcpKeyIdTypes: Set<String> = ["google_cloud_private_key_id"]

    /// `detector` is the scanner's rule or secret type for the first candidate, the secret.
    static func derive(from candidates: [String?], detector: String? = nil) -> String? {
        let texts = candidates.compactMap { $0 }
        for text in texts { if let key = awsAccessKeyID(in: text) { return key } }
        if let detector, gcpKeyIdTypes.contains(detector), let secret = candidates.first ?? nil,
            isGCPKeyID(Substring(secret))
        {
            return secret.lowercased()
        }
        for text in texts { if let key = gcpPrivateKeyID(in: text) { return key } }
        for text in texts {
            if let token = githubToken(in: text) { return githubPrefixes.first { token.hasPrefix($0) } }
        }
        return nil
    }

    /// Base64 of the SHA-256 of the first GitHub token in the candidates: the audit log's
    /// `hashed_token` for that token. Computed here so that only the hash outlives the read.
    static func githubTokenHash(from candidates: [String?]) -> String? {
        for text in candidates.compactMap({ $0 }) {
            if let token = githubToken(in: text) {
                return Data(SHA256.hash(data: Data(token.utf8))).base64EncodedString()
            }
        }
        return nil
    }

    /// The first GitHub token in `text`: a known prefix at a word start followed by letters, digits
    /// and underscores (a gitleaks `Match` holds the surrounding assignment, `Secret` the token).
    static func githubToken(in text: String) -> Substring? {
        func isTokenCharacter(_ character: Character) -> Bool {
            character.isASCII && (character.isLetter || character.isNumber || character == "_")
        }
        var search = text.startIndex
        while search < text.endIndex {
            let hits = githubPrefixes.compactMap { prefix in
                text.range(of: prefix, range: search..<text.endIndex).map { ($0, prefix) }
            }
            guard
                let (range, _) = hits.min(by: {
                    $0.0.lowerBound < $1.0.lowerBound || ($0.0.lowerBound == $1.0.lowerBound && $0.1.count > $1.1.count)
                })
            else { return nil }
            let atWordStart =
                range.lowerBound == text.startIndex || !isTokenCharacter(text[text.index(before: range.lowerBound)])
            var end = range.upperBound
            while end < text.endIndex, isTokenCharacter(text[end]) { end = text.index(after: end) }
            if atWordStart && end > range.upperBound { return text[range.lowerBound..<end] }
            search = range.upperBound
        }
        return nil
    }

    /// The `private_key_id` of a GCP service account key file in `text` (the file's JSON, or a
    /// scanner's excerpt of it), lower-cased: how the key is named in `gcloud` listings.
    static func gcpPrivateKeyID(in text: String) -> String? {
        var search = text.startIndex
        while let name = text.range(of: "\"private_key_id\"", range: search..<text.endIndex) {
            search = name.upperBound
            let rest = text[name.upperBound...].drop { $0 == " " || $0 == "\t" || $0 == ":" || $0 == "\\" }
            guard rest.first == "\"" else { continue }
            let value = rest.dropFirst().prefix { $0 != "\"" && $0 != "\\" }
            if isGCPKeyID(value) { return value.lowercased() }
        }
        return nil
    }

    /// A GCP service account key id: 40 hexadecimal digits.
    static func isGCPKeyID(_ text: Substring) -> Bool {
        text.utf8.count == 40 && text.allSatisfy { $0.isHexDigit && $0.isASCII }
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
                bytes[index + 4..<index + 20].allSatisfy(isKeyByte),
                index + 20 == bytes.count || !isKeyByte(bytes[index + 20])
            {
                return String(decoding: bytes[index..<index + 20], as: UTF8.self)
            }
            index += 1
        }
        return nil
    }
}
