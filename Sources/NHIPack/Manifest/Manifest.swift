import Foundation
import NHIModel

/// manifest.json: the SHA-256 and size of every input and output file of a pack, with the tool,
/// mapping and policy identity and the previous pack's manifest digest (a chain across quarters).
/// manifest.sig signs these exact bytes. Documented in docs/results-schema.md.
public struct Manifest: Hashable, Codable, Sendable {
    public static let currentSchemaVersion = "1.0"

    public struct Entry: Hashable, Codable, Sendable {
        public var path: String
        public var sha256: String
        public var size: Int64
        public init(path: String, sha256: String, size: Int64) {
            self.path = path; self.sha256 = sha256; self.size = size
        }
    }

    /// Present when the pack is signed, so that a deleted manifest.sig is noticed even without a key.
    public struct SignatureInfo: Hashable, Codable, Sendable {
        public var algorithm: String
        /// SHA-256 of the raw 32-byte public key: tells which key to verify with.
        public var publicKeySha256: String
        public init(algorithm: String = "Ed25519", publicKeySha256: String) {
            self.algorithm = algorithm; self.publicKeySha256 = publicKeySha256
        }
    }

    public var schemaVersion: String
    public var tool: ResultsDocument.Tool
    public var generatedAt: Date
    public var mappingDigest: String
    public var policyDigest: String
    public var previousManifestDigest: String?
    /// Where the mappings were read from (their digest is `mappingDigest`).
    public var mappings: DataSource?
    /// The templates the report was rendered with, and the folder whose same-named files replaced them.
    public var templates: DataSource?
    public var templateOverrides: DataSource?
    public var inputs: [Entry]
    public var outputs: [Entry]
    public var signature: SignatureInfo?

    public init(
        schemaVersion: String = Manifest.currentSchemaVersion, tool: ResultsDocument.Tool, generatedAt: Date,
        mappingDigest: String, policyDigest: String, previousManifestDigest: String?,
        mappings: DataSource? = nil, templates: DataSource? = nil, templateOverrides: DataSource? = nil,
        inputs: [Entry], outputs: [Entry], signature: SignatureInfo?
    ) {
        self.schemaVersion = schemaVersion; self.tool = tool; self.generatedAt = generatedAt
        self.mappingDigest = mappingDigest; self.policyDigest = policyDigest
        self.previousManifestDigest = previousManifestDigest
        self.mappings = mappings; self.templates = templates; self.templateOverrides = templateOverrides
        self.inputs = inputs.sorted { $0.path < $1.path }; self.outputs = outputs.sorted { $0.path < $1.path }
        self.signature = signature
    }

    public func encoded() throws -> Data {
        var data = try NHIJSON.encoder().encode(self)
        data.append(0x0A)
        return data
    }

    public static func decode(_ data: Data) throws -> Manifest {
        try NHIJSON.decoder().decode(Manifest.self, from: data)
    }
}
