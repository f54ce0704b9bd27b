import Foundation
import NHIModel

extension Collector {
    /// Plans each member of a zip archive as the file it would be unzipped, named
    /// `archive.zip!member`: its format from the first scope.yaml `sources` rule matching the member's
    /// path, else the archive's, else its sniffed head. Members not read are listed as skipped with
    /// why; so is an archive none of whose members is read.
    func planMembers(
        of survey: ArchiveSurvey, archive: (relative: String, url: URL), scopeFile: ScopeFile?, through: String,
        plans: inout [(SourceFile, any EvidenceReader.Type)], skipped: inout [SkippedFile]
    ) throws {
        let archiveRule = scopeFile?.sources.first { Glob($0.path).matches(archive.relative) }
        var planned = 0
        for entry in survey.members {
            let path = ArchiveSurvey.path(archive: archive.relative, member: entry.name)
            let rule = scopeFile?.sources.first { Glob($0.path).matches(path) } ?? archiveRule
            guard let member = entry.member else {
                skipped.append(SkippedFile(file: path, reason: (entry.skipReason ?? "not read") + through))
                continue
            }
            let reader = try rule?.format.map { try self.reader(named: $0, for: rule!.path) } ?? entry.reader
            guard let reader else {
                skipped.append(
                    SkippedFile(file: path, reason: (entry.skipReason ?? "no reader recognises its content") + through))
                continue
            }
            var source = SourceFile(
                url: archive.url, relativePath: path, sha256: "", size: member.size,
                environmentOverride: rule?.environment, accountOverride: rule?.account)
            source.member = member
            plans.append((source, reader))
            planned += 1
        }
        if planned == 0 {
            let count = survey.members.count
            skipped.append(
                SkippedFile(
                    file: archive.relative,
                    reason: (count == 0 ? "empty zip archive" : "zip with no supported member (of \(count))") + through)
            )
        }
    }
}

extension SourceFile {
    /// The evidence file, or zip member, that a ledger path (`archive.zip!member`) below `root` names.
    static func at(_ relative: String, in root: URL) throws -> SourceFile {
        let whole = root.appendingPathComponent(relative)
        guard let bang = relative.firstIndex(of: "!"), !FileManager.default.fileExists(atPath: whole.path) else {
            return SourceFile(url: whole, relativePath: relative, sha256: "", size: 0)
        }
        let archive = String(relative[..<bang]), name = String(relative[relative.index(after: bang)...])
        let url = root.appendingPathComponent(archive)
        let directory = try ZipDirectory.read(url, displayName: archive)
        guard let member = directory.members.first(where: { $0.name == name }) else {
            throw CollectError(file: relative, message: "no member \"\(name)\" in the zip archive")
        }
        var file = SourceFile(url: url, relativePath: relative, sha256: "", size: member.size)
        file.member = member
        return file
    }
}
