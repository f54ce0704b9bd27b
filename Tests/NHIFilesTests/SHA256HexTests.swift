import Foundation
import NHIFiles
import NHIModel
import Testing
import TestSupport

/// The one SHA-256 of files: the digest of every byte, however much was fed before `finish`.
@Suite struct SHA256HexTests {
    // SHA-256 of "abc" (FIPS 180-2, appendix B.1).
    static let abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"

    @Test func hashesDataStringsAndFilesAlike() throws {
        let url = try Fixtures.temporaryFolder("sha256").appendingPathComponent("abc")
        try Data("abc".utf8).write(to: url)
        #expect(SHA256Hex.of("abc") == Self.abc)
        #expect(SHA256Hex.of(Data("abc".utf8)) == Self.abc)
        let digest = try SHA256Hex.ofFile(url)
        #expect(digest.sha256 == Self.abc && digest.size == 3)
    }

    @Test func finishReadsOnlyWhatWasNotFed() throws {
        // Over one read chunk (1 MiB), so that finishing crosses a chunk boundary.
        let bytes = (0..<(1 << 20) + 4099).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9) }
        let url = try Fixtures.temporaryFolder("sha256").appendingPathComponent("data")
        try Data(bytes).write(to: url)
        let whole = SHA256Hex.of(Data(bytes))
        for fed in [0, 1, 4099, bytes.count - 1, bytes.count] {
            let stream = SHA256Stream()
            bytes.withUnsafeBytes { stream.update(UnsafeRawBufferPointer(rebasing: $0[0..<fed])) }
            let digest = try stream.finish(url)
            #expect(digest.sha256 == whole && digest.size == Int64(bytes.count), "fed \(fed)")
        }
    }

    @Test func aMissingFileSaysWhatFailedAndWhy() throws {
        let url = try Fixtures.temporaryFolder("sha256").appendingPathComponent("absent")
        #expect(throws: FileReadError.self) { try SHA256Hex.ofFile(url) }
        do {
            _ = try SHA256Hex.ofFile(url)
        } catch {
            #expect(error.description == "cannot open file for reading (No such file or directory)")
            #expect(FileErrorText.reason(error) == "No such file or directory")
        }
    }
}
