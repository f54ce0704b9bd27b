import Foundation
import NHIModel

/// CloudTrail logs: `{"Records":[…]}` files as delivered to S3, JSON arrays, JSON lines, each
/// optionally gzip-compressed. Streams event by event and aggregates into activity records
/// (identity × action × request fields × environment), so memory grows with distinct keys only.
public enum CloudTrailReader: StreamingDigestReader {
    public static let format = "aws-cloudtrail"
    public static let provides: Set<InputKind> = [.auditLog]

    /// Request field names kept per mutating event (the rest are summarised as `+more`).
    public static let maxRequestFields = 12
    static let notCloudTrail = "not a CloudTrail event (eventTime, eventSource or eventName missing)"

    public static func sniff(head: Data, fileName: String) -> Bool {
        HeadSniff.contains(head, "\"eventSource\"") && HeadSniff.contains(head, "\"eventName\"")
            && (HeadSniff.contains(head, "\"eventTime\"") || HeadSniff.contains(head, "\"awsRegion\""))
    }

    /// Hashes the file while reading it when `file.sha256` is empty (as the collector passes it),
    /// and sets the ledger entry's `sha256` and `size`.
    public static func read(
        _ file: SourceFile, context: CollectContext, into builder: InventoryBuilder, ledger: inout LedgerEntry
    ) throws {
        let carry = ReaderCarry()
        try read(file, context: context, into: builder, ledger: &ledger, carry: carry)
        if let activity = carry.finishRun() { builder.merge(activity) }
    }

    /// The aggregator's memo tables (principals, actions, request shapes, counted values) and its
    /// activity records go from one file to the next (`CarryingReader`): S3 delivers a trail as many
    /// small files naming the same principals, and their activity is handed over once per run
    /// (`ReaderCarry.finishRun`), not once per file.
    static func read(
        _ file: SourceFile, context: CollectContext, into builder: InventoryBuilder, ledger: inout LedgerEntry,
        carry: ReaderCarry
    ) throws {
        try read(
            file, context: context, into: builder, ledger: &ledger, carry: carry, splitFrom: LineSplit.minimumBytes)
    }

    /// A JSON-lines file of at least `minimum` bytes (`LineSplit`) is read in two parts, the second
    /// on a thread of its own, and the second part's aggregates are folded into the first's as if
    /// read after them.
    static func read(
        _ file: SourceFile, context: CollectContext, into builder: InventoryBuilder, ledger: inout LedgerEntry,
        carry: ReaderCarry, splitFrom minimum: Int64
    ) throws {
        // Taken out of the carry, so that its tables are not shared (and copied on write); put back
        // only when the file was read to its end.
        var aggregator: CloudTrailAggregator
        if var carried = carry.cloudTrail {
            carry.cloudTrail = nil
            carried.begin(file: file, builder: builder, ledger: ledger)
            aggregator = carried
        } else {
            aggregator = CloudTrailAggregator(
                file: file, context: context, principals: carry.cloudTrailPrincipals, builder: builder,
                activity: InventoryBuilder(), ledger: ledger)
        }
        let cut = try LineSplit.offset(of: file, minimum: minimum)
        let second = cut.map {
            CloudTrailSecondPart(file, from: $0, context: context, principals: carry.cloudTrailPrincipals)
        }
        defer { second?.wait() }
        // With a second part, the digest covers its bytes too, hashed while the other thread reads them.
        let (sha256, lineAfter) = try AuditLogAggregation.read(
            file, into: &aggregator, progress: context.progress, limit: cut)
        aggregator.finishFile(sha256: sha256)
        var entry = aggregator.ledger
        var times = aggregator.recordTimes
        var withoutPrincipal = aggregator.withoutPrincipal
        if let second {
            var part = try second.result()
            part.aggregator.flush(sha256: sha256)
            part.placed(at: lineAfter, file: file.relativePath)
            // The second part's records continue the first's: those go first.
            aggregator.flushActivity()
            aggregator.activityBuilder.append(laterPartOf: part.aggregator.activityBuilder)
            builder.append(laterPartOf: part.builder)
            entry.append(part.entry)
            times.note(part.aggregator.recordTimes)
            withoutPrincipal += part.aggregator.withoutPrincipal
        }
        times.apply(to: &entry)
        if entry.accepted == 0, entry.rejected > 0,
            entry.rejections.allSatisfy({ $0.reason == notCloudTrail || $0.reason.hasPrefix("malformed JSON") }),
            entry.rejections.contains(where: { $0.reason == notCloudTrail })
        {
            let first = entry.rejections.first { $0.reason == notCloudTrail }!.locators.first ?? file.relativePath
            throw CollectError(
                file: file.relativePath,
                message: "not CloudTrail: no record has eventTime, eventSource and eventName (first at \(first))")
        }
        if withoutPrincipal > 0 {
            entry.notes.append("\(withoutPrincipal) event(s) name no principal: counted for log coverage only")
        }
        ledger = entry
        carry.cloudTrail = aggregator
    }
}

extension CloudTrailReader {
    static func looksReadOnly(_ eventName: String) -> Bool {
        ["Get", "List", "Describe", "Head"].contains { eventName.hasPrefix($0) }
    }

    static func isDenied(_ errorCode: String?) -> Bool {
        guard let errorCode else { return false }
        return errorCode.hasPrefix("AccessDenied") || errorCode.hasSuffix("UnauthorizedOperation")
    }

    /// Sorted names, capped at `maxRequestFields` (then `+more`).
    static func requestFields(_ names: [String]?) -> [String] {
        guard let names, !names.isEmpty else { return [] }
        guard names.count > maxRequestFields else { return names }
        return Array(names.prefix(maxRequestFields)) + ["+more"]
    }
}
