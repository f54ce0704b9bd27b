import Crypto
import Foundation
import NHIModel
import NHIPack
import Testing
import TestSupport

struct InjectedFailure: Error {}

@Suite struct AtomicWriteTests {
    static let packFiles = [
        PackLayout.results, PackLayout.xml, PackLayout.oscalJSON, PackLayout.oscalXML, PackLayout.oscalPlanJSON,
        PackLayout.oscalPlanXML, PackLayout.html, PackLayout.findingsCSV, PackLayout.manifest, PackLayout.signature,
    ]

    @Test(arguments: packFiles)
    func failureAtAnyStepLeavesNothing(failingAt step: String) throws {
        let root = try Fixtures.temporaryFolder("nhi-atomic")
        defer { try? FileManager.default.removeItem(at: root) }
        let inputs = try SampleResults.inputs(in: root.appendingPathComponent("evidence"))
        let out = root.appendingPathComponent("out").appendingPathComponent("pack")
        var options = SampleResults.options(afterWrite: { path in if path == step { throw InjectedFailure() } })
        options.signingKey = Curve25519.Signing.PrivateKey()
        #expect(throws: InjectedFailure.self) {
            try PackWriter.write(
                results: SampleResults.document(), catalogs: [], inputFiles: inputs, to: out, options: options)
        }
        #expect(!FileManager.default.fileExists(atPath: out.path))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: out.deletingLastPathComponent().path)
        #expect(leftovers.isEmpty, "temporary folder left behind: \(leftovers)")
    }

    @Test func xmlThatFailsItsSchemaFailsTheRun() throws {
        let root = try Fixtures.temporaryFolder("nhi-xsd")
        defer { try? FileManager.default.removeItem(at: root) }
        let templates = root.appendingPathComponent("templates")
        try FileManager.default.copyItem(at: Fixtures.packageRoot.appendingPathComponent("templates"), to: templates)
        let schema = templates.appendingPathComponent(PackLayout.xmlSchema)
        let strict = try String(contentsOf: schema, encoding: .utf8).replacingOccurrences(
            of: #"<xs:element name="organisation" type="xs:string"/>"#,
            with:
                #"<xs:element name="organisation"><xs:simpleType><xs:restriction base="xs:string"><xs:maxLength value="3"/></xs:restriction></xs:simpleType></xs:element>"#
        )
        try Data(strict.utf8).write(to: schema)
        var options = SampleResults.options()
        options.templatesDefault = templates
        let out = root.appendingPathComponent("pack")
        let error = #expect(throws: PackError.self) {
            try PackWriter.write(
                results: SampleResults.document(), catalogs: [], inputFiles: [], to: out, options: options)
        }
        guard case let .invalidXML(file, errors)? = error else {
            Issue.record("expected invalidXML, got \(String(describing: error))")
            return
        }
        #expect(file == PackLayout.xml)
        #expect(errors.contains { $0.contains("organisation") })
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    struct FailedAt: Error, Equatable { var path: String }

    /// findings.csv needs no digest, so it renders beside results.json: its failure, while
    /// results.json is still being written, leaves nothing; and when results.json fails too, later,
    /// results.json's error is the one reported, as when the files are written one by one.
    @Test(arguments: [false, true])
    func failureBesideResultsJSONLeavesNothing(resultsFailsToo: Bool) throws {
        let root = try Fixtures.temporaryFolder("nhi-beside")
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("pack")
        let csvFailed = DispatchSemaphore(value: 0)
        let besideResults = Flag()
        let options = SampleResults.options(afterWrite: { path in
            switch path {
            case PackLayout.findingsCSV:
                csvFailed.signal()
                throw FailedAt(path: path)
            case PackLayout.results:
                // results.json starts first (the others wait on its digest): with a second core,
                // findings.csv fails while it is held here.
                let cores = ProcessInfo.processInfo.activeProcessorCount
                besideResults.set(csvFailed.wait(timeout: .now() + (cores > 1 ? 10 : 0)) == .success)
                if resultsFailsToo { throw FailedAt(path: path) }
            default: break
            }
        })
        let error = #expect(throws: FailedAt.self) {
            try PackWriter.write(
                results: SampleResults.document(), catalogs: [], inputFiles: [], to: out, options: options)
        }
        #expect(error == FailedAt(path: resultsFailsToo ? PackLayout.results : PackLayout.findingsCSV))
        if ProcessInfo.processInfo.activeProcessorCount > 1 { #expect(besideResults.value) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).isEmpty, "pack or temporary folder left")
    }

    final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var stored = false
        func set(_ value: Bool) { lock.withLock { stored = value } }
        var value: Bool { lock.withLock { stored } }
    }

    @Test func failedForcedRewriteKeepsTheOldPack() throws {
        let fixture = try PackFixture()
        defer { fixture.remove() }
        let before = try fixture.data(PackLayout.manifest)
        var document = SampleResults.document()
        document.notices.append("second run")
        let options = SampleResults.options(
            force: true, afterWrite: { path in if path == PackLayout.html { throw InjectedFailure() } })
        #expect(throws: InjectedFailure.self) {
            try PackWriter.write(
                results: document, catalogs: [], inputFiles: fixture.inputs, to: fixture.pack, options: options)
        }
        #expect(try fixture.data(PackLayout.manifest) == before)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: fixture.root.path).sorted() == ["evidence", "pack"])
    }

    @Test func refusesToOverwriteWithoutForce() throws {
        let fixture = try PackFixture()
        defer { fixture.remove() }
        let error = #expect(throws: PackError.self) {
            try PackWriter.write(
                results: SampleResults.document(), catalogs: [], inputFiles: fixture.inputs, to: fixture.pack,
                options: SampleResults.options())
        }
        #expect(error == .outputExists(fixture.pack.path))

        var document = SampleResults.document()
        document.notices = ["replaced"]
        try PackWriter.write(
            results: document, catalogs: [], inputFiles: fixture.inputs, to: fixture.pack,
            options: SampleResults.options(force: true))
        #expect(try fixture.text(PackLayout.results).contains("replaced"))
        #expect(Verifier.verify(pack: fixture.pack, publicKey: nil).isEmpty)
    }

    @Test func optionsThatContradictTheResultsAreRefused() throws {
        let root = try Fixtures.temporaryFolder("nhi-consistency")
        defer { try? FileManager.default.removeItem(at: root) }
        var options = SampleResults.options()
        options.mappingDigest = String(repeating: "c", count: 64)
        let error = #expect(throws: PackError.self) {
            try PackWriter.write(
                results: SampleResults.document(), catalogs: [], inputFiles: [],
                to: root.appendingPathComponent("pack"), options: options)
        }
        #expect(error?.description.contains("mapping digest") == true)
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("pack").path))
    }

    @Test func forceNeverReplacesAFolderThatIsNotAPack() throws {
        let root = try Fixtures.temporaryFolder("nhi-force")
        defer { try? FileManager.default.removeItem(at: root) }
        let precious = root.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: precious, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: precious.appendingPathComponent("thesis.txt"))
        let error = #expect(throws: PackError.self) {
            try PackWriter.write(
                results: SampleResults.document(), catalogs: [], inputFiles: [], to: precious,
                options: SampleResults.options(force: true))
        }
        #expect(error == .notAPack(path: precious.path, reason: "it has no manifest.json"))
        #expect(FileManager.default.fileExists(atPath: precious.appendingPathComponent("thesis.txt").path))
    }
}
