/// Lowercase hexadecimal of bytes (SHA-256 digests in the ledger, manifests and attestations).
/// By a table rather than `String(format:)`, which cost about a microsecond per byte: with the
/// thousands of small files of an S3 trail, the digests' hex took as long as reading the files.
public enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    public static func lowercase<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var text: [UInt8] = []
        text.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
