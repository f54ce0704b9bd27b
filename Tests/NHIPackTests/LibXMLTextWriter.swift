import CLibXML2
import Foundation
@testable import NHIPack

/// The oracle for `XMLStreamWriter`: the same calls made through libxml2's xmlTextWriter into
/// memory, with encoding UTF-8, two spaces of indent when indenting, and every value passed
/// through `TextSanitizer.xmlSafe` first (xmlTextWriter writes C0 controls as they are), the
/// namespace too, as `XMLStreamWriter` treats it like any attribute value.
final class LibXMLTextWriter {
    private let buffer: xmlBufferPtr
    private let writer: xmlTextWriterPtr
    private var failure: String?

    init(indent: Bool) {
        LibXML2.initialised
        buffer = xmlBufferCreate()
        writer = xmlNewTextWriterMemory(buffer, 0)
        if indent {
            xmlTextWriterSetIndent(writer, 1)
            Self.withXMLChars("  ") { _ = xmlTextWriterSetIndentString(writer, $0) }
        }
        check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil), "start document")
    }

    deinit {
        xmlFreeTextWriter(writer)
        xmlBufferFree(buffer)
    }

    func start(_ name: String, namespace: String?) {
        Self.withXMLChars(name) { n in
            if let namespace {
                Self.withXMLChars(TextSanitizer.xmlSafe(namespace)) { ns in
                    check(xmlTextWriterStartElementNS(writer, nil, n, ns), name)
                }
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

    func text(_ value: String) {
        Self.withXMLChars(TextSanitizer.xmlSafe(value)) { check(xmlTextWriterWriteString(writer, $0), "text") }
    }

    func end() {
        check(xmlTextWriterEndElement(writer), "end element")
    }

    /// The document, or nil when a call failed.
    func finish() -> [UInt8]? {
        check(xmlTextWriterEndDocument(writer), "end document")
        check(xmlTextWriterFlush(writer), "flush")
        guard failure == nil, let content = xmlBufferContent(buffer) else { return nil }
        return Array(UnsafeBufferPointer(start: content, count: Int(xmlBufferLength(buffer))))
    }

    private func check(_ status: Int32, _ step: String) {
        if status < 0 && failure == nil { failure = step }
    }

    private static func withXMLChars<R>(_ text: String, _ body: (UnsafePointer<xmlChar>) -> R) -> R {
        text.withCString { body(UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self)) }
    }
}
