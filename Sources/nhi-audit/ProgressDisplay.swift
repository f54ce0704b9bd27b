import Foundation
import NHICollect

/// Shows ingest progress on stderr (bytes, records, rate, ETA) for large inputs, and only when
/// stderr is a terminal outside CI: pipes and logs never see it.
final class ProgressDisplay: @unchecked Sendable {
    static let threshold: Int64 = 50 * 1024 * 1024

    private let progress: IngestProgress
    private let queue = DispatchQueue(label: "nhi-audit.progress")
    private let timer: DispatchSourceTimer
    private let started = Date()
    private var shown = false

    static func startIfWanted(_ progress: IngestProgress) -> ProgressDisplay? {
        let environment = ProcessInfo.processInfo.environment
        guard isatty(STDERR_FILENO) == 1, environment["CI"] == nil, environment["TERM"] != "dumb" else { return nil }
        return ProgressDisplay(progress)
    }

    private init(_ progress: IngestProgress) {
        self.progress = progress
        timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now() + 0.5, repeating: 0.5)
        timer.setEventHandler { [weak self] in self?.draw() }
        timer.resume()
    }

    func stop() {
        timer.cancel()
        // Wait for a draw in flight, then clear the line it left.
        guard queue.sync(execute: { shown }) else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    private func draw() {
        let state = progress.snapshot
        guard state.total > Self.threshold else { return }
        let elapsed = max(Date().timeIntervalSince(started), 0.001)
        let rate = Double(state.bytes) / elapsed
        let remaining = rate > 0 ? Double(state.total - state.bytes) / rate : 0
        let line =
            "\r\u{1B}[Kread \(Self.size(state.bytes)) of \(Self.size(state.total)) · \(state.records) records · "
            + "\(Self.size(Int64(rate)))/s · ETA \(Self.duration(max(0, remaining)))"
        FileHandle.standardError.write(Data(line.utf8))
        shown = true
    }

    private static func size(_ bytes: Int64) -> String {
        bytes >= 1 << 30
            ? String(format: "%.2f GB", Double(bytes) / Double(1 << 30))
            : String(format: "%.1f MB", Double(bytes) / Double(1 << 20))
    }

    private static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.up))
        return String(format: "%d:%02d", whole / 60, whole % 60)
    }
}
