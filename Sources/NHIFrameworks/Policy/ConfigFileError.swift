import Foundation

/// Problems found in a policy, authority, waiver or attestation file, one line each
/// (`file:line:column: message`). Loaders collect every problem before throwing.
public struct ConfigFileError: Error, CustomStringConvertible, Sendable {
    public var problems: [String]
    public init(problems: [String]) { self.problems = problems }
    public init(_ problem: String) { self.problems = [problem] }
    public var description: String { problems.joined(separator: "\n") }
}
