import Crypto
import Foundation

/// manifest.sig: an Ed25519 signature over the exact bytes of manifest.json.
public enum ManifestSigner {
    public static func sign(_ manifest: Data, with key: Curve25519.Signing.PrivateKey) throws -> Data {
        Data(KeyArmor.encode(try key.signature(for: manifest), label: KeyArmor.signatureLabel).utf8)
    }

    /// True only for the exact bytes `sign` writes: padding, extra lines or a signature of the
    /// wrong length are refused, so that manifest.sig has exactly one form.
    public static func isWellFormed(_ signature: Data) -> Bool {
        guard
            let raw = try? KeyArmor.decode(
                String(decoding: signature, as: UTF8.self), label: KeyArmor.signatureLabel,
                source: PackLayout.signature)
        else { return false }
        return raw.count == 64 && Data(KeyArmor.encode(raw, label: KeyArmor.signatureLabel).utf8) == signature
    }

    public static func isValid(signature: Data, manifest: Data, key: Curve25519.Signing.PublicKey) -> Bool {
        guard
            let raw = try? KeyArmor.decode(
                String(decoding: signature, as: UTF8.self), label: KeyArmor.signatureLabel, source: PackLayout.signature
            )
        else { return false }
        return key.isValidSignature(raw, for: manifest)
    }
}
