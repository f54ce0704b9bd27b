import Foundation

/// Where a fact came from: a source file (relative to the evidence folder) with its SHA-256,
/// and a locator inside it.
public struct EvidenceRef: Hashable, Codable, Sendable, Comparable, CustomStringConvertible {
    public var file: String
    public var sha256: String
    /// 1-based line for line-oriented files (CSV, JSON lines).
    public var line: Int?
    /// 0-based record index inside an array or `Records` file.
    public var record: Int?
    /// JSON pointer or YAML path when more precise than line/record.
    public var pointer: String?

    public init(file: String, sha256: String, line: Int? = nil, record: Int? = nil, pointer: String? = nil) {
        self.file = file; self.sha256 = sha256; self.line = line; self.record = record; self.pointer = pointer
    }

    /// `file:line`, `file#record`, or `file` with the pointer.
    public var locator: String {
        var text = file
        if let line { text += ":\(line)" }
        if let record { text += "#\(record)" }
        if let pointer { text += " \(pointer)" }
        return text
    }
    public var description: String { locator }

    /// By file, line, record and pointer (a missing line or record as 0, a missing pointer as ""),
    /// each compared in place: a tuple of the fields copies both strings at every comparison, and
    /// rules sort evidence often.
    public static func < (lhs: EvidenceRef, rhs: EvidenceRef) -> Bool {
        if lhs.file != rhs.file { return lhs.file < rhs.file }
        let lhsLine = lhs.line ?? 0, rhsLine = rhs.line ?? 0
        if lhsLine != rhsLine { return lhsLine < rhsLine }
        let lhsRecord = lhs.record ?? 0, rhsRecord = rhs.record ?? 0
        if lhsRecord != rhsRecord { return lhsRecord < rhsRecord }
        return (lhs.pointer ?? "") < (rhs.pointer ?? "")
    }
}

/// The kinds of input a rule may need. A rule whose inputs are absent is "not evaluated".
public enum InputKind: String, Codable, Sendable, CaseIterable, Comparable {
    /// Identities and credentials (credential report, authorization details, ServiceAccounts, identities.json).
    case inventory
    /// Permissions (authorization details policies, RBAC roles and bindings).
    case entitlements
    /// Audit logs (CloudTrail, Kubernetes audit, GitHub audit log, activity.csv).
    case auditLog = "audit-log"
    case owners
    case changes
    case incidents
    case scannerReport = "scanner-report"
    /// CloudTrail digest files (log file integrity validation).
    case logDigests = "log-digests"
    /// scope.yaml with environments.
    case scope

    public static func < (lhs: InputKind, rhs: InputKind) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Human wording for reports: what to export to get this input.
    public var humanDescription: String {
        switch self {
        case .inventory:
            return
                "identity inventory (IAM credential report, authorization details, Kubernetes ServiceAccounts, GCP service accounts and keys, Entra service principals, identities.json)"
        case .entitlements:
            return
                "entitlements (IAM authorization details, Kubernetes RBAC, GCP IAM policies, Entra app role and directory role assignments)"
        case .auditLog:
            return
                "audit log (CloudTrail, Kubernetes audit log, GitHub audit log, GCP Cloud Audit Logs, Entra sign-in logs, activity.csv)"
        case .owners: return "owners.csv"
        case .changes: return "change records (changes.csv)"
        case .incidents: return "incident records (incidents.csv)"
        case .scannerReport:
            return
                "secret-scanner report (gitleaks, trufflehog, detect-secrets, Nosey Parker, SARIF, GitHub secret scanning)"
        case .logDigests: return "CloudTrail digest files (log file integrity validation)"
        case .scope: return "scope.yaml with environments"
        }
    }
}
