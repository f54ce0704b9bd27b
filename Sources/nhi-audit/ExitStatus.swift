import ArgumentParser
import Foundation

extension NHIAudit {
    /// Replaces ArgumentParser's exit codes (1 for errors, 64 for usage) with the tool's contract:
    /// 2 and a one-line message for bad input or usage; codes a command throws as `ExitCode` pass through.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let code as ExitCode {
            Self.exit(withError: code)
        } catch {
            if exitCode(for: error) == .success { Self.exit(withError: error) }
            FileHandle.standardError.write(
                Data("nhi-audit: \(ErrorText.oneLine(ErrorText.known(error) ?? Self.message(for: error)))\n".utf8))
            Self.exit(withError: ExitCode(2))
        }
    }
}
