@testable import NHICollect
import Testing

/// `GitHubAuditEntry.repositoryName` finds the name by index; it must be what splitting the
/// repository at its first slash (empty pieces left out) gives as its last piece.
@Suite struct GitHubRepositoryNameTests {
    @Test func nameIsTheLastPieceOfOneSplit() {
        var generator = SystemRandomNumberGenerator()
        // A combining mark after a slash makes one Character that is not a slash.
        let pieces = ["/", "a", "org", "\u{301}", "\u{E9}", "-", "/\u{301}"]
        for _ in 0..<5_000 {
            var entry = GitHubAuditEntry()
            entry.repo =
                Int.random(in: 0..<20, using: &generator) == 0
                ? nil
                : (0..<Int.random(in: 0...6, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }
                    .joined()
            let expected = entry.repo.flatMap { $0.split(separator: "/", maxSplits: 1).last.map(String.init) }
            #expect(entry.repositoryName == expected, "\(entry.repo ?? "nil")")
        }
    }
}
