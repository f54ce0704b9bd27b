import Foundation
import Testing

@testable import NHIPack

/// The pack's task scheduler: every task once, never before what it reads, the most work behind
/// it first, and a failure reported as if the tasks ran one after another in list order.
@Suite struct PackTasksTests {
    struct Failure: Error, Equatable { var task: String }

    /// What the tasks did, from any thread.
    final class Log: @unchecked Sendable {
        private let lock = NSLock()
        private var events: [String] = []
        func add(_ event: String) { lock.withLock { events.append(event) } }
        var all: [String] { lock.withLock { events } }
    }

    /// Twelve tasks, each after a fixed pick of the earlier ones, sleeping 0–3 ms so that threads
    /// interleave.
    static func graph(_ log: Log, shape: Int) -> [PackTask] {
        (0..<12).map { index in
            let after = (0..<index).filter { ($0 * 7 + index * 13 + shape) % 4 == 0 }.map { "t\($0)" }
            return PackTask(name: "t\(index)", after: after, cost: Double((index * 5 + shape) % 7)) {
                log.add("start t\(index)")
                usleep(UInt32((index + shape) % 4) * 1000)
                log.add("end t\(index)")
            }
        }
    }

    @Test(arguments: [1, 2, 3, 4])
    func everyTaskRunsOnceAfterAllItReads(workers: Int) throws {
        for shape in 0..<8 {
            let log = Log()
            let tasks = Self.graph(log, shape: shape)
            let finished = Log()
            try PackTasks.run(tasks, workers: workers, finished: { finished.add($0.name) })
            let events = log.all
            for task in tasks {
                #expect(events.filter { $0 == "start \(task.name)" }.count == 1, "\(task.name), shape \(shape)")
                let start = try #require(events.firstIndex(of: "start \(task.name)"))
                for before in task.after {
                    let end = try #require(events.firstIndex(of: "end \(before)"))
                    #expect(end < start, "\(task.name) started before \(before) ended (shape \(shape))")
                }
            }
            #expect(finished.all.sorted() == tasks.map(\.name).sorted())
        }
    }

    /// One thread: of the tasks ready, the one with the most work behind it (its cost and its
    /// dependents') first; list order between equals.
    @Test func theMostWorkBehindATaskStartsFirst() throws {
        let log = Log()
        func task(_ name: String, after: [String] = [], cost: Double) -> PackTask {
            PackTask(name: name, after: after, cost: cost) { log.add(name) }
        }
        try PackTasks.run(
            [
                task("small", cost: 1), task("gate", cost: 2), task("large", cost: 4),
                task("behind gate", after: ["gate"], cost: 3), task("equal", cost: 4),
            ], workers: 1)
        #expect(log.all == ["gate", "large", "equal", "behind gate", "small"])
    }

    /// The first task in list order to fail is reported, though a later one failed first; tasks
    /// listed before it still run, those after it and those that read its result do not start.
    @Test(arguments: [1, 2, 4])
    func theFirstFailureInListOrderIsReported(workers: Int) {
        let log = Log()
        let lateFailureDone = DispatchSemaphore(value: 0)
        let tasks = [
            PackTask(name: "slow", cost: 1) {
                // Waits (when a second thread exists) until the later-listed task has failed.
                _ = lateFailureDone.wait(timeout: .now() + (workers > 1 ? 5 : 0))
                log.add("slow")
            },
            PackTask(name: "after slow", after: ["slow"], cost: 1) { log.add("after slow") },
            PackTask(name: "fails", cost: 1) {
                log.add("fails")
                throw Failure(task: "fails")
            },
            PackTask(name: "reads failed", after: ["fails"], cost: 1) { log.add("reads failed") },
            PackTask(name: "fails too", cost: 10) {
                defer { lateFailureDone.signal() }
                log.add("fails too")
                throw Failure(task: "fails too")
            },
            PackTask(name: "listed last", cost: 0) { log.add("listed last") },
        ]
        let error = #expect(throws: Failure.self) { try PackTasks.run(tasks, workers: workers) }
        #expect(error == Failure(task: "fails"))
        let ran = Set(log.all)
        #expect(ran.isSuperset(of: ["slow", "fails", "after slow"]))
        #expect(!ran.contains("reads failed"))
        #expect(!ran.contains("listed last"))
    }
}
