import Foundation
import NHIModel

/// An earlier pack that a new one chains to with `--previous`: its manifest digest goes into the
/// new manifest, and its results extend the trend.
public struct PreviousPack: Sendable {
    public var location: URL
    public var manifestDigest: String
    public var results: ResultsDocument

    /// Reads the pack's manifest.json and results.json. It does not verify the pack: run
    /// `Verifier.verify` first where the earlier pack may have been tampered with.
    public static func load(_ location: URL) throws -> PreviousPack {
        let manifestURL = location.appendingPathComponent(PackLayout.manifest)
        let resultsURL = location.appendingPathComponent(PackLayout.results)
        guard let manifest = FileManager.default.contents(atPath: manifestURL.path) else {
            throw PackError.notAPack(location.path)
        }
        guard let data = FileManager.default.contents(atPath: resultsURL.path) else {
            throw PackError.io("\(resultsURL.path): missing")
        }
        let results: ResultsDocument
        do { results = try NHIJSON.decoder().decode(ResultsDocument.self, from: data) } catch {
            throw PackError.io("\(resultsURL.path): not a results document (\(error.localizedDescription))")
        }
        return PreviousPack(location: location, manifestDigest: SHA256Hex.of(manifest), results: results)
    }

    /// The trend for the new pack: the earlier pack's own trend, then the earlier pack itself.
    public var trend: [TrendPoint] {
        results.trend + [Self.point(for: results)]
    }

    /// A pack's place in the trend: per framework, the share of assessable controls (all but
    /// not-applicable) that pass; per severity, the open findings.
    public static func point(for results: ResultsDocument) -> TrendPoint {
        var shares: [String: Double] = [:]
        for framework in results.frameworks {
            let assessable = framework.controls.filter { $0.status != .notApplicable }
            shares[framework.framework] = assessable.isEmpty ? 0 : Double(assessable.filter { $0.status.isPassing }.count) / Double(assessable.count)
        }
        var open: [String: Int] = [:]
        for finding in results.findings where finding.isOpen { open[finding.severity.rawValue, default: 0] += 1 }
        let label = results.scope.periodEnd.map { String(ISO8601.string(from: $0).prefix(10)) } ?? String(ISO8601.string(from: results.generatedAt).prefix(10))
        return TrendPoint(label: label, generatedAt: results.generatedAt, satisfiedShare: shares, openFindings: open)
    }
}
