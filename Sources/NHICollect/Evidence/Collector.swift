import Foundation
import NHIModel

/// Reads an evidence folder into an `Inventory`: sniffs or looks up each file's format, runs its
/// reader (files in parallel), accounts for every record in the ledger, then resolves identities.
public struct Collector: Sendable {
    public struct Options: Sendable {
        /// Record unreadable files as failed in the ledger instead of stopping.
        public var keepGoing: Bool
        public var readers: [any EvidenceReader.Type]
        /// Counters for a progress display; readers advance them while streaming.
        public var progress: IngestProgress?
        /// Read files that symbolic links point to outside the evidence folder (`EvidenceListing`).
        public var followSymlinks: Bool
        /// Silences in an audit source longer than this many hours are gaps (the policy's `audit_gap_hours`).
        public var auditGapHours: Double
        /// How many files are read at once: one per core when nil. What is read does not depend on it.
        public var workers: Int?
        public init(
            keepGoing: Bool = false, readers: [any EvidenceReader.Type] = ReaderRegistry.all,
            progress: IngestProgress? = nil,
            followSymlinks: Bool = false, auditGapHours: Double = Policy.defaults.auditGapHours, workers: Int? = nil
        ) {
            self.keepGoing = keepGoing; self.readers = readers; self.progress = progress;
            self.followSymlinks = followSymlinks
            self.auditGapHours = auditGapHours; self.workers = workers
        }
    }

    /// Files in an evidence folder that belong to the assessment stage, not to a reader.
    public static let assessmentFiles: Set<String> = ["waivers.yaml", "attestations.yaml", "policy.yaml"]

    public var options: Options
    public init(options: Options = Options()) { self.options = options }

    public func collect(folder: URL) throws -> Inventory {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue
        else {
            throw CollectError(
                file: folder.path,
                message: "evidence folder not found (give a folder of exports, e.g. evidence/northwind/2026-Q4)")
        }
        let root = folder.standardizedFileURL
        let listing = try EvidenceListing.list(
            root, followSymlinks: options.followSymlinks,
            named: Self.assessmentFiles.union([ScopeFile.fileName]))
        let scopeURL = root.appendingPathComponent(ScopeFile.fileName)
        let scopeFile: ScopeFile? =
            FileManager.default.fileExists(atPath: scopeURL.path)
            ? try ScopeFile.load(scopeURL, displayName: ScopeFile.fileName) : nil
        let scope = scopeFile?.scope ?? Scope(organisation: root.lastPathComponent)
        let context = CollectContext(scope: scope, progress: options.progress)

        var skipped = listing.skipped
        var plans: [(SourceFile, any EvidenceReader.Type)] = []
        let files = listing.files.map { relative in
            (
                relative: relative, url: root.appendingPathComponent(relative),
                rule: scopeFile?.sources.first { Glob($0.path).matches(relative) }
            )
        }
        let surveys = FileSurvey.survey(
            files.map(\.url), names: files.map(\.relative),
            sniffing: files.map {
                $0.rule?.format == nil && $0.relative != ScopeFile.fileName
                    && !Self.assessmentFiles.contains($0.relative)
            }, readers: options.readers)
        for ((relative, url, rule), survey) in zip(files, surveys) {
            let through = listing.links[relative].map { ", through a symbolic link to \($0)" } ?? ""
            if relative == ScopeFile.fileName {
                if !through.isEmpty {
                    skipped.append(SkippedFile(file: relative, reason: "read as the scope\(through)"))
                }
                continue
            }
            if Self.assessmentFiles.contains(relative) {
                skipped.append(SkippedFile(file: relative, reason: "read by the assessment stage\(through)"))
                continue
            }
            if let archive = survey.archive {
                try planMembers(
                    of: archive, archive: (relative, url), scopeFile: scopeFile, through: through, plans: &plans,
                    skipped: &skipped)
                continue
            }
            let reader = try rule?.format.map { try self.reader(named: $0, for: rule!.path) } ?? survey.sniffed!.get()
            guard let reader else {
                let reason = survey.unrecognised ?? "no reader recognises its content"
                skipped.append(SkippedFile(file: relative, reason: reason + through))
                continue
            }
            // The SHA-256 is computed by the worker that reads the file (by the reader itself when it
            // can hash while streaming), so hashing runs on all cores too.
            let source = SourceFile(
                url: url, relativePath: relative, sha256: "", size: survey.size,
                environmentOverride: rule?.environment, accountOverride: rule?.account)
            plans.append((source, reader))
        }

        options.progress?.begin(totalBytes: plans.reduce(0) { $0 + $1.0.size })
        let builder = InventoryBuilder()
        if scopeFile != nil && !scope.environments.isEmpty { builder.markInput([.scope]) }
        let merge = OrderedMerge(into: builder, keepGoing: options.keepGoing)
        Self.readAll(
            plans, context: context, merge: merge,
            workers: options.workers ?? ProcessInfo.processInfo.activeProcessorCount, keepGoing: options.keepGoing)
        if let error = merge.stop { throw error }
        var entries = merge.entries.map { entry in
            var entry = entry
            entry.link = listing.links[entry.file]
            return entry
        }
        let integrity = LogIntegrityVerifier(root: root, context: context).verify(builder.integrity, ledger: &entries)
        var inventory = IdentityResolver(scope: scope, gapHours: options.auditGapHours)
            .finish(builder, ledger: IngestLedger(entries: entries, skipped: skipped.sorted { $0.file < $1.file }))
        inventory.logIntegrity = integrity
        // What the inventory did not take over (the identities' table, the IAM and RBAC facts) is
        // freed on another thread: freed here, it held up detection on one core.
        ReleaseElsewhere.release((consume builder, consume merge))
        return inventory
    }

