import Dispatch
import Foundation
import TestSupport
import Testing

@testable import nhi_audit

/// `Leftovers` keeps the last value it was given alive and frees the one before on another thread.
@Suite struct LeftoversTests {
    @Test func keepsTheLatestAndFreesTheEarlierOnAnotherThread() {
        let leftovers = Leftovers()
        let caller = pthread_self()
        let firstFreed = DispatchSemaphore(value: 0), secondFreed = DispatchSemaphore(value: 0)
        let firstOnCaller = LockedFlag()
        leftovers.keep(
            Tracked {
                if pthread_equal(pthread_self(), caller) != 0 { firstOnCaller.set() }; firstFreed.signal()
            })
        // Kept alone, the value stays alive.
        #expect(firstFreed.wait(timeout: .now() + 0.3) == .timedOut)
        leftovers.keep(Tracked { secondFreed.signal() })
        #expect(firstFreed.wait(timeout: .now() + 10) == .success)
        #expect(!firstOnCaller.value)
        // The value kept last is not freed by letting go of the earlier one.
        #expect(secondFreed.wait(timeout: .now() + 0.3) == .timedOut)
    }
}
