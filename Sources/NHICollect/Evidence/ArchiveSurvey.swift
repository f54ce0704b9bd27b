import Foundation

/// The members of a zip archive in the evidence folder, each with the reader its head is
/// recognised by (or why none is), so that the collector reads each member as the file it would
/// be if unzipped, under the ledger name `archive.zip!member`.
struct ArchiveSurvey {
    struct Member {
        var name: String
        var member: ZipDirectory.Member?
        /// The reader recognising the member's head; `CorruptArchiveReader` when its start cannot be read.
        var reader: (any EvidenceReader.Type)?
        /// Why the member is not read, when it is not.
        var skipReason: String?
    }

    var members: [Member]

    /// Where a member sits in the ledger and in evidence references.
    static func path(archive: String, member: String) -> String { "\(archive)!\(member)" }

    static func survey(_ url: URL, displayName: String, readers: [any EvidenceReader.Type]) throws -> ArchiveSurvey {
        let directory = try ZipDirectory.read(url, displayName: displayName)
        var members = directory.unsupported.map {
            Member(name: $0.name, member: nil, reader: nil, skipReason: $0.reason)
        }
        for member in directory.members {
            let fileName = member.name.split(separator: "/").last.map(String.init) ?? member.name
            let display = path(archive: displayName, member: member.name)
            guard let head = try? Self.head(url, member: member, displayName: display) else {
                members.append(Member(name: member.name, member: member, reader: CorruptArchiveReader.self))
                continue
            }
            if ZipDirectory.isZip(head) {
                members.append(
                    Member(
                        name: member.name, member: member, reader: nil,
                        skipReason: "zip inside a zip archive: not read (unzip the outer archive)"))
                continue
            }
            let reader = readers.first { $0.sniff(head: head, fileName: fileName) }
            members.append(
                Member(
                    name: member.name, member: member, reader: reader,
                    skipReason: reader == nil ? ContentLook.reason(head: head, fileName: fileName) : nil))
        }
        return ArchiveSurvey(members: members.sorted { $0.name < $1.name })
    }

    /// The member's first 64 KB, inflated when the member is itself gzip; throws when unreadable.
    private static func head(_ url: URL, member: ZipDirectory.Member, displayName: String) throws -> Data {
        let source = try ZipMemberSource(archive: url, member: member, displayName: displayName)
        let limit = 64 * 1024
        var head = Data(count: limit)
        var filled = 0
        try head.withUnsafeMutableBytes { (buffer: UnsafeMutableRawBufferPointer) in
            while filled < limit {
                let count = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
                if count == 0 { break }
                filled += count
            }
        }
        let raw = head.prefix(filled)
        guard FileHead.isGzip(raw) else { return raw }
        let inflated = FileHead.inflatePrefix(raw, limit: limit)
        if let problem = inflated.gzipProblem { throw CollectError(file: displayName, message: problem) }
        return inflated.data
    }
}
