import Foundation

/// Runs independent renderings of a pack side by side, one thread each (the machine's cores are
/// otherwise idle while a large document is rendered). Every lane runs to its end; then the
/// first lane's error, if any, is thrown, so a failure is reported as it would be run alone.
/// Lanes share only values they read and the pack's `PackCommit`, which is safe to write from
/// several threads.
enum PackLanes {
    static func run(_ lanes: [() throws -> Void]) throws {
        let failures = Failures(lanes)
        DispatchQueue.concurrentPerform(iterations: lanes.count) { index in
            failures.run(index)
        }
        if let error = failures.first { throw error }
    }

    /// The lanes and what each threw, handed to the threads as one object.
    private final class Failures: @unchecked Sendable {
        private let lanes: [() throws -> Void]
        private let lock = NSLock()
        private var errors: [Error?]

        init(_ lanes: [() throws -> Void]) {
            self.lanes = lanes
            errors = Array(repeating: nil, count: lanes.count)
        }

        func run(_ index: Int) {
            do {
                try lanes[index]()
            } catch {
                set(index, error)
            }
        }

        func set(_ index: Int, _ error: Error) { lock.withLock { errors[index] = error } }

        var first: Error? { lock.withLock { errors.lazy.compactMap { $0 }.first } }
    }
}
