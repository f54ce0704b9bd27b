import Foundation
import NHIModel

/// A GCP principal as IAM policies (`serviceAccount:…`, `user:…`) and audit logs (`principalEmail`)
/// name it, turned into an identity. A service account's id is taken from its email alone, so that
/// every source names it alike: the project its email names (`name@PROJECT.iam.gserviceaccount.com`,
/// `PROJECT@appspot.gserviceaccount.com`), else the project number in it (the default compute and
/// Cloud Build accounts, Google's service agents), else the project of the policy or log that
/// mentions it. People and groups belong to the organisation's directory, not to a project.
struct GCPPrincipal {
    var identity: Identity

    /// Email domains of Google-managed service agents (Google creates, owns and rotates them).
    static let agentDomains: Set<String> = [
        "cloudservices.gserviceaccount.com", "system.gserviceaccount.com", "compute-system.iam.gserviceaccount.com",
        "container-engine-robot.iam.gserviceaccount.com", "containerregistry.iam.gserviceaccount.com",
        "serverless-robot-prod.iam.gserviceaccount.com", "cloud-ml.google.com.iam.gserviceaccount.com",
        "dataflow-service-producer-prod.iam.gserviceaccount.com", "gs-project-accounts.iam.gserviceaccount.com",
    ]

    /// A service account identity from its email, in `project` when the email does not name one.
    static func serviceAccount(_ email: String, project: String?, environment: String, inInventory: Bool)
        -> GCPPrincipal
    {
        let email = email.lowercased()
        let (local, domain) = split(email)
        var attributes = ["email": email]
        var owningProject: String?
        var agent = false
        if agentDomains.contains(domain) || domain.hasPrefix("gcp-sa-")
            || local.wholeMatch(of: /service-(org-|folder-)?[0-9]+/) != nil
        {
            agent = true
            attributes["serviceAgent"] = "true"
        } else if domain == "developer.gserviceaccount.com", local.hasSuffix("-compute") {
            attributes["defaultServiceAccount"] = "compute"
        } else if domain == "cloudbuild.gserviceaccount.com" {
            attributes["defaultServiceAccount"] = "cloud-build"
        } else if domain == "appspot.gserviceaccount.com" {
            attributes["defaultServiceAccount"] = "app-engine"
            owningProject = local
        } else if domain.hasSuffix(".iam.gserviceaccount.com") {
            owningProject = String(domain.dropLast(".iam.gserviceaccount.com".count))
        }
        let number = local.drop { !$0.isNumber }.prefix { $0.isNumber }
        let account = owningProject ?? (number.isEmpty ? project ?? "-" : String(number))
        return GCPPrincipal(
            identity: Identity(
                id: IdentityID("gcp:\(account):serviceaccount:\(email)"), platform: .gcp, kind: .serviceAccount,
                name: email, account: account, inInventory: inInventory, isPlatformService: agent,
                environments: [environment], attributes: attributes))
    }

    /// Whether an email is a service account's (any Google service-account domain).
    static func isServiceAccountEmail(_ email: String) -> Bool {
        split(email.lowercased()).domain.hasSuffix("gserviceaccount.com")
    }

    /// A person (or a group of people) by email, seen in `project`.
    static func person(_ email: String, kind: IdentityKind = .user, project: String?, environment: String)
        -> GCPPrincipal
    {
        let email = email.lowercased()
        return GCPPrincipal(
            identity: Identity(
                id: IdentityID("gcp:\(kind == .group ? "group" : "user"):\(email)"), platform: .gcp, kind: kind,
                name: email, account: project, isHuman: kind == .user, inInventory: false,
                environments: [environment]))
    }

    /// A workload identity federation principal (`principal://…`, no email), seen in `project`.
    static func federated(_ subject: String, project: String?, environment: String) -> GCPPrincipal {
        GCPPrincipal(
            identity: Identity(
                id: IdentityID("gcp:federated:\(subject)"), platform: .gcp, kind: .federated, name: subject,
                account: project, inInventory: false, environments: [environment]))
    }

    /// An IAM policy member (`serviceAccount:x`, `user:x`, `group:x`); nil for members that are not
    /// one principal: `domain:`, `allUsers`, `principalSet://`, `deleted:` and the basic-role
    /// convenience values (`projectOwner:`).
    static func member(_ member: String, project: String?, environment: String) -> GCPPrincipal? {
        guard let colon = member.firstIndex(of: ":") else { return nil }
        let type = member[..<colon], value = String(member[member.index(after: colon)...])
        switch type {
        case "serviceAccount":
            return serviceAccount(value, project: project, environment: environment, inInventory: false)
        case "user":
            return person(value, project: project, environment: environment)
        case "group":
            return person(value, kind: .group, project: project, environment: environment)
        case "principal":
            return federated(member, project: project, environment: environment)
        default:
            return nil
        }
    }

    private static func split(_ email: String) -> (local: String, domain: String) {
        guard let at = email.lastIndex(of: "@") else { return (email, "") }
        return (String(email[..<at]), String(email[email.index(after: at)...]))
    }
}

/// Names of GCP resources: asset names (`//cloudresourcemanager.googleapis.com/projects/123`)
/// shortened to relative names (`projects/123`), and the project a name lies in.
enum GCPResourceName {
    static func relative(_ name: String) -> String {
        guard name.hasPrefix("//") else { return name }
        let rest = name.dropFirst(2)
        guard let slash = rest.firstIndex(of: "/") else { return String(rest) }
        return String(rest[rest.index(after: slash)...])
    }

    /// `projects/P/…` → `P`.
    static func project(_ name: String) -> String? {
        let parts = relative(name).split(separator: "/")
        guard parts.count >= 2, parts[0] == "projects", parts[1] != "-" else { return nil }
        return String(parts[1])
    }
}
