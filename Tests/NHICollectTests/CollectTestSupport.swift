import Foundation
import NHICollect
import NHIModel
import TestSupport

/// Shared steps of the reader tests: collect a folder, find a ledger entry, stage shared fixtures.
enum CollectTestSupport {
    static func collect(_ folder: URL) throws -> Inventory {
        try Collector().collect(folder: folder)
    }

    static func entry(_ inventory: Inventory, _ file: String) -> LedgerEntry? {
        inventory.ledger.entries.first { $0.file == file }
    }

    /// Reasons and counts of an entry's rejections, for exact comparison.
    static func rejections(_ entry: LedgerEntry?) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: (entry?.rejections ?? []).map { ($0.reason, $0.count) })
    }

    /// A temporary evidence folder holding copies of shared fixture files (never copied into the
    /// repository) under `destination` paths, with an optional scope.yaml.
    static func stage(_ files: [(shared: String, destination: String)], scope: String? = nil) throws -> URL {
        let folder = try Fixtures.temporaryFolder("nhi-collect2")
        for (shared, destination) in files {
            guard let source = Fixtures.sharedFile(shared) else { continue }
            let target = folder.appendingPathComponent(destination)
            try FileManager.default.createDirectory(
                at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: source, to: target)
        }
        if let scope { try Data(scope.utf8).write(to: folder.appendingPathComponent("scope.yaml")) }
        return folder
    }

    /// Everything the inventory would carry onward, as the JSON nhi-audit writes.
    static func json(_ inventory: Inventory) throws -> String {
        String(decoding: try NHIJSON.encoder().encode(inventory), as: UTF8.self)
    }
}
