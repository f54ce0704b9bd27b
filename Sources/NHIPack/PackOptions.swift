import Crypto
import Foundation
import NHIModel

/// How a pack is written. Digests and versions are the caller's (the pack command computes them).
public struct PackOptions {
    /// Replace an existing pack at the output path.
    public var force: Bool
    /// Signs manifest.json into manifest.sig when set.
    public var signingKey: Curve25519.Signing.PrivateKey?
    /// SHA-256 of the previous pack's manifest.json, chaining packs across quarters.
    public var previousManifestDigest: String?
    public var toolVersion: String
    public var mappingDigest: String
    public var policyDigest: String
    /// A folder whose files replace the default templates of the same name.
    public var templatesOverride: URL?
    /// The shipped templates/ folder (report.mustache, partials, report.css, evidence-pack.xsd).
    public var templatesDefault: URL
    /// Where the mappings and templates came from, recorded in the manifest.
    public var mappingSource: DataSource?
    public var templateSource: DataSource?
    public var templateOverrideSource: DataSource?
    /// The rule catalogue for the report's method section.
    public var rules: [PackRule]
    /// Called after each output file is written, with its path inside the pack; a throw aborts
    /// the run. Lets tests prove that a failure at any step leaves nothing behind.
    public var afterWrite: (@Sendable (String) throws -> Void)?
    /// The previous pack's results (`--previous`): the report gains a "since the previous pack"
    /// section and, with `ResultsDocument.trend`, a trend chart.
    public var previousResults: ResultsDocument?
    /// The evidence folders the pack is built from: the output path may be none of them, nor lie
    /// inside one, nor contain one.
    public var evidenceFolders: [URL]
    /// Told, one sentence each, what was done about an interrupted earlier write to the same path
    /// (told as it happens, so the user hears of it even when this run then fails).
    public var notice: (@Sendable (String) -> Void)?
    /// Indent the JSON and XML documents for people to read; by default they are compact, which at
    /// the size of a large organisation is a good part smaller and quicker to write and load.
    public var pretty: Bool
    /// Called after each rendering task ends, with its name (the path inside the pack of the file it
    /// writes, or what it makes for others) and its own wall and CPU time: lets the command time
    /// the rendering per output. Called from any of the threads that render the pack.
    public var rendered: (@Sendable (PackStage) -> Void)?
    /// Days an open finding of each severity may stay open after it is first reported (the policy's
    /// `remediation_days`): the report's and findings.csv's due dates.
    public var remediationDays: [String: Int] = Policy.defaults.remediationDays

    public init(
        force: Bool = false, signingKey: Curve25519.Signing.PrivateKey? = nil, previousManifestDigest: String? = nil,
        toolVersion: String, mappingDigest: String, policyDigest: String, templatesOverride: URL? = nil,
        templatesDefault: URL, rules: [PackRule] = [], afterWrite: (@Sendable (String) throws -> Void)? = nil,
        previousResults: ResultsDocument? = nil, evidenceFolders: [URL] = [],
        notice: (@Sendable (String) -> Void)? = nil, pretty: Bool = false,
        rendered: (@Sendable (PackStage) -> Void)? = nil
    ) {
        self.force = force; self.signingKey = signingKey; self.previousManifestDigest = previousManifestDigest
        self.toolVersion = toolVersion; self.mappingDigest = mappingDigest; self.policyDigest = policyDigest
        self.templatesOverride = templatesOverride; self.templatesDefault = templatesDefault
        self.rules = rules; self.afterWrite = afterWrite; self.previousResults = previousResults
        self.evidenceFolders = evidenceFolders; self.notice = notice; self.pretty = pretty; self.rendered = rendered
    }
}
