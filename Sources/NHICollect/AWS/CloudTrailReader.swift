import Foundation
import NHIModel

/// CloudTrail logs: `{"Records":[…]}` files as delivered to S3, JSON arrays, JSON lines, each
/// optionally gzip-compressed. Streams event by event and aggregates into activity records
/// (identity × action × request fields × environment), so memory grows with distinct keys only.
public enum CloudTrailReader: EvidenceReader {
    public static let format = "aws-cloudtrail"
    public static let provides: Set<InputKind> = [.auditLog]

    /// Request field names kept per mutating event (the rest are summarised as `+more`).
    public static let maxRequestFields = 12
    static let notCloudTrail = "not a CloudTrail event (eventTime, eventSource or eventName missing)"

    public static func sniff(head: Data, fileName: String) -> Bool {
        head.range(of: Data("\"eventSource\"".utf8)) != nil && head.range(of: Data("\"eventName\"".utf8)) != nil
            && (head.range(of: Data("\"eventTime\"".utf8)) != nil || head.range(of: Data("\"awsRegion\"".utf8)) != nil)
    }

    public static func read(_ file: SourceFile, context: CollectContext, into builder: InventoryBuilder, ledger: inout LedgerEntry) throws {
        let buffer = StreamBuffer(source: try ByteSources.open(file.url, displayName: file.relativePath), displayName: file.relativePath)
        var stream = JSONRecordStream(buffer: buffer, file: file.relativePath)
        var aggregator = CloudTrailAggregator(file: file, context: context, builder: builder)
        var ticker = ProgressTicker(context.progress)
        var entry = ledger
        try stream.forEachRecord { bytes, line, index in
            let ref = file.ref(line: line, record: index)
            do throws(JSONScanError) {
                let event = try CloudTrailEvent.scan(bytes)
                if let reason = aggregator.add(event, evidence: ref) {
                    entry.reject(reason: reason, locator: ref.locator)
                } else {
                    entry.accept()
                }
            } catch {
                let column = index == nil ? ":\(error.offset + 1)" : " (byte \(error.offset))"
                entry.reject(reason: "malformed JSON: \(error.message)", locator: ref.locator + column)
            }
            ticker.record(storedBytes: buffer.storedBytesRead)
        }
        ticker.finish(storedBytes: buffer.storedBytesRead)
        if entry.accepted == 0, entry.rejected > 0,
           entry.rejections.allSatisfy({ $0.reason == notCloudTrail || $0.reason.hasPrefix("malformed JSON") }),
           entry.rejections.contains(where: { $0.reason == notCloudTrail }) {
            let first = entry.rejections.first { $0.reason == notCloudTrail }!.locators.first ?? file.relativePath
            throw CollectError(file: file.relativePath, message: "not CloudTrail: no record has eventTime, eventSource and eventName (first at \(first))")
        }
        if aggregator.withoutPrincipal > 0 {
            entry.notes.append("\(aggregator.withoutPrincipal) event(s) name no principal: counted for log coverage only")
        }
        ledger = entry
    }
}

/// Turns events into `InventoryBuilder.recordActivity` calls, memoising per-file lookups.
struct CloudTrailAggregator {
    let file: SourceFile
    let context: CollectContext
    let builder: InventoryBuilder
    private var environments: [String: String] = [:]
    private var actions: [String: String] = [:]
    private let principals = CloudTrailPrincipal.Cache()
    private(set) var withoutPrincipal = 0

    init(file: SourceFile, context: CollectContext, builder: InventoryBuilder) {
        self.file = file; self.context = context; self.builder = builder
    }

    /// Records the event; returns a rejection reason when it cannot be used.
    mutating func add(_ event: CloudTrailEvent, evidence: EvidenceRef) -> String? {
        guard let timeText = event.eventTime, let source = event.eventSource, let name = event.eventName,
              !source.isEmpty, !name.isEmpty else {
            return CloudTrailReader.notCloudTrail
        }
        guard let time = TimestampParser.parse(timeText) else { return "eventTime is not an ISO 8601 time" }
        let account = file.accountOverride ?? event.recipientAccountId ?? event.identity.accountId
        let environment = environment(for: account)
        guard let principal = CloudTrailPrincipal.of(event.identity, cache: principals) else {
            withoutPrincipal += 1
            builder.noteCoverage(environment: environment, platform: .aws, account: account, at: time, file: file.relativePath)
            return nil
        }
        let readOnly = event.readOnly ?? Self.looksReadOnly(name)
        builder.recordActivity(
            identity: principal.identity, platform: .aws, action: action(source: source, name: name),
            requestFields: readOnly ? [] : Self.requestFields(event.requestParameterNames),
            environment: environment, account: account, readOnly: readOnly, at: time,
            denied: Self.isDenied(event.errorCode), userAgent: event.userAgent, sourceIP: event.sourceIPAddress,
            credentialId: event.identity.accessKeyId, sessionName: principal.sessionName, actor: principal.actor,
            evidence: evidence, sourceFile: file.relativePath)
        return nil
    }

    private mutating func environment(for account: String?) -> String {
        let key = account ?? ""
        if let known = environments[key] { return known }
        let found = context.environment(platform: .aws, account: account, override: file.environmentOverride)
        environments[key] = found
        return found
    }

    /// `cloudformation.amazonaws.com` + `UpdateStack` → `cloudformation:UpdateStack`.
    private mutating func action(source: String, name: String) -> String {
        let key = source + "\u{1F}" + name
        if let known = actions[key] { return known }
        let service = source.split(separator: ".", maxSplits: 1).first.map(String.init) ?? source
        let action = "\(service):\(name)"
        if actions.count < 100_000 { actions[key] = action }
        return action
    }

    static func looksReadOnly(_ eventName: String) -> Bool {
        ["Get", "List", "Describe", "Head"].contains { eventName.hasPrefix($0) }
    }

    static func isDenied(_ errorCode: String?) -> Bool {
        guard let errorCode else { return false }
        return errorCode.hasPrefix("AccessDenied") || errorCode.hasSuffix("UnauthorizedOperation")
    }

    static func requestFields(_ names: [String]?) -> [String] {
        guard let names, !names.isEmpty else { return [] }
        guard names.count > CloudTrailReader.maxRequestFields else { return names }
        return Array(names.prefix(CloudTrailReader.maxRequestFields)) + ["+more"]
    }
}
