import Foundation

/// The fields of one Cloud Logging `LogEntry` whose `protoPayload` is a Cloud Audit Logs
/// `AuditLog` that identity and activity analysis uses.
struct GCPLogEntry: Decodable {
    struct Principal: Decodable { var principalEmail: String? }
    struct Delegation: Decodable {
        var firstPartyPrincipal: Principal?
        /// A workload identity federation principal that impersonated the account.
        var principalSubject: String?
    }
    struct Authentication: Decodable {
        var principalEmail: String?
        var principalSubject: String?
        var serviceAccountKeyName: String?
        var serviceAccountDelegationInfo: [Delegation]?
    }
    struct RequestMetadata: Decodable {
        var callerIp: String?
        var callerSuppliedUserAgent: String?
    }
    struct Status: Decodable { var code: Int? }
    struct AuditLog: Decodable {
        var type: String?
        var serviceName: String?
        var methodName: String?
        var resourceName: String?
        var status: Status?
        var authenticationInfo: Authentication?
        var requestMetadata: RequestMetadata?

        enum CodingKeys: String, CodingKey {
            case type = "@type", serviceName, methodName, resourceName, status, authenticationInfo, requestMetadata
        }
    }
    struct MonitoredResource: Decodable {
        var type: String?
        var labels: [String: String]?
    }

    var protoPayload: AuditLog?
    var resource: MonitoredResource?
    var timestamp: String?
    var receiveTimestamp: String?
    var logName: String?

    /// The project the entry was logged in: the resource's `project_id`, else the log name's.
    var project: String? {
        resource?.labels?["project_id"] ?? logName.flatMap(GCPResourceName.project)
    }

    var time: Date? { (timestamp ?? receiveTimestamp).flatMap(RecordTime.parse) }

    /// Data Access logs record reads; a Get or List method reads in any log.
    var readOnly: Bool {
        if logName?.contains("data_access") == true { return true }
        let method = protoPayload?.methodName?.split(separator: ".").last?.lowercased() ?? ""
        return method.hasPrefix("get") || method.hasPrefix("list")
    }

    /// `compute:v1.compute.instances.insert`: the service without `.googleapis.com`, and the method.
    var action: String? {
        guard let service = protoPayload?.serviceName, let method = protoPayload?.methodName, !method.isEmpty else {
            return nil
        }
        let suffix = ".googleapis.com"
        return "\(service.hasSuffix(suffix) ? String(service.dropLast(suffix.count)) : service):\(method)"
    }

    /// Who started an impersonation chain: the first principal of `serviceAccountDelegationInfo`,
    /// an email or a federated subject.
    var delegator: String? {
        let first = protoPayload?.authenticationInfo?.serviceAccountDelegationInfo?.first
        return first?.firstPartyPrincipal?.principalEmail ?? first?.principalSubject
    }

    /// The key id of the service account key that authenticated the call, when one did.
    var keyId: String? {
        protoPayload?.authenticationInfo?.serviceAccountKeyName?.split(separator: "/").last.map(String.init)
    }

    /// Any status but OK (0): refused or failed.
    var refused: Bool { (protoPayload?.status?.code ?? 0) != 0 }
}
