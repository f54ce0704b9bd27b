import CryptoExtras
import Crypto
import CZlib
import Foundation
import NHIModel
import TestSupport

/// An evidence folder of CloudTrail log files with the digest files, signature sidecars and
/// public-keys file CloudTrail and the documented exports would give, signed with a key made for
/// the test: three hourly digests, each listing one log file (the first gzip-compressed as S3
/// delivers it, the others plain).
struct CloudTrailDigestFixture {
    static let account = "111122223333"
    static let bucket = "northwind-trail"
    static let fingerprint = "5e7a0b3c9d1f4e2a8b6c0d9e1f2a3b4c"
    static let hours = ["20261001T0100", "20261001T0200", "20261001T0300"]

    let key: _RSA.Signing.PrivateKey
    let folder: URL
    /// Evidence paths of the log files and digests, in hour order.
    var logs: [String] = []
    var digests: [String] = []
    /// S3 objects of the digests, for chaining.
    var digestObjects: [String] = []
    var signatures: [String] = []

    init(
        key: _RSA.Signing.PrivateKey? = nil, publicKeysOf keysKey: _RSA.Signing.PrivateKey? = nil,
        writePublicKeys: Bool = true
    ) throws {
        self.key = try key ?? _RSA.Signing.PrivateKey(keySize: .bits2048)
        folder = try Fixtures.temporaryFolder("nhi-digest")
        let plain = try Data(contentsOf: Fixtures.own("aws/cloudtrail/records.json"))
        let compressed = try Data(contentsOf: Fixtures.own("aws/cloudtrail/records.json.gz"))
        var previous: (object: String, hash: String, signature: String)?
        for (index, hour) in Self.hours.enumerated() {
            let logName =
                "\(Self.account)_CloudTrail_eu-west-1_\(hour)Z_\(String(repeating: "abc", count: 5))\(index).json.gz"
            let logObject = "AWSLogs/\(Self.account)/CloudTrail/eu-west-1/2026/10/01/\(logName)"
            let logPath = "cloudtrail/\(logObject)"
            try write(index == 0 ? compressed : plain, to: logPath)
            logs.append(logPath)

            let end = "2026-10-01T\(String(hour.suffix(4).prefix(2))):30:00Z"
            let start =
                index == 0
                ? "2026-10-01T00:30:00Z"
                : "2026-10-01T\(String(format: "%02d", Int(hour.suffix(4).prefix(2))! - 1)):30:00Z"
            let digestName = "\(Self.account)_CloudTrail-Digest_eu-west-1_org-trail_eu-west-1_\(hour)30Z.json.gz"
            let digestObject = "AWSLogs/\(Self.account)/CloudTrail-Digest/eu-west-1/2026/10/01/\(digestName)"
            var fields: [String: Any] = [
                "awsAccountId": Self.account, "digestStartTime": start, "digestEndTime": end,
                "digestS3Bucket": Self.bucket, "digestS3Object": digestObject,
                "digestPublicKeyFingerprint": Self.fingerprint, "digestSignatureAlgorithm": "SHA256withRSA",
                "newestEventTime": end, "oldestEventTime": start,
                "logFiles": [
                    [
                        "s3Bucket": Self.bucket, "s3Object": logObject, "hashValue": Self.sha256(plain),
                        "hashAlgorithm": "SHA-256", "newestEventTime": end, "oldestEventTime": start,
                    ]
                ],
            ]
            if let previous {
                fields["previousDigestS3Bucket"] = Self.bucket
                fields["previousDigestS3Object"] = previous.object
                fields["previousDigestHashValue"] = previous.hash
                fields["previousDigestHashAlgorithm"] = "SHA-256"
                fields["previousDigestSignature"] = previous.signature
            } else {
                fields["previousDigestSignature"] = NSNull()
            }
            let content = try JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])
            let signature = try sign(content, end: end, object: digestObject, previousSignature: previous?.signature)
            let digestPath = "cloudtrail/\(digestObject)"
            try write(Self.gzip(content), to: digestPath)
            try write(
                Data(#"{"signature": "\#(signature)", "signature-algorithm": "SHA256withRSA"}"#.utf8),
                to: digestPath + ".metadata.json")
            digests.append(digestPath)
            digestObjects.append(digestObject)
            signatures.append(signature)
            previous = (digestObject, Self.sha256(content), signature)
        }
        if writePublicKeys { try writePublicKeysFile(of: keysKey ?? self.key) }
    }

    /// The signature CloudTrail would put in the digest's `x-amz-meta-signature`.
    func sign(_ content: Data, end: String, object: String, previousSignature: String?) throws -> String {
        let string = [end, "\(Self.bucket)/\(object)", Self.sha256(content), previousSignature ?? "null"].joined(
            separator: "\n")
        return Hex.lowercase(try key.signature(for: Data(string.utf8), padding: .insecurePKCS1v1_5).rawRepresentation)
    }

    /// `aws cloudtrail list-public-keys` output: the key as base64 PKCS #1 DER, as CloudTrail gives it.
    func writePublicKeysFile(of key: _RSA.Signing.PrivateKey) throws {
        let value = key.publicKey.pkcs1DERRepresentation.base64EncodedString()
        let json = """
            {"PublicKeyList": [{"Value": "\(value)", "ValidityStartTime": "2026-09-01T00:00:00Z",
              "ValidityEndTime": "2027-01-31T00:00:00Z", "Fingerprint": "\(Self.fingerprint)"}]}
            """
        try write(Data(json.utf8), to: "cloudtrail/public-keys.json")
    }

    func write(_ data: Data, to path: String) throws {
        let url = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func read(_ path: String) throws -> Data { try Data(contentsOf: folder.appendingPathComponent(path)) }

    func remove(_ path: String) throws { try FileManager.default.removeItem(at: folder.appendingPathComponent(path)) }

    /// A digest's JSON, inflated, for rewriting.
    func digestFields(_ index: Int) throws -> [String: Any] {
        let inflated = try Self.gunzip(read(digests[index]))
        return try JSONSerialization.jsonObject(with: inflated) as! [String: Any]
    }

    /// Rewrites a digest's content; re-signs it when `resign` (as a forger holding the key would).
    func rewriteDigest(_ index: Int, resign: Bool, _ change: (inout [String: Any]) -> Void) throws {
        var fields = try digestFields(index)
        change(&fields)
        let content = try JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])
        try write(Self.gzip(content), to: digests[index])
        if resign {
            let signature = try sign(
                content, end: fields["digestEndTime"] as! String, object: digestObjects[index],
                previousSignature: fields["previousDigestSignature"] as? String)
            try write(Data(#"{"signature": "\#(signature)"}"#.utf8), to: digests[index] + ".metadata.json")
        }
    }

    static func sha256(_ data: Data) -> String { Hex.lowercase(SHA256.hash(data: data)) }

    /// gzip (RFC 1952) of `data`, as S3 delivers digest and log files.
    static func gzip(_ data: Data) throws -> Data {
        var stream = z_stream()
        guard
            deflateInit2_(
                &stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
                Int32(MemoryLayout<z_stream>.size)) == Z_OK
        else { throw CocoaError(.coderInvalidValue) }
        defer { deflateEnd(&stream) }
        var input = [UInt8](data)
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(input.count))) + 32)
        let produced: Int = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                stream.next_in = inBuffer.baseAddress
                stream.avail_in = uInt(inBuffer.count)
                stream.next_out = outBuffer.baseAddress
                stream.avail_out = uInt(outBuffer.count)
                deflate(&stream, Z_FINISH)
                return outBuffer.count - Int(stream.avail_out)
            }
        }
        return Data(output.prefix(produced))
    }

    static func gunzip(_ data: Data) throws -> Data {
        var stream = z_stream()
        guard inflateInit2_(&stream, 31, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw CocoaError(.coderInvalidValue)
        }
        defer { inflateEnd(&stream) }
        var input = [UInt8](data)
        var output = [UInt8](repeating: 0, count: 1 << 20)
        let produced: Int = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                stream.next_in = inBuffer.baseAddress
                stream.avail_in = uInt(inBuffer.count)
                stream.next_out = outBuffer.baseAddress
                stream.avail_out = uInt(outBuffer.count)
                inflate(&stream, Z_FINISH)
                return outBuffer.count - Int(stream.avail_out)
            }
        }
        return Data(output.prefix(produced))
    }
}
