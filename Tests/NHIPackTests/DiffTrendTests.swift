import Foundation
import NHIModel
@testable import NHIPack
import Testing
import TestSupport

/// A class so that each test's temporary folder is removed in deinit.
@Suite final class DiffTrendTests {
    typealias F = ResultsFixture
    let root: URL

    init() throws { root = try Fixtures.temporaryFolder("trend") }
    deinit { try? FileManager.default.removeItem(at: root) }

    private func document(_ at: String, satisfied: Int, failing: Int, findings: [Finding] = []) -> ResultsDocument {
        let controls =
            (0..<satisfied).map { F.control("S\($0)", .satisfied) }
            + (0..<failing).map { F.control("N\($0)", .notSatisfied) }
        return F.document(generatedAt: at, frameworks: ["owasp-nhi": controls], findings: findings)
    }

    /// Writes q1 ← q2 ← q3 beside each other, chained by manifest digests, plus an unrelated pack.
    private func chain() throws -> URL {
        let q1 = try F.writePack(
            document("2026-03-31T00:00:00Z", satisfied: 1, failing: 3), in: root, name: "2026-q1",
            manifest: ["tool": "nhi-audit"])
        let q2 = try F.writePack(
            document("2026-06-30T00:00:00Z", satisfied: 2, failing: 2), in: root, name: "2026-q2",
            manifest: ["previousManifestDigest": try #require(PackChain.manifestDigest(of: q1))])
        try F.writePack(
            document("2026-09-30T00:00:00Z", satisfied: 3, failing: 1), in: root, name: "2026-q3",
            manifest: ["previous": "sha256:" + (try #require(PackChain.manifestDigest(of: q2))).uppercased()])
        try F.writePack(
            document("2025-12-31T00:00:00Z", satisfied: 0, failing: 4), in: root, name: "unrelated",
            manifest: ["tool": "other"])
        return root
    }

    @Test func chainIsFollowedThroughManifestsOldestFirst() throws {
        let root = try chain()
        let folders = PackChain.follow(from: root.appendingPathComponent("2026-q3"))
        #expect(folders.map(\.lastPathComponent) == ["2026-q1", "2026-q2", "2026-q3"])
    }

    @Test func trendPointsRunOldestFirstAndEndWithTheNewPack() throws {
        let root = try chain()
        let current = document(
            "2026-12-31T00:00:00Z", satisfied: 4, failing: 0,
            findings: [F.finding("a", severity: .high), F.finding("b", severity: .low)])
        let trend = try TrendBuilder(previous: [root.appendingPathComponent("2026-q3").path]).build(
            current: current, label: "2026-q4")
        #expect(trend.points.map(\.label) == ["2026-q1", "2026-q2", "2026-q3", "2026-q4"])
        #expect(trend.points.map { $0.satisfiedShare["owasp-nhi"] } == [0.25, 0.5, 0.75, 1.0])
        #expect(trend.earlier.count == 3)
        #expect(trend.points.last?.openFindings == ["critical": 0, "high": 1, "medium": 0, "low": 1, "info": 0])
        #expect(trend.notices.isEmpty)
    }

    @Test func withoutChainFollowingOnlyGivenPacksCountAndRepeatsCountOnce() throws {
        let root = try chain()
        let q3 = root.appendingPathComponent("2026-q3").path, q1 = root.appendingPathComponent("2026-q1").path
        let trend = try TrendBuilder(previous: [q3, q1, q3], followChain: false).build(
            current: document("2026-12-31T00:00:00Z", satisfied: 1, failing: 0))
        #expect(trend.points.map(\.label) == ["2026-q1", "2026-q3", "this pack"])
    }

    @Test func unreadableAncestorEndsTheChainWithANotice() throws {
        let root = try chain()
        try Data("{\"schemaVersion\": \"0.1\"}".utf8).write(to: root.appendingPathComponent("2026-q2/results.json"))
        let trend = try TrendBuilder(previous: [root.appendingPathComponent("2026-q3").path]).build(
            current: document("2026-12-31T00:00:00Z", satisfied: 1, failing: 0))
        #expect(trend.points.map(\.label) == ["2026-q3", "this pack"])
        #expect(trend.notices.count == 1 && trend.notices[0].contains("2026-q2"))
    }

    @Test func aGivenPackThatCannotBeReadIsBadInput() throws {
        #expect(throws: DiffInputError.self) {
            try TrendBuilder(previous: [root.appendingPathComponent("missing").path]).build(current: F.document())
        }
    }

    @Test func satisfiedShareExcludesNotApplicableAndSkipsEmptyFrameworks() {
        let results = F.document(frameworks: [
            "a": [
                F.control("1", .satisfied), F.control("2", .attested), F.control("3", .notAssessed),
                F.control("4", .waived), F.control("5", .notApplicable),
            ],
            "b": [F.control("1", .notApplicable)],
        ])
        let point = TrendPoint(results: results, label: "x")
        #expect(point.satisfiedShare == ["a": 0.5])
    }

    @Test(arguments: [(0.0, 1), (1.08, 2), (7.56, 10), (11.88, 20), (20.0, 20), (430.0, 500)])
    func findingsScaleEndsOnARoundNumberAboveTheTallestBar(value: Double, expected: Int) {
        #expect(TrendChart.niceCeiling(value) == expected)
    }

    @Test func chartOfNoPacksIsStillAValidEmptyChart() {
        let svg = TrendChart().svg([])
        #expect(svg.hasPrefix("<svg") && svg.hasSuffix("</svg>"))
        #expect(svg.contains("across 0 packs"))
        #expect(!svg.contains("<polyline") && !svg.contains("<circle") && !svg.contains("nan"))
    }

    @Test func chartEscapesLabelsAndDrawsEveryPack() throws {
        let points = [
            TrendPoint(
                label: "<b>q1</b>", generatedAt: F.date("2026-03-31"), satisfiedShare: ["fw&\"x": 0.5],
                openFindings: ["high": 2]),
            TrendPoint(
                label: "q2", generatedAt: F.date("2026-06-30"), satisfiedShare: ["fw&\"x": 0.75],
                openFindings: ["high": 1, "low": 1]),
        ]
        let svg = TrendChart().svg(points)
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(!svg.contains("<b>"))
        #expect(svg.contains("&lt;b&gt;q1&lt;/b&gt;"))
        #expect(svg.contains("fw&amp;&quot;x"))
        #expect(svg.contains("<polyline"))
        #expect(
            svg.components(separatedBy: "<rect x=").count - 1 == 3 + 1 + 5,
            "three bars, one framework legend, five severity legends")
        #expect(!svg.contains("<script"))
    }
}
