import ArgumentParser
import Foundation
import NHICollect

/// Prints an input error as the one line `file:line:column: message` and ends with exit code 2.
enum BadInput {
    static func report(_ error: CollectError, evidence: String) -> ExitCode {
        var located = error
        if !located.file.hasPrefix("/") {
            // Readers name files relative to the evidence folder; show them as the user can open them.
            located.file = (evidence as NSString).appendingPathComponent(located.file)
        }
        FileHandle.standardError.write(Data((located.description + "\n").utf8))
        return ExitCode(2)
    }
}
