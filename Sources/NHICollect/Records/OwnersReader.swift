import Foundation
import NHIModel

/// owners.csv (docs/formats/records.md): who answers for each identity, and its purpose.
public enum OwnersReader: EvidenceReader {
    public static let format = "owners"
    public static let provides: Set<InputKind> = [.owners]

    public static func sniff(head: Data, fileName: String) -> Bool {
        let header = HeadSniff.csvHeader(HeadSniff.text(head))
        return header.isSuperset(of: ["identity", "owner"])
    }

    static let columns = ["identity", "owner", "team", "purpose", "environment", "approved_until", "kind"]

    /// Two rows for one identity (and environment) would leave its owner to file order: the file
    /// fails naming both rows.
    public static func read(
        _ file: SourceFile, context: CollectContext, into builder: InventoryBuilder, ledger: inout LedgerEntry
    ) throws {
        var firstRow: [String: String] = [:]
        var duplicate: (identity: String, first: String, second: EvidenceRef)?
        try RecordRows.forEach(file, requiredColumns: ["identity", "owner"], knownColumns: columns, ledger: &ledger) {
            (row: RecordRow) throws(RecordRejection) in
            let identity = try row.required("identity")
            let key = identity + "\u{0}" + (row.value("environment") ?? "")
            if let first = firstRow[key] {
                if duplicate == nil { duplicate = (identity, first, row.ref) }
                throw RecordRejection("second row for an identity already listed")
            }
            firstRow[key] = row.ref.line.map { "line \($0)" } ?? row.ref.locator
            var purpose: IdentityPurpose?
            if let text = row.value("purpose") {
                guard let known = IdentityPurpose(rawValue: text.lowercased()) else {
                    throw RecordRejection(
                        "unknown purpose (expected one of \(IdentityPurpose.allCases.map(\.rawValue).joined(separator: ", ")))"
                    )
                }
                purpose = known
            }
            let kind = row.value("kind")?.lowercased()
            if let kind, kind != "human" && kind != "nhi" { throw RecordRejection("kind is neither human nor nhi") }
            let environment = row.value("environment")
            if let environment, !RecordScope.knows(environment, context: context) {
                throw RecordRejection("environment is not declared in scope.yaml")
            }
            builder.addOwner(
                OwnerRecord(
                    identityRef: identity, owner: row.value("owner") ?? "", team: row.value("team"), purpose: purpose,
                    environment: environment, approvedUntil: try row.time("approved_until", endOfDay: true),
                    kindOverride: kind, evidence: row.ref))
        }
        if let duplicate {
            let second = duplicate.second.line.map { "line \($0)" } ?? duplicate.second.locator
            throw CollectError(
                file: file.relativePath, line: duplicate.second.line,
                message:
                    "identity \"\(duplicate.identity)\" is listed twice (\(duplicate.first) and \(second)); keep one row"
            )
        }
    }
}

/// Environment names in records must be the ones scope.yaml declares (when it declares any).
enum RecordScope {
    static func knows(_ environment: String, context: CollectContext) -> Bool {
        !context.scope.declared || context.scope.environments.isEmpty
            || context.scope.environments.contains { $0.name == environment } || environment == Scope.unknownEnvironment
    }
}
