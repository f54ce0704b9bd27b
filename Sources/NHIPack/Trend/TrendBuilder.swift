import Foundation
import NHIModel

/// Builds the quarter-to-quarter trend for a new pack from earlier packs.
///
/// Usage (by `pack --previous`):
/// ```swift
/// let trend = try TrendBuilder(previous: ["packs/2026-Q3"]).build(current: results, label: "2026-Q4")
/// results.trend = trend.earlier          // what results.json records
/// let svg = TrendChart().svg(trend.points) // what the report shows
/// ```
public struct TrendBuilder: Sendable {
    public struct Trend: Hashable, Sendable {
        /// Earlier packs then the new one, oldest first.
        public var points: [TrendPoint]
        /// Earlier packs only, oldest first: the value of `ResultsDocument.trend`.
        public var earlier: [TrendPoint] { Array(points.dropLast()) }
        /// Why the chain stopped early, e.g. an ancestor pack written by an incompatible release.
        public var notices: [String]
    }

    /// Pack folders given with `--previous`, as the user wrote them.
    public var previous: [String]
    /// Also take the packs each given pack's manifest chain reaches among its sibling folders.
    public var followChain: Bool

    public init(previous: [String], followChain: Bool = true) {
        self.previous = previous
        self.followChain = followChain
    }

    /// A pack given explicitly must be readable (bad input otherwise); an ancestor found through
    /// the chain that cannot be read, or does not match its own manifest, only ends the chain
    /// there, with a notice, because an old pack
    /// from another release must not block this quarter's pack. Each pack counts once; points are
    /// ordered by generation time, then label.
    public func build(current: ResultsDocument, label: String = "this pack") throws(DiffInputError) -> Trend {
        var points: [String: TrendPoint] = [:]
        var notices: [String] = []
        for path in previous {
            let given = try PackResults.load(path)
            let folder = URL(fileURLWithPath: given.folder).standardizedFileURL
            points[folder.path] = TrendPoint(results: given.document, label: folder.lastPathComponent)
            guard followChain else { continue }
            for ancestor in PackChain.follow(from: folder).dropLast().reversed() where points[ancestor.path] == nil {
                if let problem = Self.mismatch(ancestor) {
                    notices.append(
                        "The trend stops at \(ancestor.lastPathComponent): it does not match its own manifest (\(problem))"
                    )
                    break
                }
                do {
                    let results = try PackResults.load(ancestor.path)
                    points[ancestor.path] = TrendPoint(results: results.document, label: ancestor.lastPathComponent)
                } catch {
                    notices.append("The trend stops at \(ancestor.lastPathComponent): \(error)")
                    break
                }
            }
        }
        let earlier = points.values.sorted { ($0.generatedAt, $0.label) < ($1.generatedAt, $1.label) }
        return Trend(points: earlier + [TrendPoint(results: current, label: label)], notices: notices.sorted())
    }

    /// The first way an ancestor differs from its own manifest. Its manifest is the one the chain
    /// reached by digest; one in another release's format cannot be checked file by file and is
    /// read as it is.
    private static func mismatch(_ pack: URL) -> VerificationProblem? {
        guard let data = FileManager.default.contents(atPath: pack.appendingPathComponent(PackLayout.manifest).path),
            (try? Manifest.decode(data)) != nil
        else { return nil }
        return Verifier.verify(pack: pack, publicKey: nil).first
    }
}
