import Foundation

/// With `NHI_AUDIT_STAGE_TIMES` set in the environment, one line per finished stage on standard
/// error: the stage's wall and CPU time and the process's resident memory then and at its peak so
/// far. `scripts/bench-pipeline.sh` reads them to split a whole command into collect, detect,
/// assess and render per output (docs/performance.md).
final class StageTimes: @unchecked Sendable {
    static let shared = StageTimes(enabled: ProcessInfo.processInfo.environment["NHI_AUDIT_STAGE_TIMES"] != nil)

    private let enabled: Bool
    private let lock = NSLock()
    private var lastWall: Double
    private var lastCPU: Double

    private init(enabled: Bool) {
        self.enabled = enabled
        lastWall = Self.wall()
        lastCPU = Self.cpu()
    }

    /// Starts the clock for the first stage.
    func begin() {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        lastWall = Self.wall()
        lastCPU = Self.cpu()
    }

    /// Ends the stage called `name`: what it took since the previous mark (or the start).
    func mark(_ name: String) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        let wall = Self.wall(), cpu = Self.cpu()
        write(name, wall: wall - lastWall, cpu: cpu - lastCPU)
        lastWall = wall
        lastCPU = cpu
    }

    /// One line for a part of the current stage that ran beside others, with its own figures (its
    /// thread's CPU): the stage's own line, at its mark, still counts all of it.
    func task(_ name: String, wall: Double, cpu: Double) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        write(name, wall: wall, cpu: cpu)
    }

    private func write(_ name: String, wall: Double, cpu: Double) {
        let figures = String(
            format: "%.2f s wall %.2f s cpu %.0f MB rss %.0f MB peak", wall, cpu, Self.residentMB(), Self.peakMB())
        FileHandle.standardError.write(Data("stage \(name) \(figures)\n".utf8))
    }

    private static func wall() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    private static func cpu() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    private static func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }

    /// Peak resident set so far (the kernel's high-water mark, in KB on Linux).
    private static func peakMB() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_maxrss) / 1024
    }

    /// Resident set now: the second field of /proc/self/statm, in pages.
    private static func residentMB() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Double(fields[1]) else { return 0 }
        return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
    }
}
