import Foundation
import NHIFiles
import NHIModel

/// One evidence file that went into the pack: recorded in the manifest and in OSCAL back-matter.
public struct PackInput: Hashable, Codable, Sendable {
    /// Path relative to the evidence folder, `/`-separated.
    public var path: String
    public var url: URL
    public var sha256: String
    public var size: Int64

    public init(path: String, url: URL, sha256: String, size: Int64) {
        self.path = path; self.url = url; self.sha256 = sha256; self.size = size
    }

    /// Hashes the given files of an evidence folder (paths relative to it, `/`-separated):
    /// every file the collector saw, read or skipped, belongs in the manifest. `known` holds the
    /// digests already taken of files as they were read, which are not read again.
    public static func hashing(
        evidenceFolder: URL, paths: [String],
        known: [String: (sha256: String, size: Int64)] = [:]
    ) throws -> [PackInput] {
        try Set(paths).sorted().map { path in
            let url = evidenceFolder.appendingPathComponent(path)
            if let digest = known[path] {
                return PackInput(path: path, url: url, sha256: digest.sha256, size: digest.size)
            }
            do {
                let digest = try SHA256Hex.ofFile(url)
                return PackInput(path: path, url: url, sha256: digest.sha256, size: digest.size)
            } catch {
                throw PackError.io(
                    "\(url.path): cannot read the input file to hash it (\(FileErrorText.reason(error)))")
            }
        }
    }
}

/// A rule of the catalogue with the values its thresholds hold in this run, for the report's method
/// section. The pack command fills it from NHIDetect's registry (NHIPack may not import NHIDetect).
public struct PackRule: Hashable, Sendable {
    public var rule: RuleDescriptor
    /// Policy key → the value in force (defaults or `--policy` overrides), as text.
    public var thresholdValues: [String: String]

    public init(_ rule: RuleDescriptor, policy: Policy) {
        self.rule = rule
        thresholdValues = Dictionary(uniqueKeysWithValues: rule.thresholds.map { ($0.key, $0.text(in: policy)) })
    }
}