    /// The reader scope.yaml's `sources` entry for `path` names.
    func reader(named format: String, for path: String) throws -> any EvidenceReader.Type {
        guard let named = options.readers.first(where: { $0.format == format }) else {
            throw CollectError(
                file: ScopeFile.fileName,
                message:
                    "unknown format \"\(format)\" for source \"\(path)\"; known formats: \(options.readers.map { $0.format }.sorted().joined(separator: ", "))"
            )
        }
        return named
    }

    fileprivate struct ReadFailure: Error {
        var error: CollectError
        var entry: LedgerEntry
        /// What the file would have provided, so that a rule missing it can say the file failed.
        var provides: Set<InputKind>
    }

    /// Most stored bytes, and most files, in one run of files read by one worker (`runs`). Runs of
    /// many files keep the reader's memo tables longer; shorter ones share the files out more
    /// evenly between the cores at the end.
    public static let maxRunBytes: Int64 = 16 << 20
    public static let maxRunFiles = 64
    /// How far (in files) a worker may start ahead of the first file not yet merged: what is read
    /// ahead waits in memory for the files before it, so this bounds memory whatever the number of files.
    static let maxFilesAhead = 2 * maxRunFiles

    /// The files (their stored sizes and readers, in reading order) as runs that one worker reads
    /// one after the other, sharing a `ReaderCarry`: consecutive files of a reader that
    /// `carriesAcrossFiles`, up to `maxRunBytes` or `maxRunFiles`; every other file is a run of its
    /// own. Runs depend on the files alone, not on how many cores read them, so a run's carry is
    /// the same on every machine.
    public static func runs(of files: [(size: Int64, reader: any EvidenceReader.Type)]) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        var start = 0, bytes: Int64 = 0
        for (index, file) in files.enumerated() {
            if index > start {
                let joins =
                    file.reader.carriesAcrossFiles
                    && ObjectIdentifier(file.reader) == ObjectIdentifier(files[start].reader)
                    && bytes + file.size <= maxRunBytes && index - start < maxRunFiles
                if !joins {
                    runs.append(start..<index)
                    start = index
                    bytes = 0
                }
            }
            bytes += file.size
        }
        if !files.isEmpty { runs.append(start..<files.count) }
        return runs
    }

    /// Reads runs of files (`runs`) on all cores, handing each file's result to `merge` (which
    /// folds them in file order), and the activity a run's files left in its carry after its last.
    private static func readAll(
        _ plans: [(SourceFile, any EvidenceReader.Type)], context: CollectContext, merge: OrderedMerge,
        workers: Int, keepGoing: Bool
    ) {
        let runs = Self.runs(of: plans.map { (size: $0.0.size, reader: $0.1) })
        let principals = CloudTrailPrincipalMemo()
        DispatchQueue.concurrentPerform(iterations: max(1, min(runs.count, workers))) { _ in
            while let run = merge.take(runs, window: maxFilesAhead) {
                var carry = ReaderCarry(principals: principals)
                // The first file whose activity the carry holds.
                var first = run.lowerBound
                for index in run {
                    // After a failure that stops the run, reading later files is wasted work.
                    guard !merge.isStopped else { return }
                    let result = read(plans[index], context: context, carry: carry)
                    var activity: [InventoryBuilder] = []
                    if case .failure = result {
                        // The carry went with the failure: what the files before it left there is
                        // read again without it (only when the collection goes on past it).
                        if keepGoing {
                            activity = Self.activity(of: first..<index, plans, context: context, carry: carry)
                        }
                        carry = ReaderCarry(principals: principals)
                        first = index + 1
                    } else if index == run.upperBound - 1, let last = carry.finishRun() {
                        activity = [last]
                    }
                    merge.deliver(index, result, then: activity)
                }
            }
        }
    }

    /// The activity of `files` (whose results were delivered) read again one after the other
    /// with one carry (sharing what `shared` shares with the collection's others), leaving out any
    /// that fails now.
    private static func activity(
        of files: Range<Int>, _ plans: [(SourceFile, any EvidenceReader.Type)], context: CollectContext,
        carry shared: ReaderCarry
    ) -> [InventoryBuilder] {
        var quiet = context
        quiet.progress = nil
        let carry = ReaderCarry(principals: shared.cloudTrailPrincipals)
        for index in files {
            if case .failure = read(plans[index], context: quiet, carry: carry) {
                return activity(of: files.lowerBound..<index, plans, context: context, carry: carry)
                    + activity(of: index + 1..<files.upperBound, plans, context: context, carry: carry)
            }
        }
        return carry.finishRun().map { [$0] } ?? []
    }

    private static func read(
        _ plan: (SourceFile, any EvidenceReader.Type), context: CollectContext, carry: ReaderCarry
    ) -> Result<(InventoryBuilder, LedgerEntry), ReadFailure> {
        var (source, reader) = plan
        let builder = InventoryBuilder()
        do {
            if source.member != nil || !(reader is any StreamingDigestReader.Type) {
                let digest = try FileDigest.sha256(of: source)
                source.sha256 = digest.hex
                source.size = digest.size
            }
            var entry = LedgerEntry(
                file: source.relativePath, format: reader.format, sha256: source.sha256, size: source.size)
            try reader.read(source, context: context, into: builder, ledger: &entry, carry: carry)
            builder.recordContribution(file: source.relativePath, provides: reader.provides, ledger: &entry)
            return .success((builder, entry))
        } catch {
            // A file that failed part way leaves nothing for the next to carry on from.
            carry.cloudTrail = nil
            let collectError =
                (error as? CollectError)
                ?? CollectError(
                    file: source.relativePath, message: "cannot read the file (\(FileErrorText.reason(error)))")
            if source.sha256.isEmpty, let digest = try? FileDigest.sha256(of: source) {
                source.sha256 = digest.hex
                source.size = digest.size
            }
            var failed = LedgerEntry(
                file: source.relativePath, format: reader.format, sha256: source.sha256, size: source.size,
                status: .failed)
            failed.error = collectError.description
            return .failure(ReadFailure(error: collectError, entry: failed, provides: reader.provides))
        }
    }

    /// Regular, non-hidden files below `root`, as sorted relative paths.
    static func listFiles(_ root: URL) throws -> [String] {
        try EvidenceListing.walk(root).files
    }
}

