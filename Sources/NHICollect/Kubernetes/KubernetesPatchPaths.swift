import Foundation

/// Receives the paths a request body sets, as byte components valid only during the call.
protocol KubernetesPatchPathSink {
    mutating func path(_ components: [UnsafeBufferPointer<UInt8>])
}

/// The paths a request body sets, walked in place with `JSONCursor`, as
/// `KubernetesAuditDecoding.requestPaths` finds them with JSONSerialization: an array of objects
/// (a JSON patch) gives the `path` of each operation split on `/` (empty parts dropped, `~1` and
/// `~0` unescaped); an object gives the paths of its leaves (keys whose value is not a non-empty
/// object); anything else gives none. The walk declines (returns false: the caller then asks
/// Foundation) where Foundation's reading could differ: escapes or non-ASCII bytes, repeated keys,
/// numbers with an exponent or over 15 characters, nesting deeper than 64.
enum KubernetesPatchPaths {
    static func walk<Sink: KubernetesPatchPathSink>(_ body: UnsafeRawBufferPointer, into sink: inout Sink) -> Bool {
        guard let base = body.baseAddress,
            JSONCursor.isASCII(UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: body.count))
        else {
            return false
        }
        var walker = Walker(cursor: JSONCursor(body))
        do throws(Decline) {
            switch walker.cursor.peek() {
            case UInt8(ascii: "{"): try walker.leaves(depth: 0, into: &sink)
            case UInt8(ascii: "["): try walker.patch(into: &sink)
            default: try walker.value(depth: 0)
            }
        } catch {
            return false
        }
        return true
    }

    private struct Decline: Error {}

    private struct Walker {
        var cursor: JSONCursor
        /// The keys from the body down to the member being walked.
        var keys: [UnsafeBufferPointer<UInt8>] = []
        /// The keys of the objects being walked, to find a repeated one.
        var siblings: [UnsafeBufferPointer<UInt8>] = []

        init(cursor: JSONCursor) {
            self.cursor = cursor
            // Room for a typical body at once: grown from empty, the two took several allocations per body.
            keys.reserveCapacity(16)
            siblings.reserveCapacity(32)
        }

        /// Every leaf path below the object at the cursor.
        mutating func leaves<Sink: KubernetesPatchPathSink>(depth: Int, into sink: inout Sink) throws(Decline) {
            guard depth < 64 else { throw Decline() }
            cursor.position += 1
            let base = siblings.count
            var first = true
            while let key = try nextKey(&first, since: base) {
                keys.append(key)
                if cursor.peek() == UInt8(ascii: "{"), !isEmptyObject() {
                    try leaves(depth: depth + 1, into: &sink)
                } else {
                    try value(depth: depth + 1)
                    sink.path(keys)
                }
                keys.removeLast()
            }
            siblings.removeSubrange(base...)
        }

        /// The operations' paths of a JSON patch (cursor at `[`); none unless every element is an object.
        mutating func patch<Sink: KubernetesPatchPathSink>(into sink: inout Sink) throws(Decline) {
            cursor.position += 1
            var paths: [UnsafeBufferPointer<UInt8>] = []
            var allObjects = true
            var first = true
            while try nextElement(&first) {
                guard cursor.peek() == UInt8(ascii: "{") else {
                    allObjects = false
                    try value(depth: 1)
                    continue
                }
                cursor.position += 1
                let base = siblings.count
                var firstKey = true
                while let key = try nextKey(&firstKey, since: base) {
                    if Self.equals(key, "path"), cursor.peek() == UInt8(ascii: "\"") {
                        paths.append(try string())
                    } else {
                        try value(depth: 2)
                    }
                }
                siblings.removeSubrange(base...)
            }
            guard allObjects else { return }
            for path in paths { Self.emit(patchPath: path, into: &sink) }
        }

        /// Any value, checked for what Foundation might read differently.
        mutating func value(depth: Int) throws(Decline) {
            guard depth < 64 else { throw Decline() }
            switch cursor.peek() {
            case UInt8(ascii: "{"):
                cursor.position += 1
                let base = siblings.count
                var first = true
                while try nextKey(&first, since: base) != nil { try value(depth: depth + 1) }
                siblings.removeSubrange(base...)
            case UInt8(ascii: "["):
                cursor.position += 1
                var first = true
                while try nextElement(&first) { try value(depth: depth + 1) }
            case UInt8(ascii: "\""):
                _ = try string()
            default:
                let start = cursor.position
                do { try cursor.skipValue() } catch { throw Decline() }
                let count = cursor.position - start
                if start.pointee == UInt8(ascii: "-") || start.pointee &- UInt8(ascii: "0") < 10 {
                    guard count <= 15,
                        !UnsafeBufferPointer(start: start, count: count).contains(where: {
                            $0 | 0x20 == UInt8(ascii: "e")
                        })
                    else {
                        throw Decline()
                    }
                }
            }
        }

        /// The next key of the object whose keys start at `siblings[base]`; declines on escapes or a repeated key.
        private mutating func nextKey(_ first: inout Bool, since base: Int) throws(Decline) -> UnsafeBufferPointer<
            UInt8
        >? {
            let span: JSONStringSpan?
            do { span = try cursor.nextKey(first: &first) } catch { throw Decline() }
            guard let span else { return nil }
            guard !span.hasEscapes else { throw Decline() }
            let key = UnsafeBufferPointer(start: span.start, count: span.count)
            var index = base
            while index < siblings.count {
                if Self.same(siblings[index], key) { throw Decline() }
                index += 1
            }
            siblings.append(key)
            return key
        }

        private mutating func nextElement(_ first: inout Bool) throws(Decline) -> Bool {
            do { return try cursor.nextElement(first: &first) } catch { throw Decline() }
        }

        private mutating func string() throws(Decline) -> UnsafeBufferPointer<UInt8> {
            let span: JSONStringSpan
            do { span = try cursor.stringSpan() } catch { throw Decline() }
            guard !span.hasEscapes else { throw Decline() }
            return UnsafeBufferPointer(start: span.start, count: span.count)
        }

        private func isEmptyObject() -> Bool {
            var probe = cursor
            probe.position += 1
            probe.skipWhitespace()
            return probe.peek() == UInt8(ascii: "}")
        }

        /// `path.split(separator: "/")`, then `~1` → `/` and `~0` → `~` in each part.
        private static func emit<Sink: KubernetesPatchPathSink>(
            patchPath: UnsafeBufferPointer<UInt8>, into sink: inout Sink
        ) {
            var parts: [UnsafeBufferPointer<UInt8>] = []
            var start = 0
            for index in 0...patchPath.count where index == patchPath.count || patchPath[index] == UInt8(ascii: "/") {
                if index > start { parts.append(UnsafeBufferPointer(rebasing: patchPath[start..<index])) }
                start = index + 1
            }
            guard patchPath.contains(UInt8(ascii: "~")) else { return sink.path(parts) }
            let unescaped = parts.map {
                unescape(
                    unescape(Array($0), UInt8(ascii: "1"), as: UInt8(ascii: "/")), UInt8(ascii: "0"),
                    as: UInt8(ascii: "~"))
            }
            let joined = unescaped.flatMap { $0 }
            joined.withUnsafeBufferPointer { all in
                var offset = 0
                let pieces = unescaped.map { part in
                    defer { offset += part.count }
                    return UnsafeBufferPointer(rebasing: all[offset..<offset + part.count])
                }
                sink.path(pieces)
            }
        }

        /// Replaces `~` + `second` by `replacement`, left to right.
        private static func unescape(_ bytes: [UInt8], _ second: UInt8, as replacement: UInt8) -> [UInt8] {
            var out: [UInt8] = []
            var index = 0
            while index < bytes.count {
                if bytes[index] == UInt8(ascii: "~"), index + 1 < bytes.count, bytes[index + 1] == second {
                    out.append(replacement)
                    index += 2
                } else {
                    out.append(bytes[index])
                    index += 1
                }
            }
            return out
        }

        static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ literal: StaticString) -> Bool {
            bytes.count == literal.utf8CodeUnitCount
                && (bytes.count == 0 || ShortBytes.equal(bytes.baseAddress!, literal.utf8Start, count: bytes.count))
        }

        private static func same(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
            a.count == b.count && (a.count == 0 || ShortBytes.equal(a.baseAddress!, b.baseAddress!, count: a.count))
        }
    }
}
