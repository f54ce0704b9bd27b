import Foundation
import NHIModel

// The elements of results.json's largest lists (frameworks, findings, authority, identities) as
// compact JSON: a framework's controls name every finding they rest on.
// Members are in the byte order of their keys, as JSONEncoder sorts them.

extension Finding: CompactJSON {
    func write(to json: inout CompactJSONWriter) {
        json.openObject()
        json.member("details", details)
        json.member("environment", environment)
        json.member("evidence", evidence)
        json.member("firstReported", firstReported)
        json.member("id", id)
        json.member("rule", rule)
        json.member("severity", severity)
        json.member("subject", subject)
        json.member("summary", summary)
        json.member("waiver", waiver)
        json.closeObject()
    }
}

extension EvidenceRef: CompactJSON {
    func write(to json: inout CompactJSONWriter) {
        json.openObject()
        json.member("file", file)
        json.member("line", line)
        json.member("pointer", pointer)
        json.member("record", record)
        json.member("sha256", sha256)
        json.closeObject()
    }
}

extension WaiverApplication: CompactJSON {
    func write(to json: inout CompactJSONWriter) {
        json.openObject()
        json.member("active", active)
        json.member("approved", approved)
        json.member("expires", expires)
        json.member("waiverId", waiverId)
        json.closeObject()
    }
}

extension AuthoritySummary: CompactJSON {
    func write(to json: inout CompactJSONWriter) {
        json.openObject()
        json.member("canAdminister", canAdminister)
        json.member("canDeliver", canDeliver)
        json.member("canOperate", canOperate)
        json.member("delivery", delivery)
        json.member("dualUse", dualUse)
        json.member("environments", environments)
        json.member("identity", identity)
        json.member("identityAdmin", identityAdmin)
        json.member("inInventory", inInventory)
        json.member("name", name)
        json.member("operations", operations)
        json.member("outsideScope", outsideScope)
        json.member("read", read)
        json.closeObject()
    }
}

extension IdentitySummary: CompactJSON {
    func write(to json: inout CompactJSONWriter) {
        json.openObject()
        json.member("createdAt", createdAt)
        json.member("credentials", credentials)
        json.member("environments", environments)
        json.member("id", id)
        json.member("inInventory", inInventory)
        json.member("isHuman", isHuman)
        json.member("kind", kind)
        json.member("lastUsedAt", lastUsedAt)
        json.member("name", name)
        json.member("owner", owner)
        json.member("platform", platform)
        json.member("purpose", purpose)
        json.member("team", team)
        json.closeObject()
    }
}

extension CredentialSummary: CompactJSON {
    func write(to json: inout CompactJSONWriter) {
        json.openObject()
        json.member("active", active)
        json.member("expiresAt", expiresAt)
        json.member("id", id)
        json.member("issuedAt", issuedAt)
        json.member("kind", kind)
        json.member("lastUsedAt", lastUsedAt)
        json.closeObject()
    }
}

extension FrameworkAssessment: CompactJSON {
    func write(to json: inout CompactJSONWriter) {
        json.openObject()
        json.member("controls", controls)
        json.member("framework", framework)
        json.member("note", note)
        json.member("title", title)
        json.member("version", version)
        json.closeObject()
    }
}

extension ControlResult: CompactJSON {
    func write(to json: inout CompactJSONWriter) {
        json.openObject()
        json.member("attestation", attestation)
        json.member("findings", findings)
        json.member("id", id)
        json.member("method", method)
        json.member("missingInputs", missingInputs)
        json.member("population", population)
        json.member("rationale", rationale)
        json.member("rules", rules)
        json.member("status", status)
        json.member("title", title)
        json.member("uncovered", uncovered)
        json.closeObject()
    }
}

extension EvaluatedPopulation: CompactJSON {
    func write(to json: inout CompactJSONWriter) {
        json.openObject()
        json.member("counts", counts)
        json.member("sources", sources)
        json.closeObject()
    }
}

extension EvaluatedPopulation.Count: CompactJSON {
    func write(to json: inout CompactJSONWriter) {
        json.openObject()
        json.member("count", count)
        json.member("what", what)
        json.closeObject()
    }
}

extension Severity: CompactJSON {}
extension ControlStatus: CompactJSON {}
extension ControlMapping.Method: CompactJSON {}
extension InputKind: CompactJSON {}
extension IdentityID: CompactJSON {}
extension Platform: CompactJSON {}
extension IdentityKind: CompactJSON {}
extension IdentityPurpose: CompactJSON {}
extension CredentialKind: CompactJSON {}
