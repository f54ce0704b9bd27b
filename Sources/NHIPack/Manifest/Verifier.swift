import Crypto
import Foundation
import NHIFiles
import NHIModel

/// Re-hashes a pack against its manifest and checks the signature and the chain to a previous pack.
public enum Verifier {
    /// What protects manifest.json itself: only a signature checked with the right public key
    /// does; without one, whoever can write the pack can change a file and its manifest entry.
    public enum Protection: Sendable, Equatable {
        case signatureValid
        /// manifest.sig is there, but no public key was given to check it.
        case signatureNotChecked
        case unsigned
    }

    /// The protection of a pack that `verify` found intact, given whether it was verified with a
    /// public key (an intact signed pack's signature then holds).
    public static func protection(pack: URL, signatureChecked: Bool) -> Protection {
        var info = stat()
        let signed = lstat(pack.appendingPathComponent(PackLayout.signature).path, &info) == 0
        return !signed ? .unsigned : signatureChecked ? .signatureValid : .signatureNotChecked
    }

    /// An empty list means the pack is intact. Without a public key the signature cannot be
    /// checked, but a manifest that says "signed" with no manifest.sig is still reported. With
    /// `evidence`, the input files listed in the manifest are re-hashed too.
    public static func verify(
        pack: URL, publicKey: Curve25519.Signing.PublicKey?, previous: URL? = nil,
        evidence: URL? = nil
    ) -> [VerificationProblem] {
        let manifestURL = pack.appendingPathComponent(PackLayout.manifest)
        guard let manifestData = FileManager.default.contents(atPath: manifestURL.path) else {
            return [
                VerificationProblem(
                    .missingManifest, PackLayout.manifest, "missing: not an evidence pack, or the manifest was deleted")
            ]
        }
        let manifest: Manifest
        do { manifest = try Manifest.decode(manifestData) } catch {
            return checkSignature(pack: pack, manifestData: manifestData, signatureInfo: nil, publicKey: publicKey)
                + [
                    VerificationProblem(
                        .unreadableManifest, PackLayout.manifest,
                        "not a readable manifest (\(FileErrorText.reason(error)))")
                ]
        }
        var problems = checkSignature(
            pack: pack, manifestData: manifestData, signatureInfo: manifest.signature, publicKey: publicKey)
        problems += checkFiles(pack: pack, manifest: manifest)
        if let previous { problems += checkChain(manifest: manifest, previous: previous, publicKey: publicKey) }
        if let evidence { problems += checkInputs(manifest: manifest, evidence: evidence) }
        return problems
    }

    /// An earlier pack that `pack --previous` is about to chain to and read, checked on its own:
    /// its files against its manifest, and its signature when it was made with the key the new
    /// pack is signed with (a pack signed with another key is checked without it: the new pack's
    /// manifest records the earlier manifest's digest either way).
    public static func verifyPrevious(pack: URL, signingKey: Curve25519.Signing.PrivateKey?) -> [VerificationProblem] {
        let manifest = FileManager.default.contents(atPath: pack.appendingPathComponent(PackLayout.manifest).path)
            .flatMap { try? Manifest.decode($0) }
        let key = signingKey.map(\.publicKey).flatMap {
            manifest?.signature?.publicKeySha256 == PackKeys.fingerprint($0) ? $0 : nil
        }
        return verify(pack: pack, publicKey: key)
    }

    /// The same, reading the public key from a keygen `.pub` file; a bad key file throws.
    public static func verify(pack: URL, publicKeyFile: URL?, previous: URL? = nil, evidence: URL? = nil) throws
        -> [VerificationProblem]
    {
        verify(
            pack: pack, publicKey: try publicKeyFile.map(PackKeys.readPublicKey), previous: previous, evidence: evidence
        )
    }

    private static func checkSignature(
        pack: URL, manifestData: Data, signatureInfo: Manifest.SignatureInfo?,
        publicKey: Curve25519.Signing.PublicKey?
    ) -> [VerificationProblem] {
        let signature = FileManager.default.contents(atPath: pack.appendingPathComponent(PackLayout.signature).path)
        if let signature, !ManifestSigner.isWellFormed(signature) {
            return [
                VerificationProblem(
                    .badSignature, PackLayout.signature,
                    "malformed: not exactly a BEGIN line, one base64 line of a 64-byte signature and an END line")
            ]
        }
        guard let publicKey else {
            if signatureInfo != nil, signature == nil {
                return [
                    VerificationProblem(
                        .missingSignature, PackLayout.signature, "missing, but the manifest says the pack is signed")
                ]
            }
            if signatureInfo == nil, signature != nil {
                return [
                    VerificationProblem(
                        .badSignature, PackLayout.signature, "present, but the manifest names no signing key")
                ]
            }
            return []
        }
        guard let signature else {
            let message =
                signatureInfo == nil
                ? "missing: the pack is not signed" : "missing, but the manifest says the pack is signed"
            return [VerificationProblem(.missingSignature, PackLayout.signature, message)]
        }
        if let signatureInfo, signatureInfo.publicKeySha256 != PackKeys.fingerprint(publicKey) {
            return [
                VerificationProblem(
                    .wrongKey, PackLayout.signature,
                    "made with key \(signatureInfo.publicKeySha256.prefix(16))…, not with the given public key")
            ]
        }
        if !ManifestSigner.isValid(signature: signature, manifest: manifestData, key: publicKey) {
            return [
                VerificationProblem(
                    .badSignature, PackLayout.signature, "does not verify manifest.json with the given public key")
            ]
        }
        return []
    }

