/// The byte matcher behind `WildcardPattern.matches`: rules match many names, actions and user
/// agents per identity, and lower-casing both strings into Character arrays at every call costs
/// more than the match. For ASCII text without CR, bytes and Characters are one to one and
/// `lowercased()` folds only `A`-`Z`, so comparing folded bytes in place answers exactly as the
/// Character matcher does. CR is left to that matcher because CR LF is one Character but two bytes.
extension WildcardPattern {
    /// The answer, or nil when either string is not plain ASCII (or holds CR, or is not contiguous).
    func asciiMatches(_ candidate: String) -> Bool? {
        var text = text, candidate = candidate
        let fold = caseInsensitive, segmented = segmented && text != "*"
        return text.withUTF8 { pattern in
            candidate.withUTF8 { value in
                guard Self.isPlainASCII(pattern), Self.isPlainASCII(value) else { return nil }
                let pair = ASCIIWildcardPair(a: pattern, b: value, fold: fold)
                return segmented ? pair.segmentsMatch() : pair.greedyMatch(0..<pattern.count, 0..<value.count)
            }
        }
    }

    static func isPlainASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.allSatisfy { $0 < 0x80 && $0 != UInt8(ascii: "\r") }
    }
}

/// Two plain ASCII texts as bytes, compared folded to lower case when `fold`: a pattern and a
/// candidate (`matches`, here) or two patterns (`overlaps`, in `+ASCIIOverlaps`).
struct ASCIIWildcardPair {
    let a: UnsafeBufferPointer<UInt8>
    let b: UnsafeBufferPointer<UInt8>
    let fold: Bool

    static let star = UInt8(ascii: "*"), question = UInt8(ascii: "?")

    @inline(__always)
    func folded(_ byte: UInt8) -> UInt8 {
        fold && byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte
    }

    private static func isSeparator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ":") || byte == UInt8(ascii: " ")
    }

    /// Segment by segment, as the Character versions pair them: the separator sequences must be
    /// equal, and `agree` must hold for each segment of `a` and the segment of `b` at its place.
    @inline(__always)
    func segmentsAgree(_ agree: (Range<Int>, Range<Int>) -> Bool) -> Bool {
        var i = 0, j = 0
        while true {
            let aEnd = a[i...].firstIndex(where: Self.isSeparator) ?? a.count
            let bEnd = b[j...].firstIndex(where: Self.isSeparator) ?? b.count
            guard (aEnd == a.count) == (bEnd == b.count), agree(i..<aEnd, j..<bEnd) else { return false }
            if aEnd == a.count { return true }
            guard a[aEnd] == b[bEnd] else { return false }
            i = aEnd + 1; j = bEnd + 1
        }
    }
}

/// `a` a pattern, `b` a candidate.
extension ASCIIWildcardPair {
    func segmentsMatch() -> Bool { segmentsAgree(greedyMatch) }

    /// The Character matcher's single-star backtracking, over byte ranges.
    func greedyMatch(_ patternRange: Range<Int>, _ valueRange: Range<Int>) -> Bool {
        var p = patternRange.lowerBound, v = valueRange.lowerBound
        var star: Int?, resume = v
        while v < valueRange.upperBound {
            let byte = p < patternRange.upperBound ? a[p] : nil
            if let byte, byte == Self.question || folded(byte) == folded(b[v]) {
                p += 1; v += 1
            } else if byte == Self.star {
                star = p; resume = v; p += 1
            } else if let star {
                p = star + 1; resume += 1; v = resume
            } else {
                return false
            }
        }
        while p < patternRange.upperBound, a[p] == Self.star { p += 1 }
        return p == patternRange.upperBound
    }
}
