import ArgumentParser

struct FrameworksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "frameworks", abstract: "List the frameworks with their control coverage.")

    func run() throws {
        throw CLIError.notImplemented("frameworks", issue: 2)
    }
}
