import Foundation
import Testing
import TestSupport

/// scripts/install.sh --prefix with the already-built binary (--binary spares a release build):
/// binary, data, man page and completions land where PATH, man and the shells look.
@Suite struct InstallScriptTests {
    static let script = Fixtures.packageRoot.appendingPathComponent("scripts/install.sh")

    static func text(_ prefix: URL, _ path: String) throws -> String {
        try String(contentsOf: prefix.appendingPathComponent(path), encoding: .utf8)
    }

    @Test func installsBinaryDataManPageAndCompletions() throws {
        let prefix = try Fixtures.temporaryFolder("nhi-prefix").appendingPathComponent("usr local")
        let result = try CLIRunner.run(
            ["bash", Self.script.path, "--prefix", prefix.path, "--binary", CLIRunner.executable.path],
            executable: URL(fileURLWithPath: "/usr/bin/env"))
        #expect(result.status == 0, "\(result.stderr)")

        let binary = prefix.appendingPathComponent("bin/nhi-audit")
        #expect(FileManager.default.isExecutableFile(atPath: binary.path))
        let elsewhere = try Fixtures.temporaryFolder("nhi-installed-cwd")
        let validated = try CLIRunner.run(["validate"], currentDirectory: elsewhere, executable: binary)
        #expect(validated.status == 0, "\(validated.stderr)")

        for shipped in [
            "share/nhi-audit/mappings/policy.yaml", "share/nhi-audit/templates/report.mustache",
            "share/nhi-audit/templates/evidence-pack.xsd", "share/nhi-audit/docs/formats.md",
            "share/nhi-audit/docs/ci.md",
            "share/nhi-audit/sql/activity-trino.sql", "share/nhi-audit/scripts/lake-duckdb.py",
        ] {
            #expect(FileManager.default.fileExists(atPath: prefix.appendingPathComponent(shipped).path), "\(shipped)")
        }
        let validatedShipped = try CLIRunner.run(
            ["validate", "--mappings", prefix.appendingPathComponent("share/nhi-audit/mappings").path],
            currentDirectory: elsewhere, executable: binary)
        #expect(validatedShipped.status == 0, "\(validatedShipped.stderr)")
        #expect(
            validatedShipped.stdout.components(separatedBy: "sha256 ").dropFirst().first?.prefix(64)
                == validated.stdout.components(separatedBy: "sha256 ").dropFirst().first?.prefix(64),
            "share/nhi-audit/mappings is the embedded data")

        let page = try Self.text(prefix, "share/man/man1/nhi-audit.1")
        #expect(page.hasPrefix(".TH \"NHI-AUDIT\" \"1\""))
        for command in ["pack", "findings", "diff", "verify", "validate", "init", "frameworks", "rules"] {
            #expect(page.contains(".SS \(command)\n"), "man page lists \(command)")
        }
        #expect(page.contains("\\fB\\-\\-fail\\-on\\fR"), "options are set in bold with escaped dashes")
        #expect(!page.contains("\n.SS help"))
        #expect(
            page.components(separatedBy: "\\fB\\-\\-version\\fR").count == 2, "--version is listed once, under OPTIONS")

        #expect(
            try Self.text(prefix, "share/bash-completion/completions/nhi-audit").contains("-F _nhi-audit nhi-audit"))
        #expect(try Self.text(prefix, "share/zsh/site-functions/_nhi-audit").hasPrefix("#compdef nhi-audit"))
        #expect(
            try Self.text(prefix, "share/fish/vendor_completions.d/nhi-audit.fish").contains("complete -c 'nhi-audit'")
                || Self.text(prefix, "share/fish/vendor_completions.d/nhi-audit.fish").contains("complete -c nhi-audit")
        )
    }

    @Test func unknownOptionsInstallNothing() throws {
        let prefix = try Fixtures.temporaryFolder("nhi-prefix-bad").appendingPathComponent("p")
        let result = try CLIRunner.run(
            ["bash", Self.script.path, "--prefix", prefix.path, "--bogus"],
            executable: URL(fileURLWithPath: "/usr/bin/env"))
        #expect(result.status == 2)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: prefix.path))
    }
}
