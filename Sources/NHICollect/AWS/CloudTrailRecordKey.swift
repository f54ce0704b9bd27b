/// What a CloudTrail activity record is keyed by within one aggregator: ids of its identity,
/// action, request field set and account (as `ActivityKey`, but interned).
struct CloudTrailRecordKey: FixedKey {
    var identity, action, fields, account: Int32

    static var placeholder: CloudTrailRecordKey { CloudTrailRecordKey(identity: 0, action: 0, fields: 0, account: 0) }

    @inline(__always)
    var tableHash: Int {
        let low = UInt64(UInt32(bitPattern: identity)) | UInt64(UInt32(bitPattern: action)) << 32
        let high = UInt64(UInt32(bitPattern: fields)) | UInt64(UInt32(bitPattern: account)) << 32
        var hash = (low &* 0x9E37_79B9_7F4A_7C15) ^ (high &* 0xC2B2_AE3D_27D4_EB4F)
        hash ^= hash >> 32
        return Int(truncatingIfNeeded: hash)
    }
}
