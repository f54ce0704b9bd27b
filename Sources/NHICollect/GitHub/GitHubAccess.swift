import Foundation

/// What an audit entry's `programmatic_access_type` says about who acted (the words are matched
/// lower-cased, anywhere in the text).
struct GitHubAccess: Equatable {
    /// The entry names an access type at all.
    let isGiven: Bool
    let isDeployKey: Bool
    let isApp: Bool
    let isUserToServer: Bool
    let isOAuth: Bool
    /// A personal access token, classic or fine-grained.
    let isToken: Bool
    let isFineGrained: Bool

    init(_ type: String?) {
        let access = type?.lowercased() ?? ""
        func has(_ words: String) -> Bool { TextSearch.contains(access, words) }
        isGiven = !access.isEmpty
        isDeployKey = has("deploy key")
        isApp = has("github app") || has("server-to-server") || has("installation")
        isUserToServer = has("user-to-server")
        isOAuth = has("oauth")
        isFineGrained = has("fine-grained")
        isToken = has("personal access token") || isFineGrained
    }
}

/// The last access type read and what it says: a log repeats a handful of them, and lower-casing
/// and searching the text of every entry was a third of classifying its actor.
struct GitHubAccessMemo {
    private var last: (type: String?, access: GitHubAccess)?

    /// `GitHubAccess(type)`, worked out again only when `type` differs from the last one in its
    /// bytes (two texts Swift calls equal may differ in their bytes, and the search reads bytes).
    mutating func access(of type: String?) -> GitHubAccess {
        if let last, Self.sameBytes(last.type, type) { return last.access }
        let access = GitHubAccess(type)
        last = (type, access)
        return access
    }

    private static func sameBytes(_ left: String?, _ right: String?) -> Bool {
        guard let left, let right else { return left == nil && right == nil }
        return left.utf8.elementsEqual(right.utf8)
    }
}
