import Foundation

/// Writes a generated catalog as XML in the element order of NIST's OSCAL metaschema.
enum OSCALCatalogXMLWriter {
    static func render(_ document: OSCALCatalogDocument, pretty: Bool) throws -> Data {
        let catalog = document.catalog
        let w = XMLStreamWriter(indent: pretty)
        w.start("catalog", namespace: OSCALXMLCommon.namespace)
        w.attribute("uuid", catalog.uuid)
        OSCALXMLCommon.metadata(catalog.metadata, w)
        catalog.controls.forEach { control($0, w) }
        w.end()
        return try w.finish()
    }

    private static func control(_ c: OSCALControl, _ w: XMLStreamWriter) {
        w.start("control")
        w.attribute("id", c.id)
        w.attribute("class", c.class)
        w.element("title", c.title.text)
        OSCALXMLCommon.props(c.props, w)
        OSCALXMLCommon.links(c.links, w)
        for part in c.parts ?? [] {
            w.start("part")
            w.attribute("id", part.id)
            w.attribute("name", part.name)
            OSCALXMLCommon.paragraphs(part.prose, w)
            w.end()
        }
        c.controls?.forEach { control($0, w) }
        w.end()
    }
}
