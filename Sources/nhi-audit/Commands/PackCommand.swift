import ArgumentParser

struct PackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pack", abstract: "Collect, detect, assess and write the evidence pack.")

    func run() throws {
        throw CLIError.notImplemented("pack", issue: 6)
    }
}
