import Dispatch
import Foundation
import NHIModel
import TestSupport
import Testing

/// A value let go with `ReleaseElsewhere` must be freed, and on another thread, not the caller's.
@Suite struct ReleaseElsewhereTests {
    @Test func freesTheValueOnAnotherThread() {
        let freed = DispatchSemaphore(value: 0)
        let caller = pthread_self()
        let onCaller = LockedFlag()
        ReleaseElsewhere.release(
            Tracked {
                if pthread_equal(pthread_self(), caller) != 0 { onCaller.set() }; freed.signal()
            })
        #expect(freed.wait(timeout: .now() + 10) == .success)
        #expect(!onCaller.value)
    }
}
