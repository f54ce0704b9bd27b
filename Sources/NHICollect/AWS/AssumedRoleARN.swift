/// An STS session ARN, `arn:P:sts:R:A:assumed-role/ROLE/SESSION`, read from its bytes: the ARN up
/// to the slash before the session name (`role`), and the session name. It finds the separators
/// where `AWSPrincipals.resolve` does (the first four colons after `arn:`, then the first slash
/// after `assumed-role/`), so every ARN with the same `role` bytes resolves to the same identity
/// and only the session name differs. Trails where every session has a name of its own (one per
/// CI job or SDK process) then resolve a new session without building a String for its ARN.
struct AssumedRoleARN {
    let role: ByteSpan
    let session: ByteSpan

    private static let prefix: StaticString = "arn:"
    private static let resource: StaticString = "assumed-role/"

    /// Nil when `arn` is absent or not a session ARN that `AWSPrincipals.resolve` splits into a
    /// role and a session.
    init?(_ arn: ByteSpan) {
        guard let start = arn.start, arn.count > Self.prefix.utf8CodeUnitCount,
            ShortBytes.equal(start, Self.prefix.utf8Start, count: Self.prefix.utf8CodeUnitCount)
        else { return nil }
        let bytes = UnsafeBufferPointer(start: start, count: arn.count)
        // After "arn:": partition, service, region and account, each ended by a colon.
        var colons = 0, serviceStart = 0, serviceEnd = 0, index = Self.prefix.utf8CodeUnitCount
        while colons < 4, index < bytes.count {
            if bytes[index] == UInt8(ascii: ":") {
                colons += 1
                if colons == 1 { serviceStart = index + 1 } else if colons == 2 { serviceEnd = index }
            }
            index += 1
        }
        guard colons == 4, ByteSpan(start: start + serviceStart, count: serviceEnd - serviceStart).equals("sts") else {
            return nil
        }
        let resourceStart = index, resourceLength = Self.resource.utf8CodeUnitCount
        guard bytes.count - resourceStart >= resourceLength,
            ShortBytes.equal(start + resourceStart, Self.resource.utf8Start, count: resourceLength)
        else { return nil }
        guard let slash = bytes[(resourceStart + resourceLength)...].firstIndex(of: UInt8(ascii: "/")) else {
            return nil
        }
        role = ByteSpan(start: start, count: slash)
        session = ByteSpan(start: start + slash + 1, count: bytes.count - slash - 1)
    }
}
