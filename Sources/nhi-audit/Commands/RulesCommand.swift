import ArgumentParser

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rules", abstract: "List every rule with severity, inputs and mapped controls.")

    func run() throws {
        throw CLIError.notImplemented("rules", issue: 2)
    }
}
