import Foundation
import NHIModel

/// Which actions of a fixed set each distinct action element (Action or NotAction list) covers,
/// worked out once per element: AWS managed policies list thousands of actions and are attached to
/// many identities, and only the few actions a question is about need matching.
final class ActionCoverage {
    /// The actions asked about, grouped by lowercased service prefix.
    private let byService: [String: [String]]
    private let all: [String]
    private var memo = ActionListMemo<Set<String>>()

    init(actions: some Sequence<String>) {
        all = Array(Set(actions)).sorted()
        byService = Dictionary(grouping: all) { Self.service($0) }
    }

    /// The actions of the set a grant's action element covers (all but the listed for NotAction).
    /// Takes the element, not the grant: a copy of a grant retains each of its fields.
    func covered(_ platform: Platform, _ actions: [String], inverted: Bool) -> Set<String> {
        memo.value(platform, actions, inverted: inverted) { coverage(actions, inverted: inverted) }
    }

    private func coverage(_ actions: [String], inverted: Bool) -> Set<String> {
        var matched = Set<String>()
        for text in actions {
            let pattern = WildcardPattern.action(text)
            let service = Self.service(text)
            // A literal service prefix can only match actions of that service.
            let candidates = service.contains("*") || service.contains("?") ? all : (byService[service] ?? [])
            for action in candidates where !matched.contains(action) && pattern.matches(action) {
                matched.insert(action)
            }
        }
        return inverted ? Set(all).subtracting(matched) : matched
    }

    private static func service(_ action: String) -> String {
        (action.firstIndex(of: ":").map { String(action[..<$0]) } ?? action).lowercased()
    }
}
