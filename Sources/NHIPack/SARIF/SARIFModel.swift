import Foundation

/// The subset of SARIF 2.1.0 (OASIS) that `findings --format sarif` writes, encoded by JSONEncoder
/// so every value taken from an input is JSON-escaped and nothing else is altered.
public struct SARIFLog: Encodable, Sendable {
    public var schema = "https://json.schemastore.org/sarif-2.1.0.json"
    public var version = "2.1.0"
    public var runs: [Run]

    enum CodingKeys: String, CodingKey { case schema = "$schema", version, runs }

    public struct Run: Encodable, Sendable {
        var tool: Tool
        var results: [Result]
    }

    struct Tool: Encodable, Sendable { var driver: Driver }

    struct Driver: Encodable, Sendable {
        var name: String
        var version: String
        var semanticVersion: String
        var rules: [ReportingDescriptor]
    }

    struct ReportingDescriptor: Encodable, Sendable {
        var id: String
        var name: String
        var shortDescription: Message
        var fullDescription: Message
        var help: Message
        var defaultConfiguration: Configuration
        var properties: RuleProperties
    }

    struct Configuration: Encodable, Sendable { var level: String }

    struct RuleProperties: Encodable, Sendable {
        var tags: [String]
        /// Frameworks' control ids this rule assesses, as `FRAMEWORK:CONTROL`.
        var controls: [String]
        /// GitHub code scanning ranks security alerts by this CVSS-like score.
        var securitySeverity: String?
        enum CodingKeys: String, CodingKey { case tags, controls, securitySeverity = "security-severity" }
    }

    struct Message: Encodable, Sendable {
        var text: String
        var markdown: String?
    }

    struct Result: Encodable, Sendable {
        var ruleId: String
        var ruleIndex: Int?
        var level: String
        var message: Message
        var locations: [Location]
        var partialFingerprints: [String: String]
        var suppressions: [Suppression]?
        var properties: ResultProperties
    }

    struct ResultProperties: Encodable, Sendable {
        var findingId: String
        var subject: String
        var environment: String?
        var severity: String
    }

    struct Location: Encodable, Sendable {
        var physicalLocation: PhysicalLocation
        var message: Message?
        var properties: LocationProperties?
    }

    /// Positions SARIF regions cannot express: the record index in an array file, a JSON pointer.
    struct LocationProperties: Encodable, Sendable {
        var record: Int?
        var pointer: String?
    }

    struct PhysicalLocation: Encodable, Sendable {
        var artifactLocation: ArtifactLocation
        var region: Region?
    }

    struct ArtifactLocation: Encodable, Sendable {
        var uri: String
        var uriBaseId: String?
    }

    struct Region: Encodable, Sendable { var startLine: Int }

    struct Suppression: Encodable, Sendable {
        var kind: String
        var status: String
        var justification: String
    }
}
