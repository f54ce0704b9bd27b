import Dispatch
import Foundation
import Testing

@testable import nhi_audit

/// `Background` runs work beside the calling thread: its value must be the work's, however long
/// the work takes.
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
}
