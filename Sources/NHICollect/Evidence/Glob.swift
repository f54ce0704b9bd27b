import Foundation

/// Path globs for scope.yaml `sources`: `*` (within a folder), `**` (any depth), `?`.
public struct Glob: Sendable {
    private let regex: NSRegularExpression
    public let pattern: String

    public init(_ pattern: String) {
        self.pattern = pattern
        var expression = "^"
        var index = pattern.startIndex
        while index < pattern.endIndex {
            let character = pattern[index]
            let next = pattern.index(after: index)
            if character == "*" {
                if next < pattern.endIndex && pattern[next] == "*" {
                    let afterStars = pattern.index(after: next)
                    if afterStars < pattern.endIndex && pattern[afterStars] == "/" {
                        expression += "(?:.*/)?"
                        index = pattern.index(after: afterStars)
                    } else {
                        expression += ".*"
                        index = afterStars
                    }
                    continue
                }
                expression += "[^/]*"
            } else if character == "?" {
                expression += "[^/]"
            } else {
                expression += NSRegularExpression.escapedPattern(for: String(character))
            }
            index = next
        }
        // A folder pattern matches everything below it.
        expression += "(?:/.*)?$"
        regex = try! NSRegularExpression(pattern: expression)
    }

    public func matches(_ path: String) -> Bool {
        regex.firstMatch(in: path, range: NSRange(path.startIndex..., in: path)) != nil
    }
}
