import Foundation

/// The account of one source file: every record read is either accepted or rejected with a reason.
public struct LedgerEntry: Hashable, Codable, Sendable {
    public enum Status: String, Codable, Sendable { case ok, failed }

    public struct Rejection: Hashable, Codable, Sendable {
        public var reason: String
        public var count: Int
        /// The first few `file:line` (or `file#record`) locators.
        public var locators: [String]
        public init(reason: String, count: Int = 0, locators: [String] = []) {
            self.reason = reason; self.count = count; self.locators = locators
        }
    }

    public static let maxLocators = 5

    /// Path relative to the evidence folder.
    public var file: String
    public var format: String
    public var sha256: String
    public var size: Int64
    public var status: Status
    public var read: Int
    public var accepted: Int
    public var rejected: Int
    public var rejections: [Rejection]
    /// The earliest time an accepted record of the file states (nil when its records carry none).
    public var firstRecordAt: Date?
    /// The latest time an accepted record of the file states (nil when its records carry none).
    public var lastRecordAt: Date?
    /// The error that made the file fail (only with `--keep-going`).
    public var error: String?
    /// Records that were read and understood but deliberately not used (e.g. an earlier audit stage
    /// of a request already counted at ResponseComplete), by reason, counted inside `accepted`; and
    /// why a file contributed nothing to the audit (no records, or every record rejected), and what
    /// was established about the file as a whole (`integrity: …`, from CloudTrail digests).
    public var notes: [String]
    /// Set when the file is a symbolic link: the file it points to and that was read, relative to
    /// the evidence folder, or absolute when outside it (read only with `--follow-symlinks`).
    public var link: String?

    public init(file: String, format: String, sha256: String, size: Int64, status: Status = .ok) {
        self.file = file; self.format = format; self.sha256 = sha256; self.size = size; self.status = status
        self.read = 0; self.accepted = 0; self.rejected = 0; self.rejections = []; self.error = nil; self.notes = []
        self.firstRecordAt = nil; self.lastRecordAt = nil
    }

    public mutating func accept(_ n: Int = 1) { read += n; accepted += n }

    public mutating func reject(reason: String, locator: String) {
        read += 1; rejected += 1
        if let index = rejections.firstIndex(where: { $0.reason == reason }) {
            rejections[index].count += 1
            if rejections[index].locators.count < Self.maxLocators { rejections[index].locators.append(locator) }
        } else {
            rejections.append(Rejection(reason: reason, count: 1, locators: [locator]))
        }
    }

    /// read == accepted + rejected: nothing is dropped silently.
    public var isBalanced: Bool { read == accepted + rejected }
}

/// A file in the evidence folder that no reader handles (a README, an attestation document):
/// listed, so that nothing is passed over silently.
public struct SkippedFile: Hashable, Codable, Sendable {
    public var file: String
    public var reason: String
    public init(file: String, reason: String) { self.file = file; self.reason = reason }
}

public struct IngestLedger: Hashable, Codable, Sendable {
    public var entries: [LedgerEntry]
    public var skipped: [SkippedFile]
    public init(entries: [LedgerEntry] = [], skipped: [SkippedFile] = []) {
        self.entries = entries; self.skipped = skipped
    }

    public var totalRead: Int { entries.reduce(0) { $0 + $1.read } }
    public var totalAccepted: Int { entries.reduce(0) { $0 + $1.accepted } }
    public var totalRejected: Int { entries.reduce(0) { $0 + $1.rejected } }
    public var failedFiles: [LedgerEntry] { entries.filter { $0.status == .failed } }
}