/// A reader that, given a `SourceFile` without `sha256`, hashes the file while it streams it (one
/// read instead of two) and reports the digest and size in the ledger entry.
public protocol StreamingDigestReader: EvidenceReader {}

/// Folds per-file results into one builder in file order as soon as each is ready, so memory
/// holds the merged inventory and the files in flight, not every file's partial result; the
/// outcome is the same whatever order the threads finish in. One thread at a time folds, outside
/// the lock: a worker delivering while another folds leaves its result and reads on instead of
/// waiting for the fold (a run's activity takes a while).
private final class OrderedMerge: @unchecked Sendable {
    private let lock = NSCondition()
    private let builder: InventoryBuilder
    private let keepGoing: Bool
    private var pending: [Int: (Result<(InventoryBuilder, LedgerEntry), Collector.ReadFailure>, [InventoryBuilder])] =
        [:]
    /// The next file to fold, counted once it is folded.
    private var next = 0
    private var nextRun = 0
    /// Whether a thread is folding: `builder` and `entries` are its alone until it is done.
    private var folding = false
    private(set) var entries: [LedgerEntry] = []
    /// The first failure in file order, when it stops the run.
    private(set) var stop: CollectError?

    init(into builder: InventoryBuilder, keepGoing: Bool) { self.builder = builder; self.keepGoing = keepGoing }

