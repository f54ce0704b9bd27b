import ArgumentParser

struct KeygenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "keygen", abstract: "Write an Ed25519 key pair for signing packs.")

    func run() throws {
        throw CLIError.notImplemented("keygen", issue: 6)
    }
}
