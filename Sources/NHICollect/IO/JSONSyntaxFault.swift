import Foundation

/// Where a JSON document breaks, as `file:line:column` can show it: Foundation's parser errors
/// ("The data couldn't be read because it isn't in the correct format.") name no position.
enum JSONSyntaxFault {
    /// A one-line error for `data`, which Foundation refused: the scanner's finding with its line
    /// and column, or the first line when the scanner accepts the document.
    static func error(in data: Data, file: String) -> CollectError {
        data.withUnsafeBytes { raw -> CollectError in
            var cursor = JSONCursor(raw)
            do throws(JSONScanError) {
                cursor.skipWhitespace()
                try cursor.skipValue()
                cursor.skipWhitespace()
                if !cursor.isAtEnd { throw cursor.error("unexpected text after the JSON value") }
            } catch {
                let (line, column) = position(of: error.offset, in: raw)
                return CollectError(file: file, line: line, column: column, message: "not JSON: \(error.message)")
            }
            return CollectError(file: file, line: 1, column: 1, message: "not JSON")
        }
    }

    /// 1-based line and column (in bytes) of `offset`.
    static func position(of offset: Int, in bytes: UnsafeRawBufferPointer) -> (Int, Int) {
        var line = 1, lineStart = 0
        for index in 0..<min(offset, bytes.count) where bytes[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        return (line, offset - lineStart + 1)
    }
}
