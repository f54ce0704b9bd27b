/// The known name a misspelt one most likely meant, for "did you mean …?" in messages about
/// unknown keys and columns.
enum NearestName {
    /// The name of `known` within a third of its length in edits (at least 2) of `name`, if any;
    /// the closest, then the first in order.
    static func among(_ known: [String], to name: String) -> String? {
        let scored = known.map { ($0, distance(name.lowercased(), $0)) }.filter { $0.1 <= max(2, $0.0.count / 3) }
        return scored.min { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }?.0
    }

    /// Levenshtein distance over characters.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
