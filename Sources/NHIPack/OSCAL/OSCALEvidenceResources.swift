import NHIModel

/// One back-matter resource per evidence file (the pack's inputs and the attestations' evidence).
/// The files stay in the evidence folder, outside the pack, so a resource states the path relative
/// to that folder as a prop and links the content by its SHA-256 (an RFC 6920 `ni` URI with the
/// hash), never by a relative path that would not resolve from the pack.
struct OSCALEvidenceResources {
    private(set) var resources: [OSCALResource] = []
    /// Path → `#uuid` of its resource, made once: observations cite each file many times.
    private var hrefs: [String: String] = [:]

    init(inputs: [PackInput], attestations: [AttestationRecord], ledger: IngestLedger, ids: OSCALIdentifiers) {
        let spans = Dictionary(ledger.entries.map { ($0.file, $0) }) { first, _ in first }
        var files = inputs.map { ($0.path, $0.sha256, Optional($0.size)) }
        let known = Set(inputs.map(\.path))
        for attestation in attestations where !known.contains(attestation.evidenceFile) {
            files.append((attestation.evidenceFile, attestation.evidenceSha256, nil))
        }
        for (path, sha256, size) in files.sorted(by: { $0.0 < $1.0 }) where hrefs[path] == nil {
            let uuid = ids.uuid("resource", "evidence:\(path):\(sha256)")
            hrefs[path] = "#\(uuid)"
            resources.append(
                OSCALResource(
                    uuid: uuid,
                    title: OSCALText.markupLine(path),
                    description:
                        "Evidence file the assessment read, identified by its SHA-256; evidence-path is its path relative to the evidence folder.",
                    props: OSCALText.props([
                        ("evidence-path", path), ("size", size.map(String.init) ?? ""),
                        ("first-record-at", spans[path]?.firstRecordAt.map(ISO8601.string) ?? ""),
                        ("last-record-at", spans[path]?.lastRecordAt.map(ISO8601.string) ?? ""),
                    ]),
                    rlinks: [
                        OSCALRLink(
                            href: OSCALIdentifiers.namedInformation(sha256: sha256), mediaType: nil,
                            hashes: [OSCALHash(algorithm: "SHA-256", value: sha256)])
                    ]
                ))
        }
    }

    /// `#uuid` of the evidence file's resource, for relevant-evidence.
    func href(_ path: String) -> String? { hrefs[path] }

    /// The evidence files' paths.
    var paths: Dictionary<String, String>.Keys { hrefs.keys }

    /// The evidence subjects of an assessment plan: every evidence file.
    var subjectUUIDs: [String] { resources.map(\.uuid) }
}
