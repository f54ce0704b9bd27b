/// The bytes of a document `CompactJSONWriter` is making (`XMLOutput` keeps its own), in
/// memory or handed to a `PackFile` a megabyte at a time, whenever the writer is at a point it
/// may cut (the end of an object or element): memory holds one batch, never the document. The
/// file's writes cannot throw from inside the writers of each model or element: a failure is kept
/// by the file, further writes are dropped, and `finish` throws it.
struct ByteBatch {
    var bytes: [UInt8] = []
    let file: PackFile?

    static let size = 1 << 20

    init(file: PackFile?) {
        self.file = file
        if file != nil { bytes.reserveCapacity(Self.size + Self.size / 4) }
    }

    /// Hands the bytes to the file once a batch is full; in memory they stay.
    mutating func flushIfFull() {
        if file != nil && bytes.count >= Self.size { flush() }
    }

    /// Hands what is left to the file, and throws the first failure to write.
    mutating func finish() throws {
        flush()
        if let failure = file?.failure { throw failure }
    }

    private mutating func flush() {
        guard let file else { return }
        _ = bytes.withUnsafeBytes { file.writeNoThrow($0) }
        bytes.removeAll(keepingCapacity: true)
    }

    /// Markup or a name of the writer's own, which needs no escaping.
    mutating func literal(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }
}
