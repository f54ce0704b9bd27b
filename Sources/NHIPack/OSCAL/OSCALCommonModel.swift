/// The parts of OSCAL shared by the pack's three models (assessment results, assessment plan,
/// catalog). One model feeds both the JSON (Codable, OSCAL's JSON names) and the XML writers, so
/// the two forms cannot drift apart. Lists are optional because OSCAL JSON forbids empty arrays:
/// nil means "absent".
struct OSCALMetadata: Encodable {
    var title: OSCALMarkup
    var lastModified: String
    var version: String
    var oscalVersion: String
    var props: [OSCALProp]?
    var links: [OSCALLink]?
    var parties: [OSCALParty]?
    var remarks: OSCALMarkup?
    enum CodingKeys: String, CodingKey {
        case title, version, props, links, parties, remarks
        case lastModified = "last-modified"
        case oscalVersion = "oscal-version"
    }
}

/// A person or organisation named in the documents (waiver approvers).
struct OSCALParty: Encodable {
    var uuid: String
    var type: String
    var name: String
}

struct OSCALProp: Encodable {
    var name: String
    var ns: String?
    var value: String
}

struct OSCALLink: Encodable {
    var href: String
    var rel: String?
    var mediaType: String?
    enum CodingKeys: String, CodingKey {
        case href, rel
        case mediaType = "media-type"
    }
}

struct OSCALBackMatter: Encodable {
    var resources: [OSCALResource]
}

struct OSCALResource: Encodable {
    var uuid: String
    var title: OSCALMarkup
    var description: OSCALMarkup?
    var props: [OSCALProp]?
    var rlinks: [OSCALRLink]?
}

struct OSCALRLink: Encodable {
    var href: String
    var mediaType: String?
    var hashes: [OSCALHash]?
    enum CodingKeys: String, CodingKey {
        case href, hashes
        case mediaType = "media-type"
    }
}

struct OSCALHash: Encodable {
    var algorithm: String
    var value: String
}

/// Text of an OSCAL markup field. XML carries it as text (the writer escapes it); JSON carries
/// Markdown, where an input value such as `<script>` would be raw HTML to a Markdown renderer, so
/// the JSON form backslash-escapes the characters that start HTML, entities and code.
struct OSCALMarkup: Encodable, ExpressibleByStringLiteral {
    var text: String

    init(_ text: String) { self.text = text }
    init(stringLiteral value: String) { self.text = value }

    var markdown: String {
        // Most text has none of the escaped characters (all ASCII): it is returned as it is.
        guard Self.hasEscapes(text) else { return text }
        var escaped = ""
        for character in text {
            if "\\<>&`".contains(character) { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(markdown)
    }

    /// Whether `text` holds a character `markdown` escapes, eight bytes at a time: every markup
    /// field of the JSON assessment results is checked (perf: a byte-by-byte search was a
    /// measurable share of writing them).
    static func hasEscapes(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { utf8 in
            !ASCIIScan.allBytes(utf8, { !isEscaped($0) }) { word in
                !(ASCIIScan.hasByte(word, equalTo: UInt8(ascii: "\\"))
                    || ASCIIScan.hasByte(word, equalTo: UInt8(ascii: "<"))
                    || ASCIIScan.hasByte(word, equalTo: UInt8(ascii: ">"))
                    || ASCIIScan.hasByte(word, equalTo: UInt8(ascii: "&"))
                    || ASCIIScan.hasByte(word, equalTo: UInt8(ascii: "`")))
            }
        } ?? text.utf8.contains(where: isEscaped)
    }

    static func isEscaped(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "\\"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), UInt8(ascii: "`"): true
        default: false
        }
    }
}
