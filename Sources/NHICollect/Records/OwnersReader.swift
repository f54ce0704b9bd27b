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

    public static func read(_ file: SourceFile, context: CollectContext, into builder: InventoryBuilder, ledger: inout LedgerEntry) throws {
        try RecordRows.forEach(file, requiredColumns: ["identity", "owner"], ledger: &ledger) { (row: RecordRow) throws(RecordRejection) in
            let identity = try row.required("identity")
            var purpose: IdentityPurpose?
            if let text = row.value("purpose") {
                guard let known = IdentityPurpose(rawValue: text.lowercased()) else {
                    throw RecordRejection("unknown purpose (expected one of \(IdentityPurpose.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                purpose = known
            }
            let kind = row.value("kind")?.lowercased()
            if let kind, kind != "human" && kind != "nhi" { throw RecordRejection("kind is neither human nor nhi") }
            let environment = row.value("environment")
            if let environment, !RecordScope.knows(environment, context: context) {
                throw RecordRejection("environment is not declared in scope.yaml")
            }
            builder.addOwner(OwnerRecord(
                identityRef: identity, owner: row.value("owner") ?? "", team: row.value("team"), purpose: purpose,
                environment: environment, approvedUntil: try row.time("approved_until", endOfDay: true),
                kindOverride: kind, evidence: row.ref))
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
