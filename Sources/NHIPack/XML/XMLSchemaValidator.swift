import CLibXML2
import Foundation

/// Validates XML against an XSD with libxml2 and returns the errors as `name:line: message`.
/// Errors are captured through libxml2's structured handlers (the generic ones are variadic and
/// do not import); the collector rides in the handlers' user data.
public enum XMLSchemaValidator {
    public static func validate(_ xml: Data, schema: URL, documentName: String) throws -> [String] {
        try withSchema(schema) { compiled in
            let collector = ErrorCollector(documentName: documentName)
            let token = Unmanaged.passUnretained(collector).toOpaque()
            // The parse error handler is thread-local global state: set and reset it in this one synchronous section.
            xmlSetStructuredErrorFunc(token, collectError)
            let document = xml.withUnsafeBytes { raw -> xmlDocPtr? in
                let options = Int32(XML_PARSE_BIG_LINES.rawValue | XML_PARSE_NONET.rawValue)
                return xmlReadMemory(
                    raw.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(raw.count), documentName, nil, options)
            }
            xmlSetStructuredErrorFunc(nil, nil)
            guard let document else {
                return collector.messages.isEmpty ? ["\(documentName): not well-formed XML"] : collector.messages
            }
            defer { xmlFreeDoc(document) }

            guard let validContext = xmlSchemaNewValidCtxt(compiled) else {
                throw PackError.io("libxml2: cannot create a validation context")
            }
            defer { xmlSchemaFreeValidCtxt(validContext) }
            xmlSchemaSetValidStructuredErrors(validContext, collectError, token)
            let status = xmlSchemaValidateDoc(validContext, document)
            if status != 0 && collector.messages.isEmpty {
                return ["\(documentName): schema validation failed (libxml2 status \(status))"]
            }
            return collector.messages
        }
    }

    /// Validates a file as it is read (SAX), without building its tree: a large document costs
    /// no more memory than a small one.
    public static func validate(file: URL, schema: URL, documentName: String) throws -> [String] {
        try withSchema(schema) { compiled in
            let collector = ErrorCollector(documentName: documentName)
            let token = Unmanaged.passUnretained(collector).toOpaque()
            guard let validContext = xmlSchemaNewValidCtxt(compiled) else {
                throw PackError.io("libxml2: cannot create a validation context")
            }
            defer { xmlSchemaFreeValidCtxt(validContext) }
            xmlSchemaSetValidStructuredErrors(validContext, collectError, token)
            // Well-formedness errors come through the parser's handler: thread-local global state,
            // set and reset in this one synchronous section.
            xmlSetStructuredErrorFunc(token, collectError)
            let status = xmlSchemaValidateFile(validContext, file.path, 0)
            xmlSetStructuredErrorFunc(nil, nil)
            if status != 0 && collector.messages.isEmpty {
                return ["\(documentName): schema validation failed (libxml2 status \(status))"]
            }
            return collector.messages
        }
    }

    private static func withSchema<R>(_ schema: URL, _ body: (xmlSchemaPtr) throws -> R) throws -> R {
        LibXML2.initialised
        guard let parserContext = xmlSchemaNewParserCtxt(schema.path) else {
            throw PackError.io("\(schema.path): cannot read the schema")
        }
        defer { xmlSchemaFreeParserCtxt(parserContext) }
        let schemaCollector = ErrorCollector(documentName: schema.path)
        xmlSchemaSetParserStructuredErrors(
            parserContext, collectError, Unmanaged.passUnretained(schemaCollector).toOpaque())
        guard let compiled = xmlSchemaParse(parserContext) else {
            throw PackError.io(
                "\(schema.path): not a usable schema: " + schemaCollector.messages.prefix(3).joined(separator: "; "))
        }
        defer { xmlSchemaFree(compiled) }
        return try body(compiled)
    }
}

private final class ErrorCollector {
    let documentName: String
    var messages: [String] = []
    init(documentName: String) { self.documentName = documentName }
}

private func collectError(_ userData: UnsafeMutableRawPointer?, _ error: xmlErrorPtr?) {
    guard let userData, let error else { return }
    let collector = Unmanaged<ErrorCollector>.fromOpaque(userData).takeUnretainedValue()
    let message =
        error.pointee.message.map { String(cString: $0) }?.trimmingCharacters(in: .whitespacesAndNewlines)
        ?? "unknown error"
    collector.messages.append("\(collector.documentName):\(error.pointee.line): \(message)")
}
