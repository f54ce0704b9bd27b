import CJSONScan
import Foundation

/// Per-event working memory, reused from event to event: the fields' spans, the compound action
/// key being built, and decoded escaped values (which must live until the event is recorded; when
/// the buffer runs out a bigger one replaces it and the old one is kept until `reset`).
final class KubernetesEventScratch {
    let spans: UnsafeMutablePointer<JSONStringSpan>
    /// The C walk's notes on the record being scanned (`KubernetesAuditScanner.scan`).
    let walk = UnsafeMutablePointer<nhi_k8s_event>.allocate(capacity: 1)
    private var keyBytes: UnsafeMutablePointer<UInt8>
    private var keyCapacity = 256
    private var keyCount = 0
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity = 4096
    private var used = 0
    private var retired: [UnsafeMutablePointer<UInt8>] = []

    init(fields: Int) {
        spans = .allocate(capacity: fields)
        spans.initialize(
            repeating: JSONStringSpan(start: UnsafePointer(bitPattern: 1)!, count: 0, hasEscapes: false), count: fields)
        keyBytes = .allocate(capacity: keyCapacity)
        buffer = .allocate(capacity: capacity)
    }

    deinit {
        walk.deallocate()
        spans.deallocate()
        keyBytes.deallocate()
        buffer.deallocate()
        for old in retired { old.deallocate() }
    }

    // MARK: the compound key

    var key: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: keyBytes, count: keyCount) }

    func clearKey() { keyCount = 0 }

    @inline(__always)
    func appendKey(_ byte: UInt8) {
        reserveKey(1)
        keyBytes[keyCount] = byte
        keyCount += 1
    }

    /// A part with its length in front, so that parts cannot run into each other.
    @inline(__always)
    func appendKeyPart(_ bytes: UnsafeBufferPointer<UInt8>) {
        reserveKey(4 + bytes.count)
        UnsafeMutableRawPointer(keyBytes + keyCount).storeBytes(
            of: UInt32(truncatingIfNeeded: bytes.count), as: UInt32.self)
        keyCount += 4
        if bytes.count > 0 { ShortBytes.copy(bytes.baseAddress!, to: keyBytes + keyCount, count: bytes.count) }
        keyCount += bytes.count
    }

    private func reserveKey(_ more: Int) {
        guard keyCount + more > keyCapacity else { return }
        keyCapacity = max(keyCapacity * 2, keyCount + more)
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: keyCapacity)
        grown.update(from: keyBytes, count: keyCount)
        keyBytes.deallocate()
        keyBytes = grown
    }

    // MARK: decoded values

    func copy(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafePointer<UInt8> {
        if used + bytes.count > capacity {
            retired.append(buffer)
            capacity = max(capacity * 2, bytes.count)
            buffer = .allocate(capacity: capacity)
            used = 0
        }
        let start = buffer + used
        if bytes.count > 0 { start.update(from: bytes.baseAddress!, count: bytes.count) }
        used += bytes.count
        return UnsafePointer(start)
    }

    func reset() {
        used = 0
        if !retired.isEmpty {
            for old in retired { old.deallocate() }
            retired = []
        }
    }
}
