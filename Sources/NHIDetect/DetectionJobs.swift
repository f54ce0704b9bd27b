import Foundation

/// One piece of a detection run that reads the context only: a rule or a view.
struct DetectionJob: Sendable {
    var name: String
    var work: @Sendable () -> Void
}

/// How detection jobs are run: `concurrent` on every core (`concurrentPerform` hands out iterations
/// in index order, so jobs start in the order given), `sequential` one after another in the order
/// given. The order changes when each job runs, never what the run returns: outputs go to the slot
/// of the job, not of the moment it finished.
enum DetectionSchedule: Sendable {
    case concurrent
    case sequential

    func run(_ jobs: [DetectionJob], order: [Int]) {
        switch self {
        case .concurrent: DispatchQueue.concurrentPerform(iterations: order.count) { jobs[order[$0]].work() }
        case .sequential: for index in order { jobs[index].work() }
        }
    }

    /// The jobs' positions, the most expensive at 100 k identities first (measured with perf), then
    /// the others in the order listed: a long job started last would leave the other core idle.
    /// `unclassified`, last of the views and heavier than most rules at 10 k, ends the list.
    static func heaviestFirst(_ jobs: [DetectionJob]) -> [Int] {
        let rank = Dictionary(uniqueKeysWithValues: expensive.enumerated().map { ($1, $0) })
        return jobs.indices.sorted {
            (rank[jobs[$0].name] ?? expensive.count, $0) < (rank[jobs[$1].name] ?? expensive.count, $1)
        }
    }

    static let expensive = [
        "unused-permissions", "privilege-escalation", "dual-use-through-assumed-role", "authority-profile",
        "break-glass-standing-access", "human-use-of-nhi", "nhi-reuse", "overprivileged-identity", "authority-view",
        "latent-dual-use", "cross-environment-reuse", "metrics", "dual-use-authority", "unclassified",
    ]
}

/// Outputs of concurrent jobs, one slot per job, each written once by its job and read after every
/// job has finished (`concurrentPerform` returns only then). The lock makes each write whole: it is
/// taken a few dozen times per run.
final class JobOutputs<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Value?]

    init(count: Int) { values = Array(repeating: nil, count: count) }

    subscript(index: Int) -> Value? {
        get { lock.withLock { values[index] } }
        set { lock.withLock { values[index] = newValue } }
    }

    /// The value of a slot, moved out and the slot left empty: the caller holds its only copy and
    /// may change it in place.
    func take(_ index: Int) -> Value? { lock.withLock { values[index].take() } }
}
