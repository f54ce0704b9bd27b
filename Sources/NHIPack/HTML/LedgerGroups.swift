import NHIModel

/// The ingest ledger's rows: a file that was rejected in part, failed, or stands alone keeps its own
/// row; runs of many files of one format under one folder (a CloudTrail trail's thousands of log
/// and digest files) become one row with their totals and their notes tallied, and the files
/// themselves with their SHA-256 in a `<details>` beneath it.
enum LedgerGroups {
    /// A folder's files of one format are grouped from this many on.
    static let groupFrom = 6

    static func rows(_ entries: [LedgerEntry]) -> [[String: Any]] {
        var rows: [[String: Any]] = []
        var pending: [String: [LedgerEntry]] = [:]
        var order: [String] = []
        for entry in entries {
            guard entry.rejected == 0, entry.status != .failed, entry.error == nil, entry.link == nil else {
                rows.append(single(entry)); continue
            }
            let key = entry.format + "\u{0}" + folder(entry.file)
            if pending[key] == nil { order.append(key) }
            pending[key, default: []].append(entry)
        }
        for key in order {
            let members = pending[key] ?? []
            if members.count < groupFrom { rows += members.map(single); continue }
            rows.append(group(members, folder: folder(members[0].file)))
        }
        return rows.sorted { ($0["sortKey"] as? String ?? "") < ($1["sortKey"] as? String ?? "") }
    }

    private static func folder(_ path: String) -> String {
        let parts = path.split(separator: "/")
        return parts.count > 3
            ? parts.prefix(3).joined(separator: "/") + "/" : parts.dropLast().joined(separator: "/") + "/"
    }

    static func single(_ entry: LedgerEntry) -> [String: Any] {
        [
            "sortKey": entry.file, "isGroup": false,
            "file": ReportText.clean(entry.file), "format": ReportText.clean(entry.format),
            "hasLink": entry.link != nil, "link": ReportText.clean(entry.link ?? ""),
            "sha256": entry.sha256,
            "size": entry.size, "status": entry.status.rawValue, "failed": entry.status == .failed,
            "read": entry.read, "accepted": entry.accepted, "rejected": entry.rejected,
            "rejections": entry.rejections.map { rejection -> [String: Any] in
                [
                    "reason": ReportText.clean(rejection.reason), "count": rejection.count,
                    "locators": rejection.locators.map { ["text": ReportText.clean($0)] },
                ]
            },
            "notes": entry.notes.map { ["text": ReportText.clean($0)] },
            "hasError": entry.error != nil, "error": ReportText.clean(entry.error ?? ""),
            "hasDetails": !entry.rejections.isEmpty || !entry.notes.isEmpty || entry.error != nil,
        ]
    }

    private static func group(_ members: [LedgerEntry], folder: String) -> [String: Any] {
        var tally: [String: Int] = [:]
        for note in members.flatMap(\.notes) { tally[generalised(note), default: 0] += 1 }
        return [
            "sortKey": members[0].file, "isGroup": true,
            "folder": ReportText.clean(folder), "format": ReportText.clean(members[0].format), "count": members.count,
            "size": members.reduce(Int64(0)) { $0 + $1.size },
            "read": members.reduce(0) { $0 + $1.read }, "accepted": members.reduce(0) { $0 + $1.accepted },
            "rejected": 0,
            "tally": tally.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map {
                ["count": $0.value, "text": ReportText.clean($0.key)]
            },
            "members": members.map {
                [
                    "file": ReportText.clean($0.file), "sha256": $0.sha256, "read": $0.read,
                    "notes": ReportText.clean($0.notes.joined(separator: "; ")),
                ] as [String: Any]
            },
        ]
    }

    /// A note with the file it names left out, so that notes differing only by file tally together.
    private static func generalised(_ note: String) -> String {
        note.replacing(/\([^()]*\/[^()]*\)/, with: "(…)")
    }
}
