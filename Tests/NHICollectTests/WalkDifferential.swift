import Testing

/// The harness shared by the C-walk tests (`CloudTrailWalkTests`, `KubernetesAuditWalkTests`):
/// given what each walk tells a recording sink (nil when the C walk declines, or when the Swift
/// walk throws), whatever the C walk accepts the Swift walk must accept and tell the same way.
struct WalkDifferential<Call: Equatable> {
    let walks: ([UInt8]) -> (c: [Call]?, swift: [Call]?)

    func expectAgreement(_ bytes: [UInt8], mustAccept: Bool = false, sourceLocation: SourceLocation = #_sourceLocation)
    {
        let (c, swift) = walks(bytes)
        let text = String(decoding: bytes, as: UTF8.self)
        if mustAccept { #expect(c != nil, "the C walk declined \(text)", sourceLocation: sourceLocation) }
        guard let c else { return }
        #expect(
            swift != nil, "the C walk accepted what the Swift walk refuses: \(text)", sourceLocation: sourceLocation)
        #expect(c == swift, "\(text)", sourceLocation: sourceLocation)
    }

    /// `records` generated records, each read by the C walk itself (`mustAccept`), then 40 one-byte
    /// mutations (replaced, removed or inserted from `alphabet`) and every seventh prefix of it.
    func expectAgreementOnRandomRecords(
        _ records: Int, seed: UInt64, alphabet: [UInt8],
        _ generate: (inout SplitMix64) -> String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        var random = SplitMix64(seed: seed)
        for _ in 0..<records {
            let bytes = Array(generate(&random).utf8)
            expectAgreement(bytes, mustAccept: true, sourceLocation: sourceLocation)
            for _ in 0..<40 {
                let changed = random.mutatedOnce(bytes, from: alphabet)
                expectAgreement(changed, sourceLocation: sourceLocation)
            }
            for length in stride(from: 0, to: bytes.count, by: 7) {
                expectAgreement(Array(bytes[..<length]), sourceLocation: sourceLocation)
            }
        }
    }
}

/// Building blocks of the random records the walk tests generate.
extension SplitMix64 {
    mutating func pick<T>(_ options: [T]) -> T { options[Int(next() % UInt64(options.count))] }

    /// Whitespace one time in five.
    mutating func space() -> String { next() % 5 == 0 ? pick([" ", "\n", " \t "]) : "" }

    /// An object of `members` in random order.
    mutating func object(_ members: [String]) -> String {
        var shuffled = members
        for index in shuffled.indices.reversed() { shuffled.swapAt(index, Int(next() % UInt64(index + 1))) }
        return "{" + space() + shuffled.joined(separator: space() + "," + space()) + space() + "}"
    }

    mutating func member(_ key: String, _ value: String) -> String { "\"\(key)\"" + space() + ":" + space() + value }
}

/// Runs `body` over a copy of `bytes` in a block of exactly their size, so that a read past the
/// end by the C code is a heap overflow AddressSanitizer reports (`swift test --sanitize=address`),
/// not a read of an array's spare capacity.
func withExactBytes<R>(_ bytes: [UInt8], _ body: (UnsafeRawBufferPointer) -> R) -> R {
    let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 1)
    defer { copy.deallocate() }
    copy.copyBytes(from: bytes)
    return body(UnsafeRawBufferPointer(copy))
}
