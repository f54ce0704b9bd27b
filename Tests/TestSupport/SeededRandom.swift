/// A deterministic generator (64-bit linear congruential), so that a random test that fails
/// fails again from the same seed.
public struct SeededRandom {
    public var state: UInt64

    public init(state: UInt64) { self.state = state }

    /// A number in `0..<bound`.
    public mutating func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }

    public mutating func pick<T>(_ values: [T]) -> T { values[next(values.count)] }
}
