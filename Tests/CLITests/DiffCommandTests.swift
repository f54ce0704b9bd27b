import Foundation
import NHIModel
import Testing
import TestSupport

/// A class so that each test's temporary folder is removed in deinit.
@Suite final class DiffCommandTests {
    typealias F = ResultsFixture
    let root: URL

    init() throws { root = try Fixtures.temporaryFolder("diff-cli") }
    deinit { try? FileManager.default.removeItem(at: root) }

    /// old → new where NHI1 regresses, NHI2 closes, NHI3 loses coverage (audit log removed),
    /// f-keep persists, f-new appears and waiver W1 expires.
    private func packs(newFindingWaived: Bool = false) throws -> (old: String, new: String, root: URL) {
        let root = self.root.appendingPathComponent(newFindingWaived ? "waived" : "plain")
        let old = F.document(
            generatedAt: "2026-07-01T00:00:00Z",
            frameworks: [
                "owasp-nhi": [
                    F.control("NHI1", .satisfied), F.control("NHI2", .notSatisfied), F.control("NHI3", .satisfied),
                ]
            ],
            findings: [F.finding("f-keep")],
            waivers: [F.waiver("W1", expires: "2026-09-30", state: .active, findings: ["f-keep"])])
        let waiver =
            newFindingWaived ? WaiverApplication(waiverId: "W2", expires: F.date("2027-06-30"), active: true) : nil
        let new = F.document(
            frameworks: [
                "owasp-nhi": [
                    F.control("NHI1", .notSatisfied), F.control("NHI2", .satisfied),
                    F.control("NHI3", .notAssessed, missing: [.auditLog]),
                ]
            ],
            findings: [F.finding("f-keep"), F.finding("f-new", severity: .critical, waiver: waiver)],
            waivers: [F.waiver("W1", expires: "2026-09-30", state: .expired, findings: ["f-keep"])])
        return (
            try F.writePack(old, in: root, name: "old").path, try F.writePack(new, in: root, name: "new").path, root
        )
    }

    /// Two packs where nothing got worse: a control closes and a finding is resolved.
    private func improvingPacks() throws -> (old: String, new: String) {
        let root = self.root.appendingPathComponent("improving")
        let old = F.document(
            generatedAt: "2026-07-01T00:00:00Z", frameworks: ["owasp-nhi": [F.control("NHI2", .notSatisfied)]],
            findings: [F.finding("f-gone")])
        let new = F.document(frameworks: ["owasp-nhi": [F.control("NHI2", .satisfied)]])
        return (try F.writePack(old, in: root, name: "old").path, try F.writePack(new, in: root, name: "new").path)
    }

    @Test func textDiffIsPrintedAndExitsZeroByDefault() throws {
        let (old, new, _) = try packs()
        let result = try CLIRunner.run(["diff", old, new])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("regressed") && result.stdout.contains("NHI1"))
        #expect(result.stdout.contains("f-new") && result.stdout.contains("W1"))
        #expect(!result.stdout.contains("\u{1B}["), "no colour when stdout is not a terminal")
    }

    @Test(arguments: [("regression", Int32(1)), ("new-finding", 1), ("never", 0)])
    func failOnTripsWhenItsConditionHolds(condition: String, expected: Int32) throws {
        let (old, new, _) = try packs()
        let result = try CLIRunner.run(["diff", old, new, "--fail-on", condition])
        #expect(result.status == expected, "\(result.stderr)")
        if expected == 1 { #expect(result.stderr.contains("--fail-on \(condition)")) }
    }

    @Test(arguments: ["regression", "new-finding", "never"])
    func failOnPassesWhenNothingGotWorse(condition: String) throws {
        let (old, new) = try improvingPacks()
        let result = try CLIRunner.run(["diff", old, new, "--fail-on", condition])
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test func newFindingGateIgnoresAWaivedNewFinding() throws {
        let waived = try packs(newFindingWaived: true)
        #expect(try CLIRunner.run(["diff", waived.old, waived.new, "--fail-on", "new-finding"]).status == 0)
        #expect(try CLIRunner.run(["diff", waived.old, waived.new, "--fail-on", "regression"]).status == 1)
    }

    @Test func unknownSchemaIsRefusedWithExitTwo() throws {
        let (old, new, _) = try packs()
        let file = URL(fileURLWithPath: new).appendingPathComponent("results.json")
        let text = try String(contentsOf: file, encoding: .utf8)
            .replacingOccurrences(
                of: "\"schemaVersion\" : \"\(ResultsDocument.currentSchemaVersion)\"",
                with: "\"schemaVersion\" : \"7.0\"")
        try Data(text.utf8).write(to: file)
        let result = try CLIRunner.run(["diff", old, new, "--fail-on", "never"])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix(file.path + ":"))
        #expect(result.stderr.contains("schemaVersion \"7.0\""))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func missingPackAndBrokenJSONExitTwo() throws {
        let (old, new, root) = try packs()
        #expect(try CLIRunner.run(["diff", old, root.appendingPathComponent("nope").path]).status == 2)
        let file = URL(fileURLWithPath: old).appendingPathComponent("results.json")
        try Data("{\n  \"schemaVersion\": \"1.0\",\n  oops\n}".utf8).write(to: file)
        let result = try CLIRunner.run(["diff", old, new])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("\(file.path):3:3: "))
    }

    @Test func badFormatOrGateIsBadInput() throws {
        let (old, new, _) = try packs()
        #expect(try CLIRunner.run(["diff", old, new, "--format", "pdf"]).status == 2)
        #expect(try CLIRunner.run(["diff", old, new, "--fail-on", "always"]).status == 2)
    }

    @Test func outWritesTheChosenFormatAndStillGates() throws {
        let (old, new, root) = try packs()
        let out = root.appendingPathComponent("diff.json")
        let result = try CLIRunner.run([
            "diff", old, new, "--format", "json", "--out", out.path, "--fail-on", "regression",
        ])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: out)) as? [String: Any])
        let controls = try #require(object["controls"] as? [String: [[String: Any]]])
        #expect(controls["regressed"]?.map { $0["id"] as? String } == ["NHI1"])
        #expect(controls["closed"]?.map { $0["id"] as? String } == ["NHI2"])
        #expect(controls["coverageLost"]?.map { $0["id"] as? String } == ["NHI3"])
        let findings = try #require(object["findings"] as? [String: [[String: Any]]])
        #expect(findings["persisting"]?.map { $0["id"] as? String } == ["f-keep"])
        let waivers = try #require(object["waivers"] as? [String: [[String: Any]]])
        #expect(waivers["expired"]?.map { $0["id"] as? String } == ["W1"])
    }

    @Test(arguments: ["markdown", "html"])
    func otherFormatsRender(format: String) throws {
        let (old, new, _) = try packs()
        let result = try CLIRunner.run(["diff", old, new, "--format", format])
        #expect(result.status == 0)
        #expect(result.stdout.contains(format == "html" ? "<!DOCTYPE html>" : "## nhi-audit diff"))
    }

    @Test func helpDescribesFormatsAndExitCodes() throws {
        let result = try CLIRunner.run(["diff", "--help"])
        #expect(result.status == 0)
        for expected in ["OLD_PACK", "NEW_PACK", "--fail-on", "markdown", "Exit codes"] {
            #expect(result.stdout.contains(expected), "help lacks \(expected)")
        }
    }
}
