import Foundation
import NHIModel
import NHIPack
import TestSupport

/// A sample pack written into a fresh temporary folder.
struct PackFixture {
    let root: URL
    let evidence: URL
    let pack: URL
    let inputs: [PackInput]
    let summary: PackSummary

    init(options: PackOptions = SampleResults.options(), packName: String = "pack") throws {
        root = try Fixtures.temporaryFolder("nhi-pack-test")
        evidence = root.appendingPathComponent("evidence")
        pack = root.appendingPathComponent(packName)
        do {
            inputs = try SampleResults.inputs(in: evidence)
            summary = try PackWriter.write(
                results: SampleResults.document(), catalogs: SampleResults.catalogs(),
                inputFiles: inputs, to: pack, options: options)
        } catch {
            try? FileManager.default.removeItem(at: root)
            throw error
        }
    }

    func data(_ path: String) throws -> Data {
        try Data(contentsOf: pack.appendingPathComponent(path))
    }

    func text(_ path: String) throws -> String {
        String(decoding: try data(path), as: UTF8.self)
    }

    /// An XML file without the indentation between tags, for matching fragments.
    func compactXML(_ path: String) throws -> String {
        try text(path).replacingOccurrences(of: #">\s+<"#, with: "><", options: .regularExpression)
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }
}
