/// The byte version of `WildcardPattern.overlaps` for plain ASCII patterns: privilege classes ask it
/// of every wildcard grant pattern and authority rule pattern that may meet, and the Character
/// version lower-cases both into Character arrays and fills a table of arrays each time. For ASCII
/// text without CR, bytes and Characters are one to one and `lowercased()` folds only `A`-`Z`
/// (see `asciiMatches`), so it answers as the Character version does.
extension WildcardPattern {
    /// The answer, or nil when either pattern is not plain ASCII (or holds CR).
    func asciiOverlaps(_ other: WildcardPattern) -> Bool? {
        var text = text, otherText = other.text
        let fold = caseInsensitive || other.caseInsensitive
        let segmented = segmented && other.segmented && text != "*" && otherText != "*"
        return text.withUTF8 { a in
            otherText.withUTF8 { b in
                guard Self.isPlainASCII(a), Self.isPlainASCII(b) else { return nil }
                let pair = ASCIIWildcardPair(a: a, b: b, fold: fold)
                return segmented ? pair.segmentsIntersect() : pair.intersects(0..<a.count, 0..<b.count)
            }
        }
    }
}

/// `a` and `b` two patterns.
extension ASCIIWildcardPair {
    /// Each segment of one must meet the other's segment at the same place.
    func segmentsIntersect() -> Bool { segmentsAgree(intersects) }

    /// The Character version's table, a row at a time: whether the rest of `a` from `i` and the
    /// rest of `b` from `j` can match a common string.
    func intersects(_ aRange: Range<Int>, _ bRange: Range<Int>) -> Bool {
        let n = bRange.count
        var next = [Bool](repeating: false, count: n + 1), row = next
        for i in stride(from: aRange.upperBound, through: aRange.lowerBound, by: -1) {
            let aByte: UInt8? = i < aRange.upperBound ? a[i] : nil
            for k in stride(from: n, through: 0, by: -1) {
                let bByte: UInt8? = k < n ? b[bRange.lowerBound + k] : nil
                if aByte == nil && bByte == nil {
                    row[k] = true
                } else if aByte == Self.star {
                    row[k] = next[k] || (bByte != nil && row[k + 1])
                } else if bByte == Self.star {
                    row[k] = row[k + 1] || (aByte != nil && next[k])
                } else if let aByte, let bByte {
                    row[k] =
                        (aByte == Self.question || bByte == Self.question || folded(aByte) == folded(bByte))
                        && next[k + 1]
                } else {
                    row[k] = false
                }
            }
            swap(&next, &row)
        }
        return next[0]
    }
}
