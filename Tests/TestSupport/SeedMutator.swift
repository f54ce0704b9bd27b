import Foundation

/// Seed-corpus mutation for the fuzz tests (`swift test --filter Fuzz`): deterministic (SplitMix64
/// from a fixed seed), so a failure reproduces; a fixed number of mutants per seed, so a run takes
/// the same time on every CI. Mutations are byte-level (flip, insert, delete, duplicate, truncate)
/// plus tokens that broke readers before: quotes, brackets, huge numbers, control and bidi characters.
public struct SeedMutator: RandomNumberGenerator {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    public static let tokens: [[UInt8]] = [
        "\"", "{", "}", "[", "]", ",", ":", "\n", "\r\n", "\\", "\\u0000", "\\ud800", "null", "true", "-1", "0",
        "9223372036854775807", "-9223372036854775808", "1e308", "NaN", "\u{1B}[2J", "\u{202E}", "\u{07}", "é",
        "\u{FEFF}",
        "=cmd()", "\t", "- ", ": ", "&a [*a]", "\u{1F}\u{8B}",
    ].map { Array($0.utf8) }

    /// One to three mutations of `bytes`.
    public mutating func mutate(_ bytes: [UInt8]) -> [UInt8] {
        var out = bytes
        for _ in 0..<Int.random(in: 1...3, using: &self) { out = mutateOnce(out) }
        return out
    }

    private mutating func position(in bytes: [UInt8]) -> Int {
        bytes.isEmpty ? 0 : Int.random(in: 0...bytes.count, using: &self)
    }

    private mutating func mutateOnce(_ bytes: [UInt8]) -> [UInt8] {
        var out = bytes
        switch Int.random(in: 0..<7, using: &self) {
        case 0 where !out.isEmpty:
            let index = Int.random(in: 0..<out.count, using: &self)
            out[index] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &self)
        case 1:
            out.insert(contentsOf: Self.tokens.randomElement(using: &self)!, at: position(in: out))
        case 2 where !out.isEmpty:
            let start = Int.random(in: 0..<out.count, using: &self)
            out.removeSubrange(start..<min(out.count, start + Int.random(in: 1...64, using: &self)))
        case 3 where !out.isEmpty:
            let start = Int.random(in: 0..<out.count, using: &self)
            let slice = out[start..<min(out.count, start + Int.random(in: 1...256, using: &self))]
            out.insert(contentsOf: slice, at: position(in: out))
        case 4:
            out = Array(out.prefix(position(in: out)))
        case 5:
            // A run of digits becomes a huge or negative number.
            if let digit = out.indices.shuffled(using: &self).first(where: { (0x30...0x39).contains(out[$0]) }) {
                var end = digit
                while end < out.count && (0x30...0x39).contains(out[end]) { end += 1 }
                out.replaceSubrange(
                    digit..<end,
                    with: Array(
                        ["9223372036854775807", "99999999999999999999", "-5"].randomElement(using: &self)!.utf8))
            }
        default:
            // A whole line repeated: duplicate records and keys.
            if let newline = out.indices.shuffled(using: &self).first(where: { out[$0] == 0x0A }) {
                let lineStart = out[..<newline].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
                out.insert(contentsOf: out[lineStart...newline], at: newline + 1)
            }
        }
        return out
    }

    /// Every regular file under `folder` (recursively), as (path relative to it, URL), sorted.
    public static func files(under folder: URL) -> [(relative: String, url: URL)] {
        let root = folder.standardizedFileURL.resolvingSymlinksInPath()
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        else { return [] }
        var result: [(String, URL)] = []
        while let url = enumerator.nextObject() as? URL {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            let path = url.standardizedFileURL.resolvingSymlinksInPath().path
            result.append((String(path.dropFirst(root.path.count + 1)), url))
        }
        return result.sorted { $0.0 < $1.0 }
    }

    /// The seed's first `limit` bytes, cut after the last line end inside them, so that a large
    /// export still sniffs as its format and a run stays fast.
    public static func seedBytes(_ url: URL, limit: Int = 48 * 1024) -> [UInt8] {
        guard let data = try? Data(contentsOf: url) else { return [] }
        let bytes = [UInt8](data)
        guard bytes.count > limit else { return bytes }
        let head = bytes.prefix(limit)
        return Array(head.prefix((head.lastIndex(of: 0x0A) ?? limit - 1) + 1))
    }
}
