@testable import NHICollect
import TestSupport
import Testing

/// The inventory's activity is put in order in place (`ActivityOrder.permute`): it must give
/// what reading the records out in that order gives, for every shape of permutation.
@Suite struct PermuteInPlaceTests {
    @Test func givesWhatReadingInOrderGives() {
        var random = SeedMutator(seed: 5)
        for count in [0, 1, 2, 3, 7, 100, 1_000] {
            for _ in 0..<20 {
                let items = (0..<count).map { "record \($0)" }
                let order = Array(0..<count).shuffled(using: &random)
                var permuted = items
                ActivityOrder.permute(&permuted, into: order)
                #expect(permuted == order.map { items[$0] })
            }
        }
    }
}
