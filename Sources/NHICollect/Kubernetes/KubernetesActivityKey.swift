/// What a Kubernetes activity record is keyed by within one aggregator: identity and action ids
/// (`high`), environment id and request shape (`low`).
struct KubernetesActivityKey: FixedKey {
    var high, low: UInt64

    init(identity: Int32, action: Int32, environment: Int32, shape: KubernetesPatchShape.Shape) {
        high = UInt64(UInt32(bitPattern: identity)) << 32 | UInt64(UInt32(bitPattern: action))
        low = UInt64(UInt32(bitPattern: environment)) << 8 | UInt64(shape.rawValue)
    }

    private init(high: UInt64, low: UInt64) { self.high = high; self.low = low }

    static var placeholder: KubernetesActivityKey { KubernetesActivityKey(high: 0, low: 0) }

    @inline(__always)
    var tableHash: Int {
        var hash = (high ^ (low &* 0x9E37_79B9_7F4A_7C15)) &* 0xBF58_476D_1CE4_E5B9
        hash ^= hash >> 31
        return Int(truncatingIfNeeded: hash)
    }
}
