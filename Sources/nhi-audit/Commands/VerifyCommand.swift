import ArgumentParser

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "verify", abstract: "Check a pack against its manifest and signature.")

    func run() throws {
        throw CLIError.notImplemented("verify", issue: 6)
    }
}
