import ArgumentParser

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "validate", abstract: "Validate mappings, policy and evidence; writes nothing.")

    func run() throws {
        throw CLIError.notImplemented("validate", issue: 2)
    }
}
