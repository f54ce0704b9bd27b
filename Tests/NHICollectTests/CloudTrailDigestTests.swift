import CryptoExtras
import Foundation
@testable import NHICollect
import NHIModel
import Testing
import TestSupport

/// CloudTrail log file integrity, offline: digests, their signatures and chain, and the log files
/// they list, on folders made by `CloudTrailDigestFixture` with a key of the test's own.
@Suite struct CloudTrailDigestTests {
    /// One key for the suite: making a 2048-bit key takes a moment.
    static let key = try! _RSA.Signing.PrivateKey(keySize: .bits2048)

    static func collect(_ fixture: CloudTrailDigestFixture) throws -> (Inventory, LogIntegrity) {
        let inventory = try Collector().collect(folder: fixture.folder)
        return (inventory, try #require(inventory.logIntegrity))
    }

    static func statuses(_ integrity: LogIntegrity) -> [LogFileCheck.Status] { integrity.logFiles.map(\.status) }

    @Test func validChainVerifiesEveryLogFile() throws {
        let fixture = try CloudTrailDigestFixture(key: Self.key)
        let (inventory, integrity) = try Self.collect(fixture)
        #expect(integrity.publicKeysProvided)
        #expect(integrity.digests.map(\.signature) == [.valid, .valid, .valid])
        #expect(integrity.digests.map(\.link) == [.chainStart, .linked, .linked])
        #expect(integrity.digests.map(\.chain) == Array(repeating: "111122223333 eu-west-1 org-trail", count: 3))
        // The first log file is stored gzip-compressed: the digest lists the hash of its content.
        #expect(Self.statuses(integrity) == [.verified, .verified, .verified])
        #expect(integrity.logFiles.map(\.file) == fixture.logs)
        #expect(integrity.logFiles.map(\.stream) == Array(repeating: "111122223333 eu-west-1", count: 3))
        #expect(inventory.inputs.contains(.logDigests))
        let note = try #require(CollectTestSupport.entry(inventory, fixture.logs[0])?.notes.last)
        #expect(note == "integrity: covered by a valid digest (\(fixture.digests[0]))")
        #expect(
            CollectTestSupport.entry(inventory, fixture.digests[1])?.notes == [
                "integrity: signature valid (key \(CloudTrailDigestFixture.fingerprint)), chain linked"
            ])
        // Every file is read by a reader and every record accounted for.
        #expect(inventory.ledger.skipped.isEmpty)
        #expect(inventory.ledger.entries.allSatisfy { $0.isBalanced && $0.rejected == 0 })
        #expect(CollectTestSupport.entry(inventory, fixture.digests[0])?.format == "aws-cloudtrail-digest")
        #expect(CollectTestSupport.entry(inventory, "cloudtrail/public-keys.json")?.accepted == 1)
    }

    @Test func logFileExportedInflatedStillMeetsItsDigestEntry() throws {
        let fixture = try CloudTrailDigestFixture(key: Self.key)
        let inflated = String(fixture.logs[1].dropLast(".gz".count))
        try fixture.write(try fixture.read(fixture.logs[1]), to: inflated)
        try fixture.remove(fixture.logs[1])
        let (_, integrity) = try Self.collect(fixture)
        #expect(integrity.logFiles.map(\.file) == [fixture.logs[0], inflated, fixture.logs[2]])
        #expect(Self.statuses(integrity) == [.verified, .verified, .verified])
    }

