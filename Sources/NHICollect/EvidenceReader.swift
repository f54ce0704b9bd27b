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

    public init(
        url: URL, relativePath: String, sha256: String, size: Int64,
        environmentOverride: String? = nil, accountOverride: String? = nil
    ) {
        self.url = url; self.relativePath = relativePath; self.sha256 = sha256; self.size = size
        self.environmentOverride = environmentOverride; self.accountOverride = accountOverride
    }

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
    /// CloudTrail principals resolved so far in this run, for every file to reuse.
    let cloudTrailPrincipals = CloudTrailPrincipalMemo()
    public init(scope: Scope, progress: IngestProgress? = nil) { self.scope = scope; self.progress = progress }

    /// The environment an AWS account, Kubernetes cluster/namespace or GitHub org/repo belongs to.
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
