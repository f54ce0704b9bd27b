import NHIModel
@testable import NHIPack
import Testing
import TestSupport

@Suite struct DiffFindingWaiverTests {
    typealias F = ResultsFixture

    @Test func findingsAreMatchedByTheirStableIds() throws {
        let old = F.document(
            generatedAt: "2026-07-01T00:00:00Z",
            findings: [F.finding("f-persist", severity: .medium), F.finding("f-gone", severity: .low)])
        let new = F.document(findings: [
            F.finding("f-persist", severity: .high),
            F.finding("f-new", severity: .critical, subject: "k8s:prod:serviceaccount:ops:deployer"),
        ])
        let result = try PackDiff(old: old, new: new)
        #expect(result.findings.new.map(\.id) == ["f-new"])
        #expect(result.findings.new.first?.severity == .critical)
        #expect(result.findings.new.first?.subject == "k8s:prod:serviceaccount:ops:deployer")
        #expect(result.findings.resolved.map(\.id) == ["f-gone"])
        #expect(result.findings.persisting.map(\.id) == ["f-persist"])
        #expect(result.findings.persisting.first?.previousSeverity == .medium)
        #expect(result.findings.persisting.first?.severity == .high)
        #expect(result.hasNewOpenFinding)
    }

    @Test func findingsAreOrderedBySeverityThenId() throws {
        let new = F.document(findings: [
            F.finding("b", severity: .low), F.finding("c", severity: .critical), F.finding("a", severity: .low),
        ])
        let result = try PackDiff(old: F.document(), new: new)
        #expect(result.findings.new.map(\.id) == ["c", "a", "b"])
    }

    @Test func aNewWaivedFindingDoesNotCountAsOpen() throws {
        let waived = F.finding(
            "f-w", waiver: WaiverApplication(waiverId: "W1", expires: F.date("2027-01-01"), active: true))
        let result = try PackDiff(old: F.document(), new: F.document(findings: [waived]))
        #expect(result.findings.new.first?.open == false)
        #expect(!result.hasNewOpenFinding)
        #expect(!DiffGate.newFinding.trips(on: result))
    }

    @Test func waiverActiveThenExpiredIsListedWithTheFindingsItCovered() throws {
        let old = F.document(
            generatedAt: "2026-07-01T00:00:00Z",
            waivers: [F.waiver("W1", expires: "2026-09-30", state: .active, findings: ["f1"])])
        let new = F.document(waivers: [F.waiver("W1", expires: "2026-09-30", state: .expired, findings: ["f1"])])
        let result = try PackDiff(old: old, new: new)
        #expect(result.waivers.expired.map(\.id) == ["W1"])
        #expect(result.waivers.expired.first?.findings == ["f1"])
        #expect(result.waivers.added.isEmpty)
    }

    @Test func waiverPastItsDateByTheNewPackIsExpiredEvenIfStillMarkedActive() throws {
        let old = F.document(
            generatedAt: "2026-07-01T00:00:00Z", waivers: [F.waiver("W1", expires: "2026-09-30", state: .active)])
        let new = F.document(
            generatedAt: "2026-10-01T00:00:00Z", waivers: [F.waiver("W1", expires: "2026-09-30", state: .active)])
        #expect(try PackDiff(old: old, new: new).waivers.expired.map(\.id) == ["W1"])
    }

    @Test func waiverStillValidIsNotExpired() throws {
        let old = F.document(
            generatedAt: "2026-07-01T00:00:00Z", waivers: [F.waiver("W1", expires: "2027-03-31", state: .active)])
        let new = F.document(waivers: [F.waiver("W1", expires: "2027-03-31", state: .active)])
        let result = try PackDiff(old: old, new: new)
        #expect(result.waivers.expired.isEmpty && result.waivers.added.isEmpty && result.waivers.removed.isEmpty)
    }

    @Test func waiversAddedAndRemoved() throws {
        let old = F.document(
            generatedAt: "2026-07-01T00:00:00Z", waivers: [F.waiver("W-old", expires: "2027-06-30", state: .active)])
        let new = F.document(waivers: [F.waiver("W-new", expires: "2027-06-30", state: .active)])
        let result = try PackDiff(old: old, new: new)
        #expect(result.waivers.added.map(\.id) == ["W-new"])
        #expect(result.waivers.removed.map(\.id) == ["W-old"])
        #expect(result.waivers.expired.isEmpty)
    }

    @Test func metricDeltasCountsAndRoundedShares() throws {
        let old = F.document(
            generatedAt: "2026-07-01T00:00:00Z",
            metrics: Metrics(nhisInScope: 3, owned: 1, overPrivileged: 2, credentialsPastMaxAge: 4, dualUse: 2))
        let new = F.document(
            metrics: Metrics(nhisInScope: 4, owned: 3, overPrivileged: 1, credentialsPastMaxAge: 4, dualUse: 1))
        let metrics = Dictionary(uniqueKeysWithValues: try PackDiff(old: old, new: new).metrics.map { ($0.name, $0) })
        #expect(metrics["nhisInScope"]?.delta == 1)
        #expect(metrics["dualUse"]?.delta == -1)
        #expect(metrics["credentialsPastMaxAge"]?.delta == 0)
        #expect(metrics["ownedShare"]?.from == 0.3333)
        #expect(metrics["ownedShare"]?.to == 0.75)
        #expect(metrics["ownedShare"]?.delta == 0.4167)
        #expect(metrics["overPrivilegedShare"]?.kind == .share)
    }
}
