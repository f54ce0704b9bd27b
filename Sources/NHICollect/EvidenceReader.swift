import Foundation
import NHIModel

/// One file of the evidence folder, as handed to a reader.
public struct SourceFile: Sendable {
    public var url: URL
    /// Path relative to the evidence folder (what reports and evidence refs show).
    public var relativePath: String
    public var sha256: String
    public var size: Int64
    /// Environment forced by scope.yaml's `sources` entry, if any.
    public var environmentOverride: String?
    /// Account / cluster / organisation forced by scope.yaml's `sources` entry, if any.
    public var accountOverride: String?
    /// Set for a member of a zip archive: `url` is then the archive and `relativePath` is
    /// `archive.zip!member`. Readers reach the content through `contents()` or `ByteSources.open(_:)`.
    public var member: ZipDirectory.Member?

    public init(
        url: URL, relativePath: String, sha256: String, size: Int64,
        environmentOverride: String? = nil, accountOverride: String? = nil
    ) {
        self.url = url; self.relativePath = relativePath; self.sha256 = sha256; self.size = size
        self.environmentOverride = environmentOverride; self.accountOverride = accountOverride
    }

    /// The file's whole content as `contents()` gives it, but a plain file on disk is mapped rather than
    /// read, so readers that walk a large file record by record do not hold a copy of it.
    public func mappedContents() throws -> Data {
        if member == nil {
            let data = try Data(contentsOf: url, options: .alwaysMapped)
            if !FileHead.isGzip(data) { return data }
        }
        return try contents()
    }

    /// The file's whole content: a zip member's, and gzip content, inflated.
    public func contents() throws -> Data {
        if member == nil {
            let data = try Data(contentsOf: url)
            if !FileHead.isGzip(data) { return data }
        }
        let source = try ByteSources.open(self)
        let limit = Self.maxInflatedBytesInMemory
        var data = Data()
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 8)
        defer { chunk.deallocate() }
        while true {
            let count = try source.read(into: chunk)
            if count == 0 { return data }
            guard data.count + count <= limit else {
                throw CollectError(
                    file: relativePath,
                    message:
                        "compressed content inflates past \(RecordLimits.describe(limit)), more than this format is read whole: unpack it into the evidence folder"
                )
            }
            data.append(UnsafeRawBufferPointer(rebasing: chunk[0..<count]).bindMemory(to: UInt8.self))
        }
    }

    /// The most inflated bytes (a zip member's, a gzip file's) read whole into memory; streaming
    /// readers take any size.
    public static let maxInflatedBytesInMemory = RecordLimits.maxRecordBytes

    /// An evidence reference into this file.
    public func ref(line: Int? = nil, record: Int? = nil, pointer: String? = nil) -> EvidenceRef {
        EvidenceRef(file: relativePath, sha256: sha256, line: line, record: record, pointer: pointer)
    }
}

/// What a reader knows of the run: the scope (for environment assignment).
public struct CollectContext: Sendable {
    public var scope: Scope
    /// Where streaming readers count bytes and records read (for the progress display), if anyone watches.
    public var progress: IngestProgress?
    public init(scope: Scope, progress: IngestProgress? = nil) { self.scope = scope; self.progress = progress }

    /// The environment an AWS account, Kubernetes cluster/namespace, GitHub org/repo, GCP project or Entra tenant
    /// belongs to.
    public func environment(platform: Platform, account: String?, namespace: String? = nil, override: String? = nil)
        -> String
    {
        if let override { return override }
        guard let account else { return Scope.unknownEnvironment }
        for environment in scope.environments {
            switch platform {
            case .aws where environment.awsAccounts.contains(account):
                return environment.name
            case .kubernetes:
                for entry in environment.kubernetes {
                    let parts = entry.split(separator: "/", maxSplits: 1).map(String.init)
                    if parts[0] == account && (parts.count == 1 || parts[1] == namespace) { return environment.name }
                }
            case .github:
                for entry in environment.github {
                    if entry == account
                        || (namespace.map { entry == "\(account)/\($0)" || entry.hasPrefix("\(account)/\($0):") }
                            ?? false)
                    {
                        return environment.name
                    }
                }
            case .gcp where environment.gcpProjects.contains(account):
                return environment.name
            case .entra where environment.entraTenants.contains(account):
                return environment.name
            default:
                continue
            }
        }
        return Scope.unknownEnvironment
    }
}

/// A reader for one input format. Readers only extract facts; they never judge (that is NHIDetect's job).
///
/// A reader must account for every record: `ledger.accept()` or `ledger.reject(reason:locator:)`
/// for each, so that read = accepted + rejected. It throws `CollectError` only when the file as a
/// whole cannot be read (not the format, truncated, not parseable at all).
public protocol EvidenceReader: Sendable {
    /// Stable format name shown in the ledger and accepted in scope.yaml `sources[].format`.
    static var format: String { get }
    /// The kinds of input a successfully read file of this format provides.
    static var provides: Set<InputKind> { get }
    /// True when the file content (the first bytes, already decompressed) looks like this format.
    static func sniff(head: Data, fileName: String) -> Bool
    static func read(
        _ file: SourceFile, context: CollectContext, into builder: InventoryBuilder, ledger: inout LedgerEntry) throws
}
