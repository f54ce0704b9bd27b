import Foundation
import Testing
import TestSupport

/// Hostile names and faulty inputs, run as a user runs the tool: spreadsheet formulas, terminal
/// control and bidi characters, out-of-range policy values, corrupt gzip, messages without positions.
@Suite struct HostileInputCLITests {
    static let hostile = "bot\u{1B}[31m\u{07}\r\nforged line\u{202E}gpj.exe\u{0085}"

    private func folder(_ files: [String: String]) throws -> URL {
        let folder = try Fixtures.temporaryFolder("nhi-hostile")
        for (name, text) in files {
            let url = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return folder
    }

    /// Identities named by `names`, one row each, for inventory and pack runs.
    private func identities(_ names: [String]) -> String {
        "id,platform,kind,name\n"
            + names.map { name in
                let quoted = "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                return "\(quoted),gcp,service-account,\(quoted)"
            }.joined(separator: "\n") + "\n"
    }

    @Test func csvCellsThatWouldBeFormulasGetAQuote() throws {
        let evidence = try folder([
            "identities.csv": identities([
                "=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)", "\t=1+1", "\rcmd", "plain",
            ])
        ])
        let result = try CLIRunner.run(["inventory", evidence.path, "--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        let cells = result.stdout.split(separator: "\n").map {
            $0.split(separator: ",", maxSplits: 1).first.map(String.init) ?? ""
        }
        #expect(cells.contains("\"'=HYPERLINK(\"\"http://x\"\")\""))
        #expect(
            cells.contains("'+1") && cells.contains("'-2+3") && cells.contains("'@SUM(A1)") && cells.contains("'=1+1")
                && cells.contains("\"'\rcmd\""))
        #expect(cells.contains("plain"))
        #expect(
            !result.stdout.split(separator: "\n").contains {
                $0.hasPrefix("=") || $0.hasPrefix("@") || $0.hasPrefix("+")
            })
    }

    @Test func terminalTablesShowControlAndBidiCharactersEscaped() throws {
        let evidence = try folder(["identities.csv": identities([Self.hostile])])
        let result = try CLIRunner.run(["inventory", evidence.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("bot\\e[31m\\a\\r\\nforged line\\u{202E}gpj.exe\\u{85}"), "\(result.stdout)")
        for raw in ["\u{1B}", "\u{07}", "\r", "\u{202E}", "\u{0085}"] { #expect(!result.stdout.contains(raw)) }
        #expect(!result.stdout.split(separator: "\n").contains { $0.hasPrefix("forged line") })
    }

    @Test func oneLineErrorsStayOneLineWithEscapes() throws {
        let evidence = try folder(["scope.yaml": "organisation: x\n\"env\\e[2J\\r\\nfake: ok\\u202E\": 1\n"])
        let result = try CLIRunner.run(["inventory", evidence.path])
        #expect(result.status == 2)
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
        #expect(lines.count == 1, "\(result.stderr)")
        #expect(result.stderr.contains("unknown key \"env\\e[2J\\r\\nfake: ok\\u{202E}\""), "\(result.stderr)")
        #expect(!result.stderr.contains("\u{1B}") && !result.stderr.contains("\u{202E}"))
    }

    @Test func validateRejectsPolicyThresholdsOutOfRange() throws {
        let root = try folder(["policy.yaml": "credential_max_age_days: 9223372036854775807\naudit_gap_hours: 1e308\n"])
        let policy = root.appendingPathComponent("policy.yaml").path
        let result = try CLIRunner.run(["validate", "--policy", policy])
        #expect(result.status == 2)
        #expect(
            result.stderr.contains(
                "policy.yaml:1:26: credential_max_age_days must be a whole number of days from 0 to 36500"),
            "\(result.stderr)")
        #expect(
            result.stderr.contains("policy.yaml:2:18: audit_gap_hours must be a number of hours > 0 and ≤ 876000"),
            "\(result.stderr)")
        let evidence = try folder(["identities.csv": identities(["a"])])
        let findings = try CLIRunner.run(["findings", evidence.path, "--policy", policy])
        #expect(findings.status == 2 && findings.stderr.contains("credential_max_age_days"), "\(findings.stderr)")
    }

    @Test func gzipHeaderFollowedByGarbageFailsTheRun() throws {
        let evidence = try Fixtures.temporaryFolder("nhi-hostile-gzip")
        try Data([0x1f, 0x8b, 0x08, 0x00] + Array(repeating: 0x41, count: 40)).write(
            to: evidence.appendingPathComponent("trail.json.gz"))
        let failed = try CLIRunner.run(["inventory", evidence.path])
        #expect(
            failed.status == 2 && failed.stderr.contains("trail.json.gz: corrupt gzip data near byte"),
            "\(failed.stderr)")
        let kept = try CLIRunner.run(["inventory", evidence.path, "--keep-going"])
        #expect(
            kept.status == 0 && kept.stdout.contains("trail.json.gz: failed: trail.json.gz: corrupt gzip data"),
            "\(kept.stdout)")
        #expect(!kept.stdout.contains("no reader recognises"))
    }

    @Test func reportsShowBidiControlsVisibly() throws {
        let evidence = try folder([
            "identities.csv": identities(["deploy\u{202E}gpj.exe"]),
            "owners.csv": "identity,owner\nghost-bot,alice\n",
        ])
        let packs = try Fixtures.temporaryFolder("nhi-hostile-packs")
        let first = packs.appendingPathComponent("q1").path, second = packs.appendingPathComponent("q2").path
        for out in [first, second] {
            let result = try CLIRunner.run(["pack", evidence.path, "--out", out])
            #expect(result.status == 0, "\(result.stderr)")
        }
        let html = try String(contentsOfFile: first + "/index.html", encoding: .utf8)
        #expect(html.contains("deploy[U+202E]gpj.exe") && !html.contains("\u{202E}"))
        #expect(html.contains("<bdi><code>"))
        #expect(
            html.contains("owners.csv:2: owner row for &quot;ghost-bot&quot; names no identity in any inventory")
                || html.contains("owners.csv:2: owner row for \"ghost-bot\" names no identity in any inventory"),
            "the notice is listed")
        let diff = try CLIRunner.run(["diff", first, second, "--format", "markdown"])
        #expect(diff.status == 0, "\(diff.stderr)")
        #expect(!diff.stdout.contains("\u{202E}"))
        #expect(diff.stdout.contains("deploy\\[U+202E\\]gpj.exe"), "\(diff.stdout)")
    }

    @Test func keygenDoesNotOfferAForceItLacks() throws {
        let prefix = try Fixtures.temporaryFolder("nhi-hostile-key").appendingPathComponent("k").path
        #expect(try CLIRunner.run(["keygen", "--out", prefix]).status == 0)
        let again = try CLIRunner.run(["keygen", "--out", prefix])
        #expect(
            again.status == 2 && again.stderr.contains("already exists") && !again.stderr.contains("--force"),
            "\(again.stderr)")
    }

    @Test func unreadableFilesAreNamedWithoutFoundationsText() throws {
        let root = try Fixtures.temporaryFolder("nhi-hostile-diff")
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("p/results.json"), withIntermediateDirectories: true)
        let result = try CLIRunner.run([
            "diff", root.appendingPathComponent("p").path, root.appendingPathComponent("p").path,
        ])
        #expect(result.status == 2)
        for text in ["could not be completed", "NSCocoaErrorDomain", "couldn’t", "(byte 0)"] {
            #expect(!result.stderr.contains(text), "\(result.stderr)")
        }
        #expect(result.stderr.contains("results.json"), "\(result.stderr)")
    }
}
