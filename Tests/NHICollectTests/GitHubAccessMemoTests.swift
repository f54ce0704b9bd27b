@testable import NHICollect
import Testing

/// `GitHubAccessMemo` must answer for every access type what reading it afresh answers, however
/// the types follow one another (repeated, alternating, equal as Strings but not in their bytes).
@Suite struct GitHubAccessMemoTests {
    @Test func memoAnswersAsReadingAfresh() {
        var generator = SystemRandomNumberGenerator()
        let types: [String?] = [
            nil, "", "Personal access token (classic)", "Fine-grained personal access token", "GitHub App",
            "server-to-server token", "user-to-server token", "OAuth access token", "Deploy key",
            "deploy key\u{301}", "deploy ke\u{FD}", "DEPLOY KEY", "installation",
        ]
        var memo = GitHubAccessMemo()
        for _ in 0..<5_000 {
            let type = types.randomElement(using: &generator)!
            #expect(memo.access(of: type) == GitHubAccess(type), "\(type ?? "nil")")
        }
    }
}
