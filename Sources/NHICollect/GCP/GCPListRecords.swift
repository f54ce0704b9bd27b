import Foundation
import NHIModel

/// The objects of a `gcloud … list --format=json` array, each decoded on its own so that a bad one
/// is rejected alone with its position.
enum GCPListRecords {
    /// Calls `add` with each object that decodes as `T`; it returns why it rejects one, or nil.
    static func forEach<T: Decodable>(
        _ file: SourceFile, as type: T.Type, invalid: String, ledger: inout LedgerEntry,
        _ add: (T, EvidenceRef) -> String?
    ) throws {
        let data = try file.mappedContents()
        let decoder = JSONDecoder()
        try JSONRecordSplitter.forEach(in: data, file: file.relativePath) { record in
            let ref = file.ref(line: record.index == nil ? record.line : nil, record: record.index)
            guard let object = try? decoder.decode(T.self, from: record.bytes) else {
                return ledger.reject(reason: invalid, locator: ref.locator)
            }
            if let rejection = add(object, ref) {
                ledger.reject(reason: rejection, locator: ref.locator)
            } else {
                ledger.accept()
            }
        }
    }
}
