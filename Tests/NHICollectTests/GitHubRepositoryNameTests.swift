import Foundation
@testable import NHICollect
import Testing

/// `GitHubAuditEntry.repositoryName` answers `owner/name` without splitting; it must answer what
/// splitting at the first `/` answers for every name, odd ones included.
@Suite struct GitHubRepositoryNameTests {
    static func reference(_ repo: String) -> String? {
        repo.split(separator: "/", maxSplits: 1).last.map(String.init)
    }

    static func name(_ repo: String?) -> String? {
        var entry = GitHubAuditEntry()
        entry.repo = repo
        return entry.repositoryName
    }

    @Test func edgeNames() {
        for repo in ["", "/", "//", "a", "a/", "/b", "a/b", "a//b", "a/b/c", "//a/b", "a/\u{301}b", "é/ü"] {
            #expect(Self.name(repo) == Self.reference(repo), "\(repo.debugDescription)")
        }
        #expect(Self.name("octo-org/api") == "api")
        #expect(Self.name(nil) == nil)
    }

    /// Parts drawn from slashes, letters, a combining accent (which joins a slash into another
    /// character) and a two-scalar character.
    @Test func randomNamesAgreeWithSplitting() {
        let parts = ["/", "a", "bc", "é", "\u{301}", "\r\n", "日"]
        var random = SplitMix64(seed: 41)
        for _ in 0..<5_000 {
            let repo = (0..<Int(random.next() % 7)).map { _ in parts[Int(random.next() % UInt64(parts.count))] }
                .joined()
            #expect(Self.name(repo) == Self.reference(repo), "\(repo.debugDescription)")
        }
    }
}
