import Foundation
import NHIModel

/// The small values `CloudTrailAggregator` keeps per memo key, record and staged event.
extension CloudTrailAggregator {
    /// The id of a value an event does not have, in every memo table.
    static let absent = ValueId.absent
    /// The identity of a principal key seen but not resolved yet: apart from `absent` and every identity id.
    static let unresolvedIdentity: Int32 = -2
    /// The account of every event of a file with an account override: one key space.
    static let overrideAccount: Int32 = -2

    /// The slot of an account id (or `absent`, or `overrideAccount`) in the coverage tallies.
    @inline(__always)
    static func coverageSlot(_ account: Int32) -> Int { Int(account) + 2 }

    /// What each record counts, one `CounterBlocks` kind each.
    enum Counter: Int, ActivityCounterKind {
        case userAgent, sourceIP, credential, session, actor

        func set(_ counter: BoundedCounter, in activity: inout ActivityRecord) {
            switch self {
            case .userAgent: activity.userAgents = counter
            case .sourceIP: activity.sourceIPs = counter
            case .credential: activity.credentialIds = counter
            case .session: activity.sessionNames = counter
            case .actor: activity.actors = counter
            }
        }
    }

    /// How much the memo tables hold.
    struct MemoSize {
        var keys = 0
        var bytes = 0

        mutating func add(bytes count: Int) { keys += 1; bytes += count }

        mutating func add(parts: UnsafeBufferPointer<ByteSpan>) {
            keys += 1
            for part in parts { bytes += part.count }
        }
    }

    /// The caps of `ActivityRecord` and `BoundedCounter`, copied once per aggregator.
    struct Caps {
        let counterLimit = BoundedCounter().limit
        let maxWriteTimes = ActivityRecord.maxWriteTimes
        let maxExamples = ActivityRecord.maxExamples
    }

    /// One aggregated key and its tally.
    struct LocalRecord {
        let key: CloudTrailRecordKey
        var tally: ActivityTally
    }

    /// An accepted event on its way to being counted (`CloudTrailAggregator.stage`): its record's
    /// key (and, once looked up, the record), and what is counted.
    struct StagedCount {
        let key: CloudTrailRecordKey
        let readOnly, denied: Bool
        let time: Date
        let userAgent, sourceIP, credential, session, actor: Int32
        let line: Int
        let index: Int?
        var record = -1
    }

    /// The hashes `prefetchLookups` took, for the lookups that follow it.
    struct LookupHashes {
        var address: UInt64 = 0
        var credential: UInt64 = 0
        var principal: UInt64 = 0
        var arnDecides = false
    }

    /// The ids the aggregator derives from an event's userIdentity fields alone.
    struct IdentityDerived {
        var account, credential, principal: Int32

        static let none = IdentityDerived(account: absent, credential: absent, principal: absent)
    }

    /// The identity a principal key stands for, with its session and actor names (interned).
    struct Principal {
        var identity, session, actor: Int32

        /// The event names no principal.
        static let none = Principal(identity: absent, session: absent, actor: absent)
        /// A key seen, its principal not resolved yet (`principal(_:)` resolves it on first use).
        static let unresolved = Principal(identity: unresolvedIdentity, session: absent, actor: absent)

        var isUnresolved: Bool { identity == Self.unresolved.identity }
    }
}
