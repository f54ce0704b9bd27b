import CLibXML2
import Foundation

/// A thin, safe wrapper over libxml2's xmlTextWriter writing into memory or, for a document of a
/// pack, into its `PackFile` as it goes. Every text and attribute value passes through
/// `TextSanitizer.xmlSafe`: xmlTextWriter would write C0 control characters raw and produce an
/// ill-formed document.
final class XMLStreamWriter {
    private let buffer: xmlBufferPtr?
    private let writer: xmlTextWriterPtr
    /// Kept alive while libxml2 writes into it.
    private let file: PackFile?
    private var failure: String?

    /// `indent`: one element per line, indented by two spaces (for people to read).
    init(indent: Bool = true) throws {
        LibXML2.initialised
        guard let buffer = xmlBufferCreate() else { throw PackError.io("libxml2: cannot allocate a buffer") }
        guard let writer = xmlNewTextWriterMemory(buffer, 0) else {
            xmlBufferFree(buffer)
            throw PackError.io("libxml2: cannot create a writer")
        }
        self.buffer = buffer
        self.writer = writer
        file = nil
        start(indent: indent)
    }

    /// Writes into `file` as the document is written; `close` ends it.
    init(to file: PackFile, indent: Bool) throws {
        LibXML2.initialised
        let context = Unmanaged.passUnretained(file).toOpaque()
        guard
            let output = xmlOutputBufferCreateIO(
                { context, bytes, length in
                    guard let context, let bytes, length >= 0 else { return -1 }
                    let file = Unmanaged<PackFile>.fromOpaque(context).takeUnretainedValue()
                    return file.writeNoThrow(UnsafeRawBufferPointer(start: bytes, count: Int(length))) ? length : -1
                }, nil, context, nil)
        else { throw PackError.io("libxml2: cannot create an output buffer") }
        // The writer owns the output buffer from here on and closes it when freed.
        guard let writer = xmlNewTextWriter(output) else {
            xmlOutputBufferClose(output)
            throw PackError.io("libxml2: cannot create a writer")
        }
        buffer = nil
        self.writer = writer
        self.file = file
        start(indent: indent)
    }

    private func start(indent: Bool) {
        if indent {
            xmlTextWriterSetIndent(writer, 1)
            Self.withXMLChars("  ") { _ = xmlTextWriterSetIndentString(writer, $0) }
        }
        check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil), "start document")
    }

    deinit {
        xmlFreeTextWriter(writer)
        if let buffer { xmlBufferFree(buffer) }
    }

    func start(_ name: String, namespace: String? = nil) {
        Self.withXMLChars(name) { n in
            if let namespace {
                Self.withXMLChars(namespace) { ns in check(xmlTextWriterStartElementNS(writer, nil, n, ns), name) }
            } else {
                check(xmlTextWriterStartElement(writer, n), name)
            }
        }
    }

    func attribute(_ name: String, _ value: String) {
        Self.withXMLChars(name) { n in
            Self.withXMLChars(TextSanitizer.xmlSafe(value)) { v in
                check(xmlTextWriterWriteAttribute(writer, n, v), name)
            }
        }
    }

    func attribute(_ name: String, _ value: String?) {
        if let value { attribute(name, value) }
    }

    func text(_ value: String) {
        Self.withXMLChars(TextSanitizer.xmlSafe(value)) { check(xmlTextWriterWriteString(writer, $0), "text") }
    }

    func end() {
        check(xmlTextWriterEndElement(writer), "end element")
    }

    /// `<name attr…>text</name>`.
    func element(_ name: String, _ value: String, attributes: [(String, String)] = []) {
        start(name)
        for (key, attributeValue) in attributes { attribute(key, attributeValue) }
        text(value)
        end()
    }

    func element(_ name: String, _ value: String?) {
        if let value { element(name, value) }
    }

    /// `<name attr…/>`.
    func empty(_ name: String, attributes: [(String, String?)]) {
        start(name)
        for (key, value) in attributes { attribute(key, value) }
        end()
    }

    /// Ends the document written into memory and returns it.
    func finish() throws -> Data {
        try endDocument()
        guard let buffer, let content = xmlBufferContent(buffer) else { return Data() }
        return Data(bytes: content, count: Int(xmlBufferLength(buffer)))
    }

    /// Ends the document and writes what libxml2 still holds into the file.
    func endDocument() throws {
        check(xmlTextWriterEndDocument(writer), "end document")
        check(xmlTextWriterFlush(writer), "flush")
        if let error = file?.failure { throw error }
        if let failure { throw PackError.io("libxml2 writer failed at \(failure)") }
    }

    private func check(_ status: Int32, _ step: String) {
        if status < 0 && failure == nil { failure = step }
    }

    /// xmlChar is unsigned char: hand libxml2 a NUL-terminated UTF-8 byte array.
    /// (A native string's own bytes, not a copy: NUL-terminated by `withCString`.)
    static func withXMLChars<R>(_ text: String, _ body: (UnsafePointer<xmlChar>) -> R) -> R {
        text.withCString { body(UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self)) }
    }
}
