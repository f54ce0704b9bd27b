import Foundation
import NHICollect
import NHIModel

/// The libFuzzer target over every reader (docs/ARCHITECTURE.md, "Test toolbox"): each input is written
/// under a file name its first byte picks (some formats are recognised by name), collected with
/// `--keep-going`, and must neither trap nor leave a ledger entry with read ≠ accepted + rejected.
/// Built with `-DFUZZING` and `--sanitize=fuzzer` by scripts/fuzz-readers.sh; without them it is a
/// plain program that replays the files it is given, to reproduce a crash libFuzzer saved.
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

    static func run(_ bytes: UnsafeRawBufferPointer) {
        guard let first = bytes.first else { return }
        let file = folder.appendingPathComponent(names[Int(first) % names.count])
        try? FileManager.default.removeItem(at: folder)
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: file.path, contents: Data(bytes.dropFirst())) else { return }
        guard let inventory = try? Collector(options: .init(keepGoing: true)).collect(folder: folder) else { return }
        for entry in inventory.ledger.entries where !entry.isBalanced {
            fatalError("\(entry.file): read \(entry.read) ≠ accepted \(entry.accepted) + rejected \(entry.rejected)")
        }
    }
}

#if FUZZING
    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
        ReaderFuzzer.run(UnsafeRawBufferPointer(start: data, count: size))
        return 0
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
