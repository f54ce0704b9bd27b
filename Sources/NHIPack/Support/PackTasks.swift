import Foundation

/// One rendering of a pack, for `PackTasks`.
struct PackTask {
    var name: String
    /// The tasks whose results this one reads, by name; each must come before it in the list.
    var after: [String] = []
    /// Expected CPU time in any unit, only compared with the other tasks': it decides which ready
    /// task starts first.
    var cost: Double
    var body: () throws -> Void
}

/// What one finished rendering took: its own wall time and its thread's CPU time, so that the
/// figures stay the task's own while others run beside it.
public struct PackStage: Sendable {
    public var name: String
    public var wall: Double
    public var cpu: Double

    /// Runs `body` on this thread and returns what it took.
    static func measure(_ name: String, _ body: () throws -> Void) rethrows -> PackStage {
        let wall = clock(CLOCK_MONOTONIC), cpu = clock(CLOCK_THREAD_CPUTIME_ID)
        try body()
        return PackStage(
            name: name, wall: clock(CLOCK_MONOTONIC) - wall, cpu: clock(CLOCK_THREAD_CPUTIME_ID) - cpu)
    }

    private static func clock(_ id: clockid_t) -> Double {
        var now = timespec()
        clock_gettime(id, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}

/// Runs a pack's renderings on `workers` threads, each task once all it reads is done. Of the
/// tasks ready, the one with the most work still behind it (its cost plus its longest chain of
/// dependents) starts first, so the task the most others wait for is never left until last and
/// the threads end together. Errors are reported as if the tasks ran one after another in list
/// order: once a task fails, no task after it in the list starts (their errors could not come
/// first; those that read its result could not run), the tasks before it still run, and the
/// first error in list order is thrown once all threads are done. Tasks share only values they
/// read, what a task they are after left for them, and the pack's `PackCommit`, which is safe to
/// write from several threads.
enum PackTasks {
    static func run(
        _ tasks: [PackTask], workers: Int = ProcessInfo.processInfo.activeProcessorCount,
        finished: @escaping (PackStage) -> Void = { _ in }
    ) throws {
        let board = Board(tasks, finished: finished)
        DispatchQueue.concurrentPerform(iterations: max(1, min(workers, tasks.count))) { _ in
            while let index = board.next() { board.run(index) }
        }
        if let error = board.firstError { throw error }
    }

    /// The tasks and their states, shared by the threads; the states under one lock.
    private final class Board: @unchecked Sendable {
        private let tasks: [PackTask]
        private let finished: (PackStage) -> Void
        private let condition = NSCondition()
        /// Per task: how many of the tasks it is after have not finished yet.
        private var waitingOn: [Int]
        private let dependents: [[Int]]
        /// Per task: its cost plus the largest such figure among its dependents.
        private let priority: [Double]
        private var pending: Set<Int>
        private var errors: [Error?]
        /// The list position of the first task that failed; no task from here on starts.
        private var stopAt: Int

        init(_ tasks: [PackTask], finished: @escaping (PackStage) -> Void) {
            self.tasks = tasks
            self.finished = finished
            var position: [String: Int] = [:]
            var dependents = Array(repeating: [Int](), count: tasks.count)
            waitingOn = tasks.map(\.after.count)
            for (index, task) in tasks.enumerated() {
                for name in task.after {
                    guard let before = position[name] else {
                        preconditionFailure("pack task \(task.name) is after \(name), which is not listed before it")
                    }
                    dependents[before].append(index)
                }
                precondition(position[task.name] == nil, "two pack tasks are called \(task.name)")
                position[task.name] = index
            }
            var priority = Array(repeating: 0.0, count: tasks.count)
            for index in tasks.indices.reversed() {
                priority[index] = tasks[index].cost + (dependents[index].map { priority[$0] }.max() ?? 0)
            }
            self.dependents = dependents
            self.priority = priority
            pending = Set(tasks.indices)
            errors = Array(repeating: nil, count: tasks.count)
            stopAt = tasks.count
        }

        /// The next task to run, waiting while those left wait on running ones; nil when no task
        /// is left to start.
        func next() -> Int? {
            condition.lock()
            defer { condition.unlock() }
            while true {
                let startable = pending.filter { $0 < stopAt }
                if startable.isEmpty { return nil }
                // The first startable task in list order is after earlier tasks only, none of them
                // pending: so if none is ready, one is running and will wake this thread.
                let ready = startable.filter { waitingOn[$0] == 0 }
                if let pick = ready.max(by: { (priority[$0], -$0) < (priority[$1], -$1) }) {
                    pending.remove(pick)
                    return pick
                }
                condition.wait()
            }
        }

        func run(_ index: Int) {
            do {
                finished(try PackStage.measure(tasks[index].name, tasks[index].body))
                done(index, nil)
            } catch {
                done(index, error)
            }
        }

        private func done(_ index: Int, _ error: Error?) {
            condition.lock()
            defer { condition.unlock() }
            if let error {
                errors[index] = error
                stopAt = min(stopAt, index)
            } else {
                for dependent in dependents[index] { waitingOn[dependent] -= 1 }
            }
            condition.broadcast()
        }

        var firstError: Error? {
            condition.lock()
            defer { condition.unlock() }
            return errors.lazy.compactMap { $0 }.first
        }
    }
}
