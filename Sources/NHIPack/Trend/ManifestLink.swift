import Foundation
import NHIFiles

/// The chain link of a pack: its manifest's own digest and the previous pack's manifest digest it
/// records. manifest.json belongs to the pack writer; this reads only the link, defensively: the
/// previous digest under `previousManifestDigest` or `previous` (a string, or an object holding
/// `digest` / `sha256`), and the pack's digest as SHA-256 of the manifest.json bytes.
struct ManifestLink: Equatable {
    static let manifestFile = "manifest.json"

    var digest: String
    var previous: String?

    /// Nil when the folder has no readable manifest.json (it then cannot be part of a chain).
    init?(folder: URL) {
        guard let data = try? Data(contentsOf: folder.appendingPathComponent(Self.manifestFile)) else { return nil }
        digest = SHA256Hex.of(data)
        let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        previous = ["previousManifestDigest", "previous"].lazy.compactMap { Self.digest(in: object?[$0]) }.first
    }

    /// Lower-case hex without an algorithm prefix, so `sha256:AB…` and `ab…` match.
    static func normalise(_ digest: String) -> String {
        let trimmed = digest.trimmingCharacters(in: .whitespaces).lowercased()
        return trimmed.hasPrefix("sha256:") ? String(trimmed.dropFirst(7)) : trimmed
    }

    private static func digest(in value: Any?) -> String? {
        if let text = value as? String, !text.isEmpty { return normalise(text) }
        if let object = value as? [String: Any] {
            return ["digest", "sha256", "manifestDigest"].lazy.compactMap { object[$0] as? String }.first.map(normalise)
        }
        return nil
    }
}
