import Foundation

/// Where a run's mappings or templates came from: built into nhi-audit at compile time, or a folder
/// given on the command line (`--mappings`, `--templates`), with the digest of what was read.
public struct DataSource: Hashable, Codable, Sendable, CustomStringConvertible {
    public enum Kind: String, Codable, Sendable { case embedded, folder }

    public var kind: Kind
    /// The folder as given on the command line; absent for embedded data.
    public var folder: String?
    public var sha256: String

    public init(kind: Kind, folder: String?, sha256: String) {
        self.kind = kind; self.folder = folder; self.sha256 = sha256
    }

    public var description: String {
        switch kind {
        case .embedded: return "built into nhi-audit (sha256 \(sha256))"
        case .folder: return "folder \(folder ?? "") (sha256 \(sha256))"
        }
    }
}
