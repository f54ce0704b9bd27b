import Foundation
import NHIModel

/// Who acted in a GitHub audit entry: an app, OAuth app, bot, deploy key, a token used
/// programmatically, or a person. Tokens are identities of their own (`github:<org>:token:<id>`)
/// because a token outlives the session of the person who created it; that person is the actor.
struct GitHubActor {
    var identity: Identity
    var credential: Credential?
    /// The person behind a token or OAuth app, as an identity id.
    var actor: String?

    /// `access` is what `entry`'s programmatic access type says (`GitHubAccess`).
    static func classify(
        _ entry: GitHubAuditEntry, access: GitHubAccess, org: String, environment: String, time: Date
    ) -> GitHubActor? {
        let login = entry.actor
        let person = login.map { "github:\(org):user:\($0)" }
        let tokenKey = entry.tokenID ?? entry.hashedToken
        func make(_ id: String, _ kind: IdentityKind, _ name: String, human: Bool = false) -> Identity {
            var attributes: [String: String] = [:]
            if let scopes = entry.tokenScopes { attributes["tokenScopes"] = scopes }
            if access.isGiven { attributes["programmaticAccessType"] = entry.programmaticAccessType }
            return Identity(
                id: IdentityID(id), platform: .github, kind: kind, name: name, account: org,
                isHuman: human, inInventory: false, environments: [environment], attributes: attributes)
        }
        if access.isDeployKey, let key = tokenKey {
            return GitHubActor(
                identity: make("github:\(org):deploy-key:\(key)", .deployKey, key),
                credential: Credential(id: key, kind: .deployKey, lastUsedAt: time))
        }
        if access.isApp {
            let slug = entry.integration ?? login.map(botLogin) ?? tokenKey
            guard let slug else { return nil }
            return GitHubActor(
                identity: make("github:\(org):app:\(slug)", .app, slug),
                actor: access.isUserToServer ? person : nil)
        }
        if access.isOAuth, let app = entry.oauthApplicationID ?? entry.integration {
            return GitHubActor(
                identity: make("github:\(org):oauth-app:\(app)", .oauthApp, app),
                credential: tokenKey.map {
                    Credential(id: $0, kind: .oauthToken, lastUsedAt: time, hashedToken: entry.hashedToken)
                },
                actor: person)
        }
        if access.isToken, let key = tokenKey {
            let kind: CredentialKind = access.isFineGrained ? .fineGrainedToken : .personalAccessToken
            return GitHubActor(
                identity: make("github:\(org):token:\(key)", .token, key),
                credential: Credential(id: key, kind: kind, lastUsedAt: time, hashedToken: entry.hashedToken),
                actor: person)
        }
        guard let login else { return nil }
        if RecordTime.flag(entry.actorIsBot) == true || login.hasSuffix("[bot]") {
            if let slug = entry.integration, access.isGiven {
                return GitHubActor(identity: make("github:\(org):app:\(slug)", .app, slug))
            }
            return GitHubActor(identity: make("github:\(org):bot:\(login)", .bot, login))
        }
        return GitHubActor(
            identity: make("github:\(org):user:\(login)", .user, login, human: true),
            credential: nil, actor: nil)
    }

    /// `release-bot[bot]` → `release-bot`.
    private static func botLogin(_ login: String) -> String {
        login.hasSuffix("[bot]") ? String(login.dropLast(5)) : login
    }
}
