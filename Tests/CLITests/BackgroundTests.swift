import Dispatch
import Foundation
import Testing

@testable import nhi_audit

/// `Background` runs work beside the calling thread: its value must be the work's, however long
/// the work takes, and a value let go must be freed on another thread, not the caller's.
@Suite struct BackgroundTests {
    @Test func valueWaitsForWorkStillRunning() {
        let started = DispatchSemaphore(value: 0)
        let background = Background<[Int]> {
            started.signal()
            Thread.sleep(forTimeInterval: 0.2)
            return Array(1...1000)
        }
        started.wait()
        #expect(background.value == Array(1...1000))
        // A second read gives the same value without running the work again.
        #expect(background.value.count == 1000)
    }

    @Test func manyBackgroundsEachGiveTheirOwnValue() {
        let works = (0..<64).map { index in
            Background<Int> {
                Thread.sleep(forTimeInterval: Double(index % 4) / 100)
                return index * index
            }
        }
        #expect(works.map(\.value) == (0..<64).map { $0 * $0 })
    }

    @Test func releaseFreesTheValueOnAnotherThread() {
        let freed = DispatchSemaphore(value: 0)
        let caller = pthread_self()
        let onCaller = LockedFlag()
        Background.release(
            Tracked {
                if pthread_equal(pthread_self(), caller) != 0 { onCaller.set() }; freed.signal()
            })
        #expect(freed.wait(timeout: .now() + 10) == .success)
        #expect(!onCaller.value)
    }
}

/// Calls its closure when it is freed.
final class Tracked: @unchecked Sendable {
    let onFree: () -> Void
    init(_ onFree: @escaping () -> Void) { self.onFree = onFree }
    deinit { onFree() }
}

final class LockedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var flag = false
    func set() { lock.withLock { flag = true } }
    var value: Bool { lock.withLock { flag } }
}
