import Foundation

/// Locations of test data: the project's own fixtures and the shared third-party exports.
public enum Fixtures {
    /// The package root (two levels above Tests/<Target>/).
    public static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    /// `../shared/fixtures` next to the project, or nil when absent (tests then skip with a message).
    public static let shared: URL? = {
        let url = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/fixtures")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }()

    public static let sharedMissingMessage = "../shared/fixtures is absent: tests on third-party exports are skipped"

    /// A file under `../shared/fixtures`, or nil when the shared folder is absent.
    public static func sharedFile(_ relative: String) -> URL? {
        shared?.appendingPathComponent(relative)
    }

    /// `Tests/Fixtures/<relative>` of this project.
    public static func own(_ relative: String) -> URL {
        packageRoot.appendingPathComponent("Tests/Fixtures").appendingPathComponent(relative)
    }

    /// A fresh temporary folder inside this test process's own folder, which is removed when the
    /// process exits, so a test run leaves nothing behind in the system's temporary directory.
    public static func temporaryFolder(_ label: String = "nhi-audit-test") throws -> URL {
        let url = TestProcessFolder.root.appendingPathComponent("\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// One folder per test process for every temporary folder its tests make. Tests leave their
/// folders for the whole run (a failing test's files can be looked at until then); `atexit`
/// removes them all at once.
enum TestProcessFolder {
    static let root: URL = {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("nhi-audit-tests-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        atexit { try? FileManager.default.removeItem(at: TestProcessFolder.root) }
        return url
    }()
}
