import ArgumentParser
import Foundation
import NHICollect
import NHIModel
import NHIPack

struct InventoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inventory",
        abstract: "List what was collected from an evidence folder, with the ingest ledger.",
        discussion: """
            Reads every export in EVIDENCE (recursively; formats from scope.yaml or sniffed), resolves \
            identities across sources and prints them, followed by the ingest ledger: for each file its \
            format, SHA-256 and records read, accepted and rejected. A file that cannot be read at all \
            stops the run with exit 2 and one line `file:line:column: message`, unless --keep-going.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv }

    @Argument(help: "The evidence folder.")
    var evidence: String

    @Option(help: "Output format: table, json or csv.")
    var format: Format = .table

    @Flag(help: "Record unreadable files as failed in the ledger instead of stopping.")
    var keepGoing = false

    @Flag(
        name: .long,
        help:
            "Read files that symbolic links in the evidence folder point to outside it (each is listed in the ledger).")
    var followSymlinks = false

    func run() throws {
        let progress = IngestProgress()
        let display = ProgressDisplay.startIfWanted(progress)
        let inventory: Inventory
        do {
            inventory = try Collector(
                options: .init(keepGoing: keepGoing, progress: progress, followSymlinks: followSymlinks)
            )
            .collect(folder: URL(fileURLWithPath: evidence))
            display?.stop()
        } catch let error as CollectError {
            display?.stop()
            FileHandle.standardError.write(
                Data((TerminalText.line(error.located(in: evidence).description) + "\n").utf8))
            throw ExitCode(2)
        }
        let report = InventoryReport(inventory)
        switch format {
        case .json: print(try report.json())
        case .csv: print(report.csv(), terminator: "")
        case .table: print(report.table(), terminator: "")
        }
    }
}
