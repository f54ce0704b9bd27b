import Foundation

/// The text form of keys and signatures: raw bytes in base64 between BEGIN/END lines, like PEM
/// but without ASN.1 (an Ed25519 key is just 32 bytes), so any tool can read it.
enum KeyArmor {
    static let privateKeyLabel = "NHI-AUDIT ED25519 PRIVATE KEY"
    static let publicKeyLabel = "NHI-AUDIT ED25519 PUBLIC KEY"
    static let signatureLabel = "NHI-AUDIT ED25519 SIGNATURE"

    static func encode(_ bytes: Data, label: String) -> String {
        "-----BEGIN \(label)-----\n\(bytes.base64EncodedString())\n-----END \(label)-----\n"
    }

    static func decode(_ text: String, label: String, source: String) throws -> Data {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter {
            !$0.isEmpty
        }
        guard let begin = lines.firstIndex(of: "-----BEGIN \(label)-----"),
            let end = lines.firstIndex(of: "-----END \(label)-----"), begin < end
        else {
            throw PackError.key("\(source): not a \(label.lowercased()) file (no BEGIN/END \(label) lines)")
        }
        guard let bytes = Data(base64Encoded: lines[(begin + 1)..<end].joined()) else {
            throw PackError.key("\(source):\(begin + 2): invalid base64")
        }
        return bytes
    }
}
