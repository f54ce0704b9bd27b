import Foundation

/// Runs the programs some tests check with (Python scripts, mostly), their output and errors
/// captured together, so a failing check shows what the program said.
public enum ExternalProgram {
    /// The Python those checks use: `.ci/run`'s virtual environment (`.venv-ci`) when it exists,
    /// else `python3` on the PATH.
    public static let python: [String] = {
        let venv = Fixtures.packageRoot.appendingPathComponent(".venv-ci/bin/python3")
        return FileManager.default.isExecutableFile(atPath: venv.path) ? [venv.path] : ["/usr/bin/env", "python3"]
    }()

    /// Runs `command` (the program's path, then its arguments) to its end.
    public static func run(_ command: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    /// Runs `python` with `arguments`.
    public static func python(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try run(python + arguments)
    }

    /// Whether `python` can import `modules` (a comma-separated list, as after `import`).
    public static func pythonHas(_ modules: String) -> Bool {
        (try? python(["-c", "import \(modules)"]))?.status == 0
    }
}
