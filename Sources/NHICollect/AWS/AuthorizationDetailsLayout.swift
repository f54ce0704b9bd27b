import Foundation

/// Where the members of an authorization-details document are, found without building it: each
/// top-level key with the byte range of its value and, for an array, of each element. At
/// organisation scale the document is tens of MB, and Foundation's objects for the whole of it
/// took about sixteen times its size while a worker read it; parsed one element at a time, only
/// the file and one entry's objects are held.
///
/// Nil when the walk does not accept the text (not UTF-8 JSON, a repeated top-level key, a
/// syntax error): the reader then parses the whole document as one, as Foundation decides.
struct AuthorizationDetailsLayout {
    struct Member {
        var key: String
        var value: Range<Int>
        /// The elements' ranges when the value is an array.
        var elements: [Range<Int>]?
    }

    var members: [Member] = []

    init?(_ data: Data) {
        let walked: [Member]? = data.withUnsafeBytes { buffer in
            var cursor = JSONCursor(buffer)
            return try? Self.walk(&cursor)
        }
        guard let walked, Set(walked.map(\.key)).count == walked.count else { return nil }
        members = walked
    }

    func member(_ key: String) -> Member? { members.first { $0.key == key } }

    private static func walk(_ cursor: inout JSONCursor) throws(JSONScanError) -> [Member] {
        var members: [Member] = []
        try cursor.beginObject()
        var first = true
        while let span = try cursor.nextKey(first: &first) {
            let key = try JSONCursor.decode(span)
            let start = cursor.offset
            var elements: [Range<Int>]?
            if cursor.peek() == UInt8(ascii: "[") {
                cursor.position += 1
                var ranges: [Range<Int>] = []
                var firstElement = true
                while try cursor.nextElement(first: &firstElement) {
                    let elementStart = cursor.offset
                    try cursor.skipValue(depth: 2)
                    ranges.append(elementStart..<cursor.offset)
                }
                elements = ranges
            } else {
                try cursor.skipValue(depth: 1)
            }
            members.append(Member(key: key, value: start..<cursor.offset, elements: elements))
        }
        cursor.skipWhitespace()
        guard cursor.isAtEnd else { throw cursor.error("text after the document") }
        return members
    }
}
