import Foundation
import NHIPack

/// Read access to a pack's OSCAL JSON for tests: the documents as dictionaries, with the lookups
/// the OSCAL tests share.
struct OSCALJSONView {
    typealias Object = [String: Any]

    let root: Object
    let model: String

    init(_ data: Data, model: String = "assessment-results") throws {
        root = try (JSONSerialization.jsonObject(with: data) as? Object).flatMap { $0[model] as? Object } ?? [:]
        self.model = model
    }

    init(pack: URL, path: String = PackLayout.oscalJSON, model: String = "assessment-results") throws {
        try self.init(Data(contentsOf: pack.appendingPathComponent(path)), model: model)
    }

    var metadata: Object { root["metadata"] as? Object ?? [:] }
    var result: Object { (root["results"] as? [Object])?.first ?? [:] }
    var findings: [Object] { result["findings"] as? [Object] ?? [] }
    var observations: [Object] { result["observations"] as? [Object] ?? [] }
    var risks: [Object] { result["risks"] as? [Object] ?? [] }
    var resources: [Object] { (root["back-matter"] as? Object)?["resources"] as? [Object] ?? [] }
    var selections: [Object] {
        let reviewed =
            (model == "assessment-results" ? result["reviewed-controls"] : root["reviewed-controls"]) as? Object
        return reviewed?["control-selections"] as? [Object] ?? []
    }

    /// Target id → "state/reason" of every OSCAL finding.
    var targetStates: [String: String] {
        var states: [String: String] = [:]
        for finding in findings {
            let target = finding["target"] as? Object
            let status = target?["status"] as? Object
            states[target?["target-id"] as? String ?? ""] = [status?["state"] as? String, status?["reason"] as? String]
                .compactMap { $0 }.joined(separator: "/")
        }
        return states
    }

    func resource(_ href: String) -> Object? {
        resources.first { "#\($0["uuid"] as? String ?? "")" == href }
    }

    static func prop(_ object: Object, _ name: String) -> String? {
        (object["props"] as? [Object])?.first { $0["name"] as? String == name }?["value"] as? String
    }

    static func props(_ object: Object, _ name: String) -> [String] {
        (object["props"] as? [Object] ?? []).filter { $0["name"] as? String == name }.compactMap {
            $0["value"] as? String
        }
    }

    /// Every value of a `uuid` key anywhere in the document.
    var allUUIDs: [String] {
        var found: [String] = []
        func walk(_ value: Any) {
            if let object = value as? Object {
                for (key, item) in object {
                    if key == "uuid", let uuid = item as? String { found.append(uuid) } else { walk(item) }
                }
            } else if let list = value as? [Any] {
                list.forEach(walk)
            }
        }
        walk(root)
        return found
    }
}
