import Foundation
import NHIModel

/// One CloudTrail digest file as read (fields per AWS "CloudTrail digest file structure"), with
/// the SHA-256 of its inflated content that the signing string and the next digest's
/// `previousDigestHashValue` refer to.
struct CloudTrailDigestFile: Sendable {
    struct LogFile: Sendable {
        var s3Bucket: String?
        var s3Object: String
        /// Lower-case hex SHA-256 of the log file's uncompressed content.
        var hashValue: String
    }

    var ref: EvidenceRef
    var accountId: String?
    var startTime: Date
    /// As written: the signing string takes the text, not a reformatted date.
    var endTimeText: String
    var endTime: Date
    var s3Bucket: String
    var s3Object: String
    var publicKeyFingerprint: String
    var signatureAlgorithm: String?
    var previousS3Object: String?
    var previousHashValue: String?
    var previousHashAlgorithm: String?
    var previousSignature: String?
    var logFiles: [LogFile]
    var contentSHA256: String

    /// The digest chain a digest belongs to: its object name without the end timestamp
    /// (`{account}_CloudTrail-Digest_{region}_{trail}_{home region}_`), shown as `account region trail`.
    var chain: String { Self.chain(ofObject: s3Object) }

    static func chain(ofObject object: String) -> String {
        let name = object.split(separator: "/").last.map(String.init) ?? object
        let parts = name.components(separatedBy: "_CloudTrail-Digest_")
        guard parts.count == 2 else { return name }
        // {region}_{trail name}_{home region}_{timestamp}.json.gz; trail names may hold underscores.
        var rest = parts[1].split(separator: "_").map(String.init)
        if rest.last == "backfill.json.gz" || rest.last == "backfill.json" { rest.removeLast() }
        if rest.count >= 4 { rest.removeLast(2) }  // home region and timestamp
        guard let region = rest.first else { return name }
        return ([parts[0], region] + [rest.dropFirst().joined(separator: "_")].filter { !$0.isEmpty }).joined(
            separator: " ")
    }
}

extension CloudTrailDigestFile {
    /// Parses the digest's JSON; a digest without its identifying fields is not a digest (the file fails).
    static func parse(_ content: Data, ref: EvidenceRef, sha256: String, ledger: inout LedgerEntry) throws
        -> CloudTrailDigestFile
    {
        let fail = { (message: String) in CollectError(file: ref.file, message: message) }
        guard let object = try? JSONSerialization.jsonObject(with: content) as? [String: Any] else {
            throw fail("not a CloudTrail digest file (its content is not a JSON object)")
        }
        func text(_ key: String) -> String? { object[key] as? String }
        func required(_ key: String) throws -> String {
            guard let value = text(key), !value.isEmpty else { throw fail("CloudTrail digest file without \(key)") }
            return value
        }
        func time(_ key: String) throws -> Date {
            let value = try required(key)
            guard let date = ISO8601.parse(value) else { throw fail("\(key) \"\(value)\" is not an ISO 8601 time") }
            return date
        }
        var logFiles: [LogFile] = []
        for (index, item) in ((object["logFiles"] as? [Any]) ?? []).enumerated() {
            let locator = EvidenceRef(file: ref.file, sha256: ref.sha256, pointer: "/logFiles/\(index)").locator
            guard let entry = item as? [String: Any], let s3Object = entry["s3Object"] as? String, !s3Object.isEmpty,
                let hash = entry["hashValue"] as? String, !hash.isEmpty
            else {
                ledger.reject(reason: "log file entry without s3Object or hashValue", locator: locator)
                continue
            }
            guard (entry["hashAlgorithm"] as? String ?? "SHA-256") == "SHA-256" else {
                ledger.reject(reason: "log file entry with a hash algorithm other than SHA-256", locator: locator)
                continue
            }
            ledger.accept()
            logFiles.append(
                LogFile(s3Bucket: entry["s3Bucket"] as? String, s3Object: s3Object, hashValue: hash.lowercased()))
        }
        let previous = text("previousDigestS3Object")
        return CloudTrailDigestFile(
            ref: ref, accountId: text("awsAccountId"), startTime: try time("digestStartTime"),
            endTimeText: try required("digestEndTime"), endTime: try time("digestEndTime"),
            s3Bucket: try required("digestS3Bucket"), s3Object: try required("digestS3Object"),
            publicKeyFingerprint: try required("digestPublicKeyFingerprint"),
            signatureAlgorithm: text("digestSignatureAlgorithm"),
            previousS3Object: previous?.isEmpty == false ? previous : nil,
            previousHashValue: text("previousDigestHashValue")?.lowercased(),
            previousHashAlgorithm: text("previousDigestHashAlgorithm"),
            previousSignature: text("previousDigestSignature"), logFiles: logFiles, contentSHA256: sha256)
    }
}
