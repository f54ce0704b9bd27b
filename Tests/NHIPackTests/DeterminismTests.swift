import Crypto
import Foundation
import NHIModel
import NHIPack
import Testing
import TestSupport

@Suite struct DeterminismTests {
    @Test func sameInputsGiveByteIdenticalPacks() throws {
        let first = try PackFixture(packName: "first")
        defer { first.remove() }
        let second = try PackFixture(packName: "second")
        defer { second.remove() }
        let files = FileListing.files(under: first.pack)
        #expect(files == FileListing.files(under: second.pack))
        #expect(
            files
                == ([PackLayout.html, PackLayout.findingsCSV, PackLayout.xml, PackLayout.manifest, PackLayout.results]
                + OSCALPackFilesTests.oscalFiles).sorted())
        for file in files {
            #expect(try first.data(file) == second.data(file), "\(file) differs between runs")
        }
        #expect(first.summary.manifestDigest == second.summary.manifestDigest)
    }

    /// Order, and an input listed twice, must not change a byte.
    @Test func inputOrderDoesNotMatter() throws {
        let fixture = try PackFixture()
        defer { fixture.remove() }
        var shuffled = SampleResults.document()
        shuffled.findings.reverse()
        shuffled.waivers.reverse()
        shuffled.authority.reverse()
        shuffled.ledger.entries.reverse()
        let other = fixture.root.appendingPathComponent("other")
        try PackWriter.write(
            results: shuffled, catalogs: SampleResults.catalogs(),
            inputFiles: fixture.inputs.reversed() + fixture.inputs,
            to: other, options: SampleResults.options())
        for file in FileListing.files(under: fixture.pack) {
            #expect(try fixture.data(file) == Data(contentsOf: other.appendingPathComponent(file)), "\(file)")
        }
    }

    @Test func signedPacksDifferOnlyInSignatureFiles() throws {
        var options = SampleResults.options()
        options.signingKey = Curve25519.Signing.PrivateKey()
        let signed = try PackFixture(options: options)
        defer { signed.remove() }
        let again = try PackFixture(options: options, packName: "again")
        defer { again.remove() }
        for file in FileListing.files(under: signed.pack) where file != PackLayout.signature {
            #expect(try signed.data(file) == again.data(file), "\(file)")
        }
    }
}
