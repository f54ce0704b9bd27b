import ArgumentParser

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "diff", abstract: "Compare two packs and show which control gaps opened, closed or regressed.")

    func run() throws {
        throw CLIError.notImplemented("diff", issue: 7)
    }
}
