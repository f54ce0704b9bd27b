import Crypto
import Foundation

/// Name-based UUIDs (RFC 9562 version 5): the same name always gives the same UUID, so OSCAL
/// documents are byte-identical across runs and an observation keeps its UUID between packs.
public enum UUIDv5 {
    /// nhi-audit's namespace (itself a v5 UUID of "nhi-audit" in the RFC's URL namespace).
    public static let namespace = UUID(uuidString: "753819c8-2186-5b31-a594-ca21f98079ee")!

    /// The SHA-1 state after the namespace and the first part of a name: the UUIDs of names that
    /// share it hash only the rest (an OSCAL pack's names share a long part per kind of object).
    public struct Prefix {
        fileprivate let hasher: Insecure.SHA1
    }

    public static func prefix(_ head: String, namespace: UUID = UUIDv5.namespace) -> Prefix {
        var hasher = Insecure.SHA1()
        withUnsafeBytes(of: namespace.uuid) { hasher.update(bufferPointer: $0) }
        update(&hasher, with: head)
        return Prefix(hasher: hasher)
    }

    /// The SHA-1 of the namespace's bytes then the name's UTF-8, its first 16 bytes with the
    /// version and variant set. Hashed piece by piece and read from the digest in place: an OSCAL
    /// pack makes several UUIDs per finding, and arrays of the bytes were a share of their cost.
    public static func make(_ name: String, namespace: UUID = UUIDv5.namespace) -> UUID {
        make(prefix(name, namespace: namespace), "")
    }

    /// The UUID of the name that is the prefix's first part then `tail`.
    public static func make(_ prefix: Prefix, _ tail: String) -> UUID {
        var hasher = prefix.hasher
        update(&hasher, with: tail)
        var uuid = hasher.finalize().withUnsafeBytes { $0.loadUnaligned(as: uuid_t.self) }
        uuid.6 = (uuid.6 & 0x0F) | 0x50
        uuid.8 = (uuid.8 & 0x3F) | 0x80
        return UUID(uuid: uuid)
    }

    private static func update(_ hasher: inout Insecure.SHA1, with text: String) {
        ASCIIScan.withUTF8(text) { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
    }

    /// Lower-case text form, as OSCAL examples write UUIDs.
    public static func string(_ name: String) -> String { text(make(name)) }

    /// `string` of the name that is the prefix's first part then `tail`.
    public static func string(_ prefix: Prefix, _ tail: String) -> String { text(make(prefix, tail)) }

    private static func text(_ uuid: UUID) -> String {
        let digits = Array("0123456789abcdef".utf8)
        return withUnsafeBytes(of: uuid.uuid) { bytes in
            String(unsafeUninitializedCapacity: 36) { text in
                var end = 0
                for (index, byte) in bytes.enumerated() {
                    if index == 4 || index == 6 || index == 8 || index == 10 {
                        text[end] = UInt8(ascii: "-")
                        end += 1
                    }
                    text[end] = digits[Int(byte >> 4)]
                    text[end + 1] = digits[Int(byte & 0x0F)]
                    end += 2
                }
                return end
            }
        }
    }
}
