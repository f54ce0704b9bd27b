import Foundation
import NHICollect
import NHIModel

/// The libFuzzer target over every reader (docs/ARCHITECTURE.md, "Test toolbox"): each input is written
/// under a file name its first byte picks (some formats are recognised by name), collected with
/// `--keep-going`, and must neither trap nor leave a ledger entry with read ≠ accepted + rejected.
/// With `NHI_FUZZ_FORMAT` set to a reader's format (`aws-cloudtrail`, …) a scope.yaml beside the input
/// names that format for it, so that every mutant reaches that reader, even one its sniffing would
/// no longer claim. Built with `-DFUZZING`, coverage and AddressSanitizer by scripts/fuzz-readers.sh; without
/// them it is a plain program that replays the files it is given, to reproduce a crash libFuzzer saved.
enum ReaderFuzzer {
    static let names = [
        "owners.csv", "activity.csv", "changes.json", "trail.json", "audit.jsonl", "rbac.yaml",
        "gitleaks.json", "trufflehog.jsonl", "credential-report.csv", "authz.json", "audit-log.json", "input.gz",
        "reports.zip", "gitleaks.sarif", "trufflehog3.json", "detect-secrets.json", "noseyparker.jsonl",
        "secret-scanning-alerts.json",
    ]

    static let folder: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("nhi-fuzz-\(getpid())")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    /// The format every input is read as (`NHI_FUZZ_FORMAT`); nil: each file's sniffed format.
    static let format: String? = {
        guard let name = ProcessInfo.processInfo.environment["NHI_FUZZ_FORMAT"], !name.isEmpty else { return nil }
        guard ReaderRegistry.all.contains(where: { $0.format == name }) else {
            let known = ReaderRegistry.all.map { $0.format }.sorted().joined(separator: ", ")
            FileHandle.standardError.write(Data("nhi-fuzz: unknown format \(name); known: \(known)\n".utf8))
            exit(2)
        }
        return name
    }()

    static func run(_ bytes: UnsafeRawBufferPointer) {
        guard let first = bytes.first else { return }
        let name = names[Int(first) % names.count]
        let file = folder.appendingPathComponent(name)
        try? FileManager.default.removeItem(at: folder)
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: file.path, contents: Data(bytes.dropFirst())) else { return }
        if let format {
            let scope = "organisation: Fuzz\nsources:\n  - path: \"\(name)\"\n    format: \(format)\n"
            let scopeFile = folder.appendingPathComponent(ScopeFile.fileName)
            guard FileManager.default.createFile(atPath: scopeFile.path, contents: Data(scope.utf8)) else { return }
        }
        guard let inventory = try? Collector(options: .init(keepGoing: true)).collect(folder: folder) else { return }
        for entry in inventory.ledger.entries where !entry.isBalanced {
            fatalError("\(entry.file): read \(entry.read) ≠ accepted \(entry.accepted) + rejected \(entry.rejected)")
        }
    }
}

#if FUZZING
    /// libFuzzer's driver (`libclang_rt.fuzzer_no_main`, linked by scripts/fuzz-readers.sh): it parses
    /// libFuzzer's arguments and calls `test` with each input. Linked without libFuzzer's own `main`,
    /// so that the package's other executables (the build plugin's tool) still link in the same build.
    @_silgen_name("LLVMFuzzerRunDriver")
    func runFuzzerDriver(
        _ argc: UnsafeMutablePointer<CInt>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
        _ test: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
    ) -> CInt

    @main
    enum FuzzMain {
        static func main() {
            var argc = CommandLine.argc
            var argv = CommandLine.unsafeArgv
            exit(
                runFuzzerDriver(&argc, &argv) { data, size in
                    ReaderFuzzer.run(UnsafeRawBufferPointer(start: data, count: size))
                    return 0
                })
        }
    }
#else
    @main
    enum ReplayMain {
        static func main() {
            for path in CommandLine.arguments.dropFirst() {
                guard let data = FileManager.default.contents(atPath: path) else {
                    FileHandle.standardError.write(Data("nhi-fuzz: \(path): cannot read\n".utf8))
                    exit(2)
                }
                data.withUnsafeBytes { ReaderFuzzer.run($0) }
                print("\(path): ok")
            }
        }
    }
#endif
