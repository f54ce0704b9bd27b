import Foundation
import NHIModel

/// The ARNs of one kind of identity in one account (its users, its roles, the roles a service may
/// be passed), sorted. A step tries them in this order and takes the first a caller's statements
/// allow; `positions(startingWith:)` skips the ARNs no statement's resource pattern can match, so a
/// caller's step costs a binary search per pattern rather than a try per identity of the account.
struct SortedResources {
    let arns: [String]
    let ids: [IdentityID]
    /// Every ARN printable ASCII: String order is then byte order, one Character is one byte, and
    /// whatever a pattern matches starts with the bytes before its first wildcard.
    private let plainASCII: Bool

    init(_ identities: some Sequence<Identity>) {
        let pairs = identities.map { (arn: AWSResourceNames.arn(of: $0), id: $0.id) }.sorted { $0.arn < $1.arn }
        arns = pairs.map(\.arn)
        ids = pairs.map(\.id)
        plainASCII = arns.allSatisfy { $0.utf8.allSatisfy { (0x20...0x7E).contains($0) } }
    }

    /// The positions whose ARN starts with one of `prefixes`, as ascending disjoint ranges; every
    /// position when `prefixes` is nil (some statement is not limited to named resources) or an ARN is
    /// not plain ASCII. Ranges, not positions: a prefix such as `*`'s covers the whole account, whose
    /// first ARN is most often the one allowed.
    func positions(startingWith prefixes: [Substring]?) -> [Range<Int>] {
        guard let prefixes, plainASCII else { return [arns.indices] }
        let ranges = prefixes.map(range(startingWith:)).filter { !$0.isEmpty }.sorted { $0.lowerBound < $1.lowerBound }
        var merged: [Range<Int>] = []
        for range in ranges {
            if let last = merged.last, range.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        return merged
    }

    /// The ARNs starting with `prefix`: in byte order they follow every ARN before it and precede
    /// every other ARN after it.
    private func range(startingWith prefix: Substring) -> Range<Int> {
        let bytes = Array(prefix.utf8)
        let lower = firstIndex { !$0.utf8.lexicographicallyPrecedes(bytes) }
        let upper = firstIndex { !$0.utf8.lexicographicallyPrecedes(bytes) && !$0.utf8.starts(with: bytes) }
        return lower..<max(lower, upper)
    }

    /// The first position where `isPast` holds (it holds from some position on).
    private func firstIndex(where isPast: (String) -> Bool) -> Int {
        var low = 0, high = arns.count
        while low < high {
            let middle = (low + high) / 2
            if isPast(arns[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