    private static func checkFiles(pack: URL, manifest: Manifest) -> [VerificationProblem] {
        var problems: [VerificationProblem] = []
        var listed: Set<String> = [PackLayout.manifest, PackLayout.signature]
        for own in listed.sorted() {
            if let link = symbolicLink(in: pack, on: own) {
                problems.append(
                    VerificationProblem(.symbolicLink, own, "\(link) is a symbolic link, not a file of the pack"))
            }
        }
        for entry in manifest.outputs {
            guard isSafe(entry.path) else {
                problems.append(VerificationProblem(.unsafePath, entry.path, "listed path leaves the pack"))
                continue
            }
            listed.insert(entry.path)
            let url = pack.appendingPathComponent(entry.path)
            if let link = symbolicLink(in: pack, on: entry.path) {
                problems.append(
                    VerificationProblem(.symbolicLink, entry.path, "\(link) is a symbolic link, not a file of the pack")
                )
                continue
            }
            guard FileManager.default.fileExists(atPath: url.path) else {
                problems.append(VerificationProblem(.missingFile, entry.path, "missing (listed in the manifest)"))
                continue
            }
            guard let actual = try? SHA256Hex.ofFile(url) else {
                problems.append(VerificationProblem(.missingFile, entry.path, "unreadable"))
                continue
            }
            if actual.sha256 != entry.sha256 {
                problems.append(
                    VerificationProblem(
                        .hashMismatch, entry.path,
                        "SHA-256 \(actual.sha256) does not match the manifest's \(entry.sha256)"))
            } else if actual.size != entry.size {
                problems.append(
                    VerificationProblem(
                        .sizeMismatch, entry.path, "size \(actual.size) does not match the manifest's \(entry.size)"))
            }
        }
        for path in FileListing.files(under: pack) where !listed.contains(path) {
            problems.append(VerificationProblem(.extraFile, path, "not listed in the manifest"))
        }
        return problems
    }

    /// The earlier pack must itself be intact (its files against its own manifest, and its
    /// signature when a key is given) before its manifest digest means anything.
    private static func checkChain(manifest: Manifest, previous: URL, publicKey: Curve25519.Signing.PublicKey?)
        -> [VerificationProblem]
    {
        let own = verify(pack: previous, publicKey: publicKey).map {
            VerificationProblem(
                .previousPack, previous.appendingPathComponent($0.path).path,
                "\($0.message) (the previous pack does not match its own manifest)")
        }
        let previousManifest = previous.appendingPathComponent(PackLayout.manifest)
        guard let data = FileManager.default.contents(atPath: previousManifest.path) else {
            return own.isEmpty
                ? [
                    VerificationProblem(
                        .brokenChain, previousManifest.path, "missing: the previous pack has no manifest")
                ] : own
        }
        let digest = SHA256Hex.of(data)
        guard let recorded = manifest.previousManifestDigest else {
            return own + [
                VerificationProblem(
                    .brokenChain, PackLayout.manifest, "names no previous pack, but --previous was given")
            ]
        }
        if recorded != digest {
            return own + [
                VerificationProblem(
                    .brokenChain, PackLayout.manifest,
                    "previous manifest digest \(recorded) does not match \(previousManifest.path) (\(digest))")
            ]
        }
        return own
    }

    private static func checkInputs(manifest: Manifest, evidence: URL) -> [VerificationProblem] {
        manifest.inputs.compactMap { entry in
            let url = evidence.appendingPathComponent(entry.path)
            guard isSafe(entry.path) else {
                return VerificationProblem(.unsafePath, entry.path, "listed input path leaves the evidence folder")
            }
            guard let actual = try? SHA256Hex.ofFile(url) else {
                return VerificationProblem(
                    .inputMissing, url.path, "input listed in the manifest is missing or unreadable")
            }
            guard actual.sha256 == entry.sha256 else {
                return VerificationProblem(
                    .inputMismatch, url.path,
                    "SHA-256 \(actual.sha256) differs from the \(entry.sha256) the pack was built from")
            }
            return nil
        }
    }

    /// The first part of `relative` (itself or a folder on the way) that is a symbolic link, as
    /// a path inside the pack; nil when there is none or the file does not exist.
    private static func symbolicLink(in pack: URL, on relative: String) -> String? {
        var prefix = ""
        for part in relative.split(separator: "/") {
            prefix = prefix.isEmpty ? String(part) : prefix + "/" + part
            var info = stat()
            guard lstat(pack.appendingPathComponent(prefix).path, &info) == 0 else { return nil }
            if (info.st_mode & S_IFMT) == S_IFLNK { return prefix }
        }
        return nil
    }

    private static func isSafe(_ path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/") && !path.split(separator: "/").contains { $0 == ".." || $0 == "." }
    }
}
