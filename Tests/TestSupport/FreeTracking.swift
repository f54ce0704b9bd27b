import Foundation

/// Calls its closure when it is freed: tests of where and when values are let go hold one.
public final class Tracked: @unchecked Sendable {
    let onFree: () -> Void
    public init(_ onFree: @escaping () -> Void) { self.onFree = onFree }
    deinit { onFree() }
}

/// A flag set from any thread.
public final class LockedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var flag = false
    public init() {}
    public func set() { lock.withLock { flag = true } }
    public var value: Bool { lock.withLock { flag } }
}
