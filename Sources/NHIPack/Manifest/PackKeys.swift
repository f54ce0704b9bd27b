import Crypto
import Foundation
import NHIFiles
import NHIModel

/// Ed25519 key pairs for signing packs: `PREFIX.key` (private, mode 0600) and `PREFIX.pub`.
public enum PackKeys {
    public static func privateKeyText(_ key: Curve25519.Signing.PrivateKey) -> String {
        KeyArmor.encode(key.rawRepresentation, label: KeyArmor.privateKeyLabel)
    }

    public static func publicKeyText(_ key: Curve25519.Signing.PublicKey) -> String {
        KeyArmor.encode(key.rawRepresentation, label: KeyArmor.publicKeyLabel)
    }

    public static func readPrivateKey(_ url: URL) throws -> Curve25519.Signing.PrivateKey {
        let bytes = try KeyArmor.decode(readText(url), label: KeyArmor.privateKeyLabel, source: url.path)
        do { return try Curve25519.Signing.PrivateKey(rawRepresentation: bytes) } catch {
            throw PackError.key("\(url.path): not a 32-byte Ed25519 private key")
        }
    }

    public static func readPublicKey(_ url: URL) throws -> Curve25519.Signing.PublicKey {
        let bytes = try KeyArmor.decode(readText(url), label: KeyArmor.publicKeyLabel, source: url.path)
        do { return try Curve25519.Signing.PublicKey(rawRepresentation: bytes) } catch {
            throw PackError.key("\(url.path): not a 32-byte Ed25519 public key")
        }
    }

    /// SHA-256 of the raw public key, recorded in the manifest to name the signing key.
    public static func fingerprint(_ key: Curve25519.Signing.PublicKey) -> String {
        SHA256Hex.of(key.rawRepresentation)
    }

    /// Writes a new key pair. Refuses to replace existing files; the private key is created with
    /// mode 0600 from the start, never chmod-ed after being written world-readable.
    @discardableResult
    public static func writeKeyPair(prefix: String) throws -> (privateKey: URL, publicKey: URL) {
        let key = Curve25519.Signing.PrivateKey()
        let privateURL = URL(fileURLWithPath: prefix + ".key")
        let publicURL = URL(fileURLWithPath: prefix + ".pub")
        for url in [privateURL, publicURL] where FileManager.default.fileExists(atPath: url.path) {
            throw PackError.key("\(url.path): already exists; keygen never replaces a key file (choose another --out)")
        }
        try create(privateURL, contents: Data(privateKeyText(key).utf8), mode: 0o600)
        do {
            try create(publicURL, contents: Data(publicKeyText(key.publicKey).utf8), mode: 0o644)
        } catch {
            try? FileManager.default.removeItem(at: privateURL)
            throw error
        }
        return (privateURL, publicURL)
    }

    private static func create(_ url: URL, contents: Data, mode: mode_t) throws {
        let fd = open(url.path, O_WRONLY | O_CREAT | O_EXCL, mode)
        guard fd >= 0 else { throw PackError.io("\(url.path): cannot create (\(String(cString: strerror(errno))))") }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        do { try handle.write(contentsOf: contents) } catch {
            throw PackError.io("\(url.path): cannot write (\(FileErrorText.reason(error)))")
        }
    }

    private static func readText(_ url: URL) throws -> String {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw PackError.key("\(url.path): cannot read the key file")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
