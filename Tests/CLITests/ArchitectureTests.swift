import Foundation
import Testing
import TestSupport

/// The import rule of docs/ARCHITECTURE.md: each target imports only the model, the stages before
/// it and its own libraries, so no stage reaches back up the pipeline.
@Suite struct ArchitectureTests {
    /// Platform modules any target except the model may import.
    static let platform: Set<String> = [
        "Foundation", "FoundationEssentials", "Dispatch", "Glibc", "Musl", "Darwin", "Synchronization",
    ]

    static let allowed: [String: Set<String>] = [
        "NHIModel": ["Foundation", "FoundationEssentials"],
        "NHIFiles": platform.union(["NHIModel", "Crypto"]),
        "NHICollect": platform.union([
            "NHIModel", "NHIFiles", "Yams", "CZlib", "CJSONScan", "Crypto", "CryptoExtras",
        ]),
        "NHIDetect": platform.union(["NHIModel"]),
        "NHIFrameworks": platform.union(["NHIModel", "NHIFiles", "Yams"]),
        "NHIPack": platform.union(["NHIModel", "NHIFiles", "Mustache", "Crypto", "CLibXML2"]),
        "nhi-audit": platform.union([
            "NHIModel", "NHICollect", "NHIDetect", "NHIFrameworks", "NHIPack", "ArgumentParser",
        ]),
        "nhi-bench": platform.union(["NHIModel", "NHICollect"]),
        "nhi-fuzz": platform.union(["NHIModel", "NHICollect"]),
        "nhi-embed": platform,
    ]

    /// Module names imported by Swift source text (plain, `@testable`, `@preconcurrency` and `import struct M.T` forms).
    static func imports(in source: String) -> [String] {
        let pattern =
            #/^\s*(?:@\w+\s+)*import\s+(?:(?:typealias|struct|class|enum|protocol|let|var|func)\s+)?([A-Za-z_][A-Za-z0-9_]*)/#
        return source.split(separator: "\n", omittingEmptySubsequences: false).compactMap { line in
            (try? pattern.prefixMatch(in: line)).flatMap { $0 }.map { String($0.1) }
        }
    }

    static func swiftFiles(of target: String) -> [URL] {
        let root = Fixtures.packageRoot.appendingPathComponent("Sources/\(target)")
        let files =
            FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        return files.filter { $0.pathExtension == "swift" }.sorted { $0.path < $1.path }
    }

    @Test func importLinesAreRecognised() {
        let source =
            "import Foundation\n@testable import NHIModel\n@preconcurrency import struct Yams.Node\n// import Hidden\nlet important = 1\n"
        #expect(Self.imports(in: source) == ["Foundation", "NHIModel", "Yams"])
    }

    @Test func everySwiftTargetIsCovered() throws {
        let sources = Fixtures.packageRoot.appendingPathComponent("Sources")
        let targets = try FileManager.default.contentsOfDirectory(atPath: sources.path).filter {
            !Self.swiftFiles(of: $0).isEmpty
        }
        #expect(
            Set(targets) == Set(Self.allowed.keys), "a Swift target without an import rule, or a rule without a target")
    }

    @Test(arguments: allowed.keys.sorted())
    func targetImportsOnlyWhatItMay(target: String) throws {
        let allowed = try #require(Self.allowed[target])
        let files = Self.swiftFiles(of: target)
        #expect(!files.isEmpty)
        for file in files {
            let source = try String(contentsOf: file, encoding: .utf8)
            for module in Self.imports(in: source) where !allowed.contains(module) {
                Issue.record(
                    "\(file.path.replacingOccurrences(of: Fixtures.packageRoot.path + "/", with: "")) imports \(module), which \(target) may not import"
                )
            }
        }
    }
}