    var isStopped: Bool { lock.withLock { stop != nil } }

    /// The next run of `runs` to read, in order, once no more than `window` files before its first
    /// wait to be merged; nil when all are taken or the collection stopped. Handed out in order, the
    /// run holding the next file to merge is always being read, so waiting cannot block it.
    func take(_ runs: [Range<Int>], window: Int) -> Range<Int>? {
        lock.withLock {
            guard nextRun < runs.count else { return nil }
            let run = runs[nextRun]
            nextRun += 1
            while stop == nil && run.lowerBound - next > window { lock.wait() }
            return stop == nil ? run : nil
        }
    }

    /// The result of file `index`, and builders to fold in after it (the activity of its run).
    /// Folds every result that is next in file order, unless another thread is folding: that one
    /// takes this result too, as it looks for the next one under the lock before it stops.
    func deliver(
        _ index: Int, _ result: Result<(InventoryBuilder, LedgerEntry), Collector.ReadFailure>,
        then after: [InventoryBuilder]
    ) {
        lock.lock()
        pending[index] = (result, after)
        guard !folding else { return lock.unlock() }
        folding = true
        while stop == nil, let (ready, after) = pending.removeValue(forKey: next) {
            lock.unlock()
            let failure = fold(ready, then: after)
            lock.lock()
            if let failure { stop = failure }
            next += 1
            lock.broadcast()
        }
        folding = false
        lock.unlock()
    }

    /// Folds one file's result and the builders after it into `builder`; the error that stops
    /// the collection, when it is a failure and the collection does not go on past failures.
    private func fold(
        _ ready: Result<(InventoryBuilder, LedgerEntry), Collector.ReadFailure>, then after: [InventoryBuilder]
    ) -> CollectError? {
        switch ready {
        case let .success((partial, entry)):
            builder.merge(partial)
            entries.append(entry)
        case let .failure(failure):
            guard keepGoing else { return failure.error }
            entries.append(failure.entry)
            builder.recordFailure(file: failure.entry.file, provides: failure.provides)
        }
        for activity in after { builder.merge(activity) }
        return nil
    }
}
