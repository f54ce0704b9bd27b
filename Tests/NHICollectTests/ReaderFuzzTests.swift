import Foundation
import NHICollect
import NHIModel
import Testing
import TestSupport

/// Seed-corpus mutation of every reader (docs/ARCHITECTURE.md, "Fuzzing"): each export of
/// Tests/Fixtures, evidence/northwind and ../shared/fixtures (when present) is mutated a fixed
/// number of times with a fixed seed and collected with `--keep-going`. Nothing may trap (a trap
/// ends the test process), and every file's ledger entry keeps read = accepted + rejected.
@Suite struct ReaderFuzzTests {
    static let mutantsPerSeed = 3
    static let batch = 60

    static var seeds: [(relative: String, url: URL)] {
        var seeds: [(relative: String, url: URL)] = []
        func add(_ folder: URL, _ label: String) {
            for file in SeedMutator.files(under: folder)
            where !file.relative.hasSuffix(".md") && file.url.lastPathComponent != "scope.yaml" {
                seeds.append((label + file.relative, file.url))
            }
        }
        add(Fixtures.own(""), "fixtures/")
        add(Fixtures.packageRoot.appendingPathComponent("evidence/northwind"), "northwind/")
        if let shared = Fixtures.shared { add(shared, "shared/") }
        return seeds
    }

    @Test func mutatedExportsNeverTrapAndLedgersBalance() throws {
        var mutator = SeedMutator(seed: 0x6E68_6961_7564_6974)
        var mutants: [(String, [UInt8])] = []
        for (index, seed) in Self.seeds.enumerated() {
            let bytes = SeedMutator.seedBytes(seed.url)
            for round in 0..<Self.mutantsPerSeed {
                // The file name is kept (some formats are recognised by it); the folder keeps mutants apart.
                mutants.append(("m\(index)-\(round)/\(seed.url.lastPathComponent)", mutator.mutate(bytes)))
            }
        }
        #expect(mutants.count >= 300, "seed corpus unexpectedly small: \(mutants.count) mutants")
        var files = 0
        for start in stride(from: 0, to: mutants.count, by: Self.batch) {
            let folder = try Fixtures.temporaryFolder("nhi-fuzz")
            for (path, bytes) in mutants[start..<min(mutants.count, start + Self.batch)] {
                let url = folder.appendingPathComponent(path)
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(bytes).write(to: url)
            }
            let inventory = try Collector(options: .init(keepGoing: true)).collect(folder: folder)
            for entry in inventory.ledger.entries {
                files += 1
                #expect(
                    entry.isBalanced,
                    "\(entry.file): read \(entry.read) ≠ accepted \(entry.accepted) + rejected \(entry.rejected)")
                if let error = entry.error { #expect(!error.contains("\n"), "\(entry.file): a multi-line error") }
            }
            try? FileManager.default.removeItem(at: folder)
        }
        #expect(files > 0)
    }

    @Test func mutatedScopeFilesNeverTrap() throws {
        var mutator = SeedMutator(seed: 0x7363_6F70_65)
        let seeds =
            (SeedMutator.files(under: Fixtures.own(""))
            + SeedMutator.files(under: Fixtures.packageRoot.appendingPathComponent("evidence/northwind")))
            .filter { $0.url.lastPathComponent == "scope.yaml" }
        #expect(!seeds.isEmpty)
        let folder = try Fixtures.temporaryFolder("nhi-fuzz-scope")
        for seed in seeds {
            let bytes = SeedMutator.seedBytes(seed.url)
            for _ in 0..<40 {
                let url = folder.appendingPathComponent("scope.yaml")
                try Data(mutator.mutate(bytes)).write(to: url)
                do { _ = try ScopeFile.load(url, displayName: "scope.yaml") } catch let error as CollectError {
                    #expect(!error.description.contains("\n"))
                }
            }
        }
    }
}
