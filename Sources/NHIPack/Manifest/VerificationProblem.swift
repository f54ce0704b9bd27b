import Foundation

/// One reason a pack cannot be trusted, naming the file.
public struct VerificationProblem: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case missingManifest = "missing-manifest"
        case unreadableManifest = "unreadable-manifest"
        case missingFile = "missing-file"
        case hashMismatch = "hash-mismatch"
        case sizeMismatch = "size-mismatch"
        case extraFile = "extra-file"
        case unsafePath = "unsafe-path"
        case missingSignature = "missing-signature"
        case badSignature = "bad-signature"
        case wrongKey = "wrong-key"
        case brokenChain = "broken-chain"
        /// A problem of the earlier pack given with `--previous`, found by verifying it on its own.
        case previousPack = "previous-pack"
        case symbolicLink = "symbolic-link"
        case inputMissing = "input-missing"
        case inputMismatch = "input-mismatch"
    }

    public var kind: Kind
    public var path: String
    public var message: String

    public init(_ kind: Kind, _ path: String, _ message: String) {
        self.kind = kind; self.path = path; self.message = message
    }

    public var description: String { "\(path): \(message)" }

    /// Input problems name a file of the evidence folder; all others a file inside the pack.
    public var isAboutInput: Bool { kind == .inputMissing || kind == .inputMismatch }

    /// The path is a full path (an input, or a file of the previous pack), not one inside this pack.
    public var isOutsideThePack: Bool { isAboutInput || kind == .previousPack }
}
