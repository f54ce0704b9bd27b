/// The largest single record any reader takes: a longer one fails its file with its position
/// rather than growing memory with one field (a 500 MB cell took gigabytes to hold as text).
public enum RecordLimits {
    public static let maxRecordBytes = 256 << 20

    /// How the limit is named in messages: "256 MB".
    public static func describe(_ bytes: Int) -> String {
        bytes >= 1 << 20 ? "\(bytes >> 20) MB" : "\(bytes) bytes"
    }
}
