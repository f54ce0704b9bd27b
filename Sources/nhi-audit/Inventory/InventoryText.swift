import Foundation
import NHIModel
import NHIPack

/// The table and CSV renderings of an `InventoryReport`.
extension InventoryReport {
    private static func day(_ date: Date?) -> String {
        guard let date else { return "-" }
        return String(ISO8601.string(from: date).prefix(10))
    }

    private var identityColumns: [String] {
        [
            "id", "platform", "kind", "human", "in_inventory", "environments", "owner", "credentials",
            "oldest_credential_days",
            "grants", "first_activity", "last_activity",
        ]
    }

    private func identityRows() -> [[String]] {
        identities.map { identity in
            let active = identity.credentials.filter(\.active)
            return [
                identity.id, identity.platform, identity.kind,
                identity.isPlatformService ? "service" : (identity.isHuman ? "yes" : "no"),
                identity.inInventory ? "yes" : "no", identity.environments.joined(separator: " "),
                identity.owner ?? "-",
                "\(active.count)/\(identity.credentials.count)",
                active.compactMap(\.ageDays).max().map(String.init) ?? "-",
                String(identity.grants), Self.day(identity.firstActivity), Self.day(identity.lastActivity),
            ]
        }
    }

    private var ledgerColumns: [String] { ["file", "format", "status", "read", "accepted", "rejected", "sha256"] }

    private func ledgerRows() -> [[String]] {
        ledger.map {
            [
                $0.file, $0.format, $0.status.rawValue, String($0.read), String($0.accepted), String($0.rejected),
                $0.sha256,
            ]
        }
    }

    func table() -> String {
        var out = "Identities (\(identities.count)), credential ages at \(Self.day(asOf))\n"
        out += Self.align([identityColumns.map { $0.uppercased() }] + identityRows())
        out += "\nIngest ledger (\(ledger.count) files)\n"
        out += Self.align(
            [ledgerColumns.dropLast().map { $0.uppercased() }] + ledgerRows().map { Array($0.dropLast()) })
        for entry in ledger {
            let file = TerminalText.line(entry.file)
            if let error = entry.error { out += "  \(file): failed: \(TerminalText.line(error))\n" }
            for rejection in entry.rejections {
                let locators = TerminalText.line(rejection.locators.joined(separator: ", "))
                out += "  \(file): \(rejection.count) rejected: \(TerminalText.line(rejection.reason)) (\(locators))\n"
            }
            for note in entry.notes { out += "  \(file): \(TerminalText.line(note))\n" }
        }
        for file in skipped { out += "  skipped \(TerminalText.line(file.file)): \(TerminalText.line(file.reason))\n" }
        return out
    }

    /// Two CSV tables separated by a blank line: identities, then the ledger (skipped files as status `skipped`).
    func csv() -> String {
        var out = ([identityColumns] + identityRows()).map(Self.csvLine).joined()
        out += "\n"
        let skippedRows = skipped.map { [$0.file, "", "skipped", "0", "0", "0", ""] }
        out += ([ledgerColumns] + ledgerRows() + skippedRows).map(Self.csvLine).joined()
        return out
    }

    private static func csvLine(_ fields: [String]) -> String { CSVText.line(fields) }

    /// Cells have their control characters shown escaped, so that each row stays one line.
    private static func align(_ rows: [[String]]) -> String {
        let rows = rows.map { $0.map(TerminalText.line) }
        guard let width = rows.first?.count else { return "" }
        let widths = (0..<width).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { index, cell in
                index == width - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ") + "\n"
        }.joined()
    }
}
