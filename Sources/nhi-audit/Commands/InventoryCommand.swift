import ArgumentParser

struct InventoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "inventory", abstract: "List what was collected from an evidence folder, with the ingest ledger.")

    func run() throws {
        throw CLIError.notImplemented("inventory", issue: 3)
    }
}
