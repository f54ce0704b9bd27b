import Foundation
import NHIFiles
import NHIModel
import Yams

/// Reads `attestations.yaml` and hashes each attestation's evidence file, which must lie inside
/// the evidence folder (no absolute paths, no `..` or symbolic links leading out).
public enum AttestationFile {
    public static let fileName = "attestations.yaml"

    /// `periodEnd`: attestations expiring on or before it are listed but inactive.
    public static func load(_ url: URL, evidenceRoot: URL, periodEnd: Date) throws -> [AttestationRecord] {
        let yaml = StrictYAML(file: DisplayPath.of(url))
        guard let root = try yaml.parse(try yaml.read(url)) else { return [] }
        var problems: [String] = []
        var records: [AttestationRecord] = []
        for (_, _, list) in yaml.entries(
            of: root, allowed: ["attestations"], context: "attestations.yaml", problems: &problems)
        {
            guard let sequence = list.sequence else {
                problems.append(yaml.problem(list, "attestations must be a list"))
                continue
            }
            for entry in sequence {
                if let record = parse(
                    entry, yaml: yaml, evidenceRoot: evidenceRoot, periodEnd: periodEnd, problems: &problems)
                {
                    records.append(record)
                }
            }
        }
        guard problems.isEmpty else { throw ConfigFileError(problems: problems) }
        return records
    }

    private static func parse(
        _ entry: Node, yaml: StrictYAML, evidenceRoot: URL, periodEnd: Date, problems: inout [String]
    ) -> AttestationRecord? {
        var controls: [String]?
        var rest = entry
        if var mapping = entry.mapping, let list = mapping["controls"] {
            controls = yaml.strings(list, key: "controls", problems: &problems)
            if controls?.isEmpty == true {
                problems.append(yaml.problem(list, "controls must name at least one control"))
            }
            mapping["controls"] = nil
            rest = .mapping(mapping)
        } else {
            problems.append(yaml.problem(entry, "an attestation is missing \"controls\""))
        }
        var fields = FieldReader(yaml: yaml, node: rest)
        let values = fields.read(
            allowed: ["statement", "evidence", "attested_by", "attested_at", "expires"],
            required: ["statement", "evidence", "attested_by", "attested_at"], context: "an attestation")
        problems += fields.problems
        guard fields.problems.isEmpty, let controls, !controls.isEmpty else { return nil }
        guard let attestedAt = ISO8601.parse(values["attested_at"]!.text) else {
            problems.append(
                yaml.problem(values["attested_at"]!.node, "attested_at is not a date: \(values["attested_at"]!.text)"))
            return nil
        }
        var expires: Date?
        if let raw = values["expires"] {
            guard let parsed = ISO8601.parse(raw.text) else {
                problems.append(yaml.problem(raw.node, "expires is not a date: \(raw.text)"))
                return nil
            }
            expires = parsed
        }
        let evidence = values["evidence"]!
        let digest: String
        switch hashInside(evidenceRoot, relative: evidence.text) {
        case let .success(hex): digest = hex
        case let .failure(message):
            problems.append(yaml.problem(evidence.node, message))
            return nil
        }
        return AttestationRecord(
            controls: controls, statement: values["statement"]!.text, evidenceFile: evidence.text,
            evidenceSha256: digest, attestedBy: values["attested_by"]!.text, attestedAt: attestedAt,
            expires: expires, active: expires.map { $0 > periodEnd } ?? true)
    }

    private enum HashResult { case success(String), failure(String) }

    private static func hashInside(_ root: URL, relative: String) -> HashResult {
        guard !relative.hasPrefix("/"), !relative.hasPrefix("~") else {
            return .failure(
                "evidence file \"\(relative)\" must be a path inside the evidence folder, not an absolute path")
        }
        let base = root.standardizedFileURL.resolvingSymlinksInPath().path
        let target = root.appendingPathComponent(relative).standardizedFileURL.resolvingSymlinksInPath()
        guard target.path.hasPrefix(base.hasSuffix("/") ? base : base + "/") else {
            return .failure("evidence file \"\(relative)\" leaves the evidence folder")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: target.path, isDirectory: &isDirectory), !isDirectory.boolValue
        else {
            return .failure("evidence file \"\(relative)\" not found in the evidence folder")
        }
        guard let digest = try? SHA256Hex.ofFile(target) else {
            return .failure("evidence file \"\(relative)\" cannot be read")
        }
        return .success(digest.sha256)
    }
}
