import Foundation
import NHICollect
import NHIModel

// nhi-bench READER PATH...: the CPU cost, on one core, of one evidence reader on its files,
// apart from the SHA-256 every file also gets for the ingest ledger, so that the reader's own
// speed can be compared with its target. scripts/bench-ingest.sh runs it on generated data.
//
// READER: cloudtrail | kubernetes-audit. PATH: files or folders (read recursively, in path order).
// Prints one line: bytes, records, CPU seconds and MB per CPU second for the reader alone, for
// SHA-256 alone, and for both (what `inventory` spends per file).

let readers: [String: any EvidenceReader.Type] = [
    "cloudtrail": CloudTrailReader.self, "kubernetes-audit": KubernetesAuditReader.self,
]

func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1_000_000 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

func files(under path: String) -> [URL] {
    let url = URL(fileURLWithPath: path)
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else { return [url] }
    let found =
        FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.isRegularFileKey])?.compactMap {
            $0 as? URL
        } ?? []
    return found.filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }.sorted {
        $0.path < $1.path
    }
}

let arguments = CommandLine.arguments.dropFirst()
guard arguments.count >= 2, let reader = readers[arguments.first!] else {
    FileHandle.standardError.write(Data("usage: nhi-bench cloudtrail|kubernetes-audit PATH...\n".utf8))
    exit(2)
}
let inputs = arguments.dropFirst().flatMap(files(under:))

var digests: [URL: (hex: String, size: Int64)] = [:]
let hashStart = cpuSeconds()
for url in inputs { digests[url] = try FileDigest.sha256(of: url) }
let hashSeconds = cpuSeconds() - hashStart

// One context for the run, as the collector has: what readers memoise across files is shared.
let context = CollectContext(scope: Scope(organisation: "bench"))
// A file whose digest is known is not hashed again by the reader: this times parsing and aggregation only.
let sources = inputs.map { url in
    SourceFile(url: url, relativePath: url.lastPathComponent, sha256: digests[url]!.hex, size: digests[url]!.size)
}
let readStart = cpuSeconds()
// In the collector's runs (consecutive files of one reader share what it carries from file to file).
let records = try Collector.readOnOneCore(sources, with: reader, context: context).reduce(0) { $0 + $1.read }
let readSeconds = cpuSeconds() - readStart

let megabytes = Double(digests.values.reduce(0) { $0 + $1.size }) / 1_048_576
func rate(_ seconds: Double) -> String { String(format: "%.0f", megabytes / seconds) }
print(
    String(
        format: "%.0f MB, %d records: reader %.2f s = %@ MB/s; SHA-256 %.2f s = %@ MB/s; both %@ MB per CPU second",
        megabytes, records, readSeconds, rate(readSeconds), hashSeconds, rate(hashSeconds),
        rate(readSeconds + hashSeconds)))
