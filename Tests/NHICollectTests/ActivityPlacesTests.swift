@testable import NHICollect
import TestSupport
import Testing

/// `ActivityPlaces` against a dictionary of places by key, with hashes that spread and hashes made
/// to collide: in the bits that choose a slot, in the half kept beside the place, or whole.
@Suite struct ActivityPlacesTests {
    private static let hashings: [(name: String, hash: @Sendable (Int) -> Int)] = [
        ("Swift's", { $0.hashValue }),
        ("low bits alike", { $0 % 5 }),
        ("high halves apart, slots alike", { (($0 % 3) << 40) | 7 }),
        ("high halves alike, slots apart", { (1 << 40) | $0 }),
        ("negative", { -1 - $0 % 4 }),
        ("one hash for all", { _ in 42 }),
    ]

    @Test func placesAreADictionaryOfKeys() {
        for (name, hashOf) in Self.hashings {
            var random = SeededRandom(state: 7)
            for round in 0..<150 {
                var places = ActivityPlaces()
                var keyAt: [Int] = []
                var reference: [Int: Int] = [:]
                let keys = 1 + random.next(round % 2 == 0 ? 40 : 400)
                if round % 3 == 0 { places.reserveCapacity(random.next(300)) }
                for _ in 0..<random.next(600) {
                    let key = random.next(keys)
                    places.makeRoom(for: places.count + 1)
                    let (found, slot) = places.find(hashOf(key)) { keyAt[$0] == key }
                    #expect(found == reference[key], "\(name), round \(round)")
                    if found == nil {
                        #expect(places.add(hashOf(key), at: slot) == keyAt.count, "\(name), round \(round)")
                        reference[key] = keyAt.count
                        keyAt.append(key)
                    }
                    if random.next(50) == 0 { places.reserveCapacity(places.count + random.next(100)) }
                }
                #expect(places.count == keyAt.count && places.hashes == keyAt.map(hashOf), "\(name), round \(round)")
                for key in 0..<keys {
                    #expect(places.find(hashOf(key)) { keyAt[$0] == key }.place == reference[key], "\(name)")
                }
            }
        }
    }

    @Test func anEmptyIndexFindsNothing() {
        let places = ActivityPlaces()
        #expect(places.find(0) { _ in true }.place == nil && places.count == 0)
    }
}
