import Foundation

/// The fields of a Kubernetes object that RBAC and ServiceAccount analysis needs. Secret `data`
/// and `stringData` are deliberately not declared, so they are never read into memory as values.
struct KubernetesObject: Decodable {
    struct Metadata: Decodable {
        var name: String?
        var namespace: String?
        var generateName: String?
        var creationTimestamp: String?
        var labels: [String: String]?
        var annotations: [String: String]?
        var ownerReferences: [OwnerReference]?
    }

    struct OwnerReference: Decodable {
        var kind: String?
        var name: String?
        var controller: Bool?
    }

    struct PolicyRule: Decodable {
        var apiGroups: [String]?
        var resources: [String]?
        var verbs: [String]?
        var resourceNames: [String]?
        var nonResourceURLs: [String]?
    }

    struct LabelSelector: Decodable {
        struct Requirement: Decodable {
            var key: String
            var `operator`: String
            var values: [String]?
        }
        var matchLabels: [String: String]?
        var matchExpressions: [Requirement]?
    }

    struct AggregationRule: Decodable {
        var clusterRoleSelectors: [LabelSelector]?
    }

    struct RoleRef: Decodable {
        var kind: String?
        var name: String?
    }

    struct Subject: Decodable {
        var kind: String?
        var name: String?
        var namespace: String?
    }

    struct PodSpec: Decodable {
        var serviceAccountName: String?
        var serviceAccount: String?
        var automountServiceAccountToken: Bool?
    }

    var kind: String?
    var metadata: Metadata?
    var items: [LenientObject]?
    var rules: [PolicyRule]?
    var aggregationRule: AggregationRule?
    var roleRef: RoleRef?
    var subjects: [Subject]?
    var podSpec: PodSpec?
    var automountServiceAccountToken: Bool?
    var type: String?

    private enum CodingKeys: String, CodingKey {
        case kind, metadata, items, rules, aggregationRule, roleRef, subjects, spec, automountServiceAccountToken, type
    }

    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        kind = try container.decodeIfPresent(String.self, forKey: .kind)
        metadata = try container.decodeIfPresent(Metadata.self, forKey: .metadata)
        items = try container.decodeIfPresent([LenientObject].self, forKey: .items)
        switch kind {
        case "Role", "ClusterRole":
            rules = try container.decodeIfPresent([PolicyRule].self, forKey: .rules)
            aggregationRule = try container.decodeIfPresent(AggregationRule.self, forKey: .aggregationRule)
        case "RoleBinding", "ClusterRoleBinding":
            roleRef = try container.decodeIfPresent(RoleRef.self, forKey: .roleRef)
            subjects = try container.decodeIfPresent([Subject].self, forKey: .subjects)
        case "Pod":
            podSpec = try container.decodeIfPresent(PodSpec.self, forKey: .spec)
        case "ServiceAccount":
            automountServiceAccountToken = try container.decodeIfPresent(
                Bool.self, forKey: .automountServiceAccountToken)
        case "Secret":
            type = try container.decodeIfPresent(String.self, forKey: .type)
        default:
            break
        }
    }
}

/// A List item that failed to decode is rejected alone, not the whole List.
struct LenientObject: Decodable {
    var result: Result<KubernetesObject, DecodingError>

    init(from decoder: Decoder) throws {
        do {
            result = .success(try KubernetesObject(from: decoder))
        } catch let error as DecodingError {
            result = .failure(error)
        }
    }
}
