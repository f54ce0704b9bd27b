import ArgumentParser
import Foundation

@main
struct NHIAudit: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "nhi-audit",
        abstract: "Audit non-human identities offline and write a framework-mapped evidence pack.",
        discussion: """
            Reads the exports a platform team already has (AWS, Kubernetes, GitHub, secret scanners, \
            owners, change and incident records), detects NHI governance findings, maps them to OWASP NHI \
            Top 10 (2025), NIST CSF 2.0, NIST SP 800-207 and SP 800-53 Rev 5, and writes an evidence pack.

            Exit codes: 0 clean, 1 a --fail-on gate tripped, 2 bad input or usage.
            """,
        version: version,
        subcommands: [
            PackCommand.self, InventoryCommand.self, FindingsCommand.self, DiffCommand.self, VerifyCommand.self,
            KeygenCommand.self, ValidateCommand.self, RulesCommand.self, FrameworksCommand.self, InitCommand.self,
            LakeCommand.self,
        ]
    )
}