    @Test func logFileChangedAfterDeliveryIsCaught() throws {
        let fixture = try CloudTrailDigestFixture(key: Self.key)
        var content = try fixture.read(fixture.logs[2])
        content.append(contentsOf: Array(" ".utf8))
        try fixture.write(content, to: fixture.logs[2])
        let (inventory, integrity) = try Self.collect(fixture)
        #expect(Self.statuses(integrity) == [.verified, .verified, .changed])
        #expect(integrity.logFiles[2].digest == fixture.digests[2])
        #expect(integrity.digests.map(\.signature) == [.valid, .valid, .valid])
        #expect(
            CollectTestSupport.entry(inventory, fixture.logs[2])?.notes.last
                == "integrity: content differs from the SHA-256 in \(fixture.digests[2])")
    }

    @Test func digestChangedWithoutTheKeyFailsItsSignatureAndTheChain() throws {
        let fixture = try CloudTrailDigestFixture(key: Self.key)
        // A forger lists a changed log file's new hash, without CloudTrail's key to re-sign.
        try fixture.rewriteDigest(1, resign: false) { fields in
            var logs = fields["logFiles"] as! [[String: Any]]
            logs[0]["hashValue"] = String(repeating: "0", count: 64)
            fields["logFiles"] = logs
        }
        let (_, integrity) = try Self.collect(fixture)
        #expect(integrity.digests.map(\.signature) == [.valid, .invalid, .valid])
        #expect(integrity.digests.map(\.link) == [.chainStart, .linked, .previousHashMismatch])
        #expect(Self.statuses(integrity) == [.verified, .changed, .verified])
    }

    @Test func chainBrokenByAResignedDigestIsCaught() throws {
        let fixture = try CloudTrailDigestFixture(key: Self.key)
        // Signed with the right key, but not over the previous digest CloudTrail delivered.
        try fixture.rewriteDigest(2, resign: true) { $0["previousDigestHashValue"] = String(repeating: "a", count: 64) }
        var (_, integrity) = try Self.collect(fixture)
        #expect(integrity.digests.map(\.signature) == [.valid, .valid, .valid])
        #expect(integrity.digests.map(\.link) == [.chainStart, .linked, .previousHashMismatch])

        try fixture.rewriteDigest(2, resign: true) { fields in
            fields["previousDigestHashValue"] = CloudTrailDigestFixture.sha256(
                try! CloudTrailDigestFixture.gunzip(fixture.read(fixture.digests[1])))
            fields["previousDigestSignature"] = String(repeating: "b", count: 512)
        }
        (_, integrity) = try Self.collect(fixture)
        #expect(integrity.digests.map(\.signature) == [.valid, .valid, .valid])
        #expect(integrity.digests[2].link == .previousSignatureMismatch)
    }

    @Test func missingFilesAreReported() throws {
        let fixture = try CloudTrailDigestFixture(key: Self.key)
        try fixture.remove(fixture.logs[1])
        let extra =
            "cloudtrail/AWSLogs/111122223333/CloudTrail/eu-west-1/2026/10/01/111122223333_CloudTrail_eu-west-1_20261001T0400Z_zzz.json"
        try fixture.write(try Data(contentsOf: Fixtures.own("aws/cloudtrail/records.json")), to: extra)
        var (_, integrity) = try Self.collect(fixture)
        let byFile = Dictionary(uniqueKeysWithValues: integrity.logFiles.map { ($0.file, $0.status) })
        #expect(byFile[fixture.logs[0]] == .verified)
        #expect(byFile[String(fixture.logs[1].dropFirst("cloudtrail/".count))] == .absent)
        #expect(byFile[extra] == .unlisted)

        try fixture.remove(fixture.digests[1])
        try fixture.remove(fixture.digests[1] + ".metadata.json")
        (_, integrity) = try Self.collect(fixture)
        #expect(integrity.digests.map(\.link) == [.chainStart, .previousMissing])
    }

    @Test func withoutPublicKeysSignaturesAreNotCheckedAndNothingIsVerified() throws {
        let fixture = try CloudTrailDigestFixture(key: Self.key, writePublicKeys: false)
        let (inventory, integrity) = try Self.collect(fixture)
        #expect(!integrity.publicKeysProvided)
        #expect(integrity.digests.map(\.signature) == [.notChecked, .notChecked, .notChecked])
        #expect(Self.statuses(integrity) == [.unverifiedDigest, .unverifiedDigest, .unverifiedDigest])
        #expect(
            CollectTestSupport.entry(inventory, fixture.logs[0])?.notes.last?.hasPrefix(
                "integrity: listed with its SHA-256 in a digest whose signature was not verified") == true)
    }

    @Test func anotherKeyOrAMissingSignatureDoesNotVerify() throws {
        let other = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let fixture = try CloudTrailDigestFixture(key: Self.key, publicKeysOf: other)
        try fixture.remove(fixture.digests[2] + ".metadata.json")
        let (_, integrity) = try Self.collect(fixture)
        #expect(integrity.digests.map(\.signature) == [.invalid, .invalid, .noSignature])
        #expect(Self.statuses(integrity) == [.unverifiedDigest, .unverifiedDigest, .unverifiedDigest])
    }

    @Test func keyWithAnotherFingerprintIsNoPublicKey() throws {
        let fixture = try CloudTrailDigestFixture(key: Self.key)
        var keys = String(decoding: try fixture.read("cloudtrail/public-keys.json"), as: UTF8.self)
        keys = keys.replacingOccurrences(of: CloudTrailDigestFixture.fingerprint, with: "ffff")
        try fixture.write(Data(keys.utf8), to: "cloudtrail/public-keys.json")
        let (_, integrity) = try Self.collect(fixture)
        #expect(integrity.digests.map(\.signature) == [.noPublicKey, .noPublicKey, .noPublicKey])
    }

    @Test func headObjectOutputIsASignatureSidecarToo() throws {
        let fixture = try CloudTrailDigestFixture(key: Self.key)
        let sidecar =
            #"{"AcceptRanges": "bytes", "ContentType": "application/json", "Metadata": {"signature-algorithm": "SHA256withRSA", "signature": "\#(fixture.signatures[0])"}}"#
        try fixture.write(Data(sidecar.utf8), to: fixture.digests[0] + ".metadata.json")
        let (_, integrity) = try Self.collect(fixture)
        #expect(integrity.digests[0].signature == .valid)
    }

    @Test func badRecordsAreRejectedAndCounted() throws {
        let fixture = try CloudTrailDigestFixture(key: Self.key)
        let keys = #"{"PublicKeyList": [{"Fingerprint": "aa", "Value": "bm90IGEga2V5"}, {"Value": "AAAA"}]}"#
        try fixture.write(Data(keys.utf8), to: "cloudtrail/public-keys.json")
        try fixture.write(Data(#"{"signature": "xyz"}"#.utf8), to: fixture.digests[0] + ".metadata.json")
        let inventory = try Collector().collect(folder: fixture.folder)
        let keysEntry = CollectTestSupport.entry(inventory, "cloudtrail/public-keys.json")
        #expect(
            CollectTestSupport.rejections(keysEntry) == [
                "Value is not a DER RSA public key of 2048 bits or more": 1,
                "key without Fingerprint or base64 Value": 1,
            ])
        #expect(
            CollectTestSupport.rejections(CollectTestSupport.entry(inventory, fixture.digests[0] + ".metadata.json"))
                == ["no hex signature in the metadata": 1])
        #expect(inventory.logIntegrity?.digests.first?.signature == .noSignature)
    }

    @Test func digestWithoutItsFieldsFailsNamingTheFile() throws {
        let fixture = try CloudTrailDigestFixture(key: Self.key)
        try fixture.rewriteDigest(0, resign: false) { $0["digestEndTime"] = nil }
        #expect {
            _ = try Collector().collect(folder: fixture.folder)
        } throws: { error in
            (error as? CollectError)?.description
                == "\(fixture.digests[0]): CloudTrail digest file without digestEndTime"
        }
    }

    @Test func withoutDigestsIntegrityIsUnknown() throws {
        let fixture = try CloudTrailDigestFixture(key: Self.key)
        for digest in fixture.digests {
            try fixture.remove(digest)
            try fixture.remove(digest + ".metadata.json")
        }
        let inventory = try Collector().collect(folder: fixture.folder)
        #expect(inventory.logIntegrity == nil)
        #expect(!inventory.inputs.contains(.logDigests))
    }

    @Test func signingStringIsTheDocumentedOne() throws {
        let fixture = try CloudTrailDigestFixture(key: Self.key)
        let content = try CloudTrailDigestFixture.gunzip(fixture.read(fixture.digests[0]))
        var ledger = LedgerEntry(file: "d", format: "f", sha256: "", size: 0)
        let digest = try CloudTrailDigestFile.parse(
            content, ref: EvidenceRef(file: "d", sha256: ""), sha256: "abc", ledger: &ledger)
        #expect(
            DigestSignature.signingString(digest)
                == "2026-10-01T01:30:00Z\nnorthwind-trail/\(fixture.digestObjects[0])\nabc\nnull")
        #expect(digest.chain == "111122223333 eu-west-1 org-trail")
        #expect(
            CloudTrailDigestFile.chain(
                ofObject: "x/1_CloudTrail-Digest_us-east-2_my_trail_us-east-2_20150817T150131Z_backfill.json.gz")
                == "1 us-east-2 my_trail")
    }
}
