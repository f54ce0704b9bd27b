import ArgumentParser

struct FindingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "findings", abstract: "Run the rules and show findings and control statuses.")

    func run() throws {
        throw CLIError.notImplemented("findings", issue: 5)
    }
}
