/// Deterministic finding ids: the same rule, subject and scope give the same id in every run,
/// on every machine (Swift's `Hasher` is seeded per process, so it cannot be used).
public enum FindingID {
    /// `NHI-` followed by the first 12 hex digits of FNV-1a 64 over `rule \u{1F} subject \u{1F} scope`.
    public static func make(rule: String, subject: String, scope: String) -> String {
        let hash = fnv1a64(rule + "\u{1F}" + subject + "\u{1F}" + scope)
        let hex = String(hash, radix: 16)
        let padded = String(repeating: "0", count: 16 - hex.count) + hex
        return "NHI-" + padded.prefix(12)
    }

    /// FNV-1a, 64-bit, over the UTF-8 bytes.
    public static func fnv1a64(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}
