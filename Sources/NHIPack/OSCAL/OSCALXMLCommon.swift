import Foundation

/// XML for the OSCAL parts the three models share, in the element order NIST's XSD prescribes.
/// Markup-multiline fields become one `<p>` per line.
enum OSCALXMLCommon {
    static let namespace = "http://csrc.nist.gov/ns/oscal/1.0"

    static func metadata(_ m: OSCALMetadata, _ w: XMLStreamWriter) {
        w.start("metadata")
        w.element("title", m.title.text)
        w.element("last-modified", m.lastModified)
        w.element("version", m.version)
        w.element("oscal-version", m.oscalVersion)
        props(m.props, w)
        links(m.links, w)
        for party in m.parties ?? [] {
            w.start("party")
            w.attribute("uuid", party.uuid)
            w.attribute("type", party.type)
            w.element("name", party.name)
            w.end()
        }
        if let remarks = m.remarks { markup("remarks", remarks, w) }
        w.end()
    }

    static func backMatter(_ backMatter: OSCALBackMatter?, _ w: XMLStreamWriter) {
        guard let backMatter else { return }
        w.start("back-matter")
        for r in backMatter.resources {
            w.start("resource")
            w.attribute("uuid", r.uuid)
            w.element("title", r.title.text)
            if let description = r.description { markup("description", description, w) }
            props(r.props, w)
            for link in r.rlinks ?? [] {
                w.start("rlink")
                w.attribute("href", link.href)
                w.attribute("media-type", link.mediaType)
                for hash in link.hashes ?? [] {
                    w.element("hash", hash.value, attributes: [("algorithm", hash.algorithm)])
                }
                w.end()
            }
            w.end()
        }
        w.end()
    }

    static func controlSelection(_ selection: OSCALControlSelection, _ w: XMLStreamWriter) {
        w.start("control-selection")
        markup("description", selection.description, w)
        props(selection.props, w)
        links(selection.links, w)
        if selection.includeAll != nil { w.empty("include-all", attributes: []) }
        for control in selection.includeControls ?? [] {
            w.empty("include-control", attributes: [("control-id", control.controlID)])
        }
        for control in selection.excludeControls ?? [] {
            w.empty("exclude-control", attributes: [("control-id", control.controlID)])
        }
        if let remarks = selection.remarks { markup("remarks", remarks, w) }
        w.end()
    }

    /// Attribute by attribute rather than through `empty`: props are the most frequent element of
    /// the assessment results, and a list of attributes per prop was an allocation each.
    static func props(_ props: [OSCALProp]?, _ w: XMLStreamWriter) {
        for prop in props ?? [] {
            w.start("prop")
            w.attribute("name", prop.name)
            w.attribute("ns", prop.ns)
            w.attribute("value", prop.value)
            w.end()
        }
    }

    static func links(_ links: [OSCALLink]?, _ w: XMLStreamWriter) {
        for link in links ?? [] {
            w.empty("link", attributes: [("href", link.href), ("rel", link.rel), ("media-type", link.mediaType)])
        }
    }

    static func markup(_ name: StaticString, _ markup: OSCALMarkup, _ w: XMLStreamWriter) {
        w.start(name)
        paragraphs(markup, w)
        w.end()
    }

    static func paragraphs(_ markup: OSCALMarkup, _ w: XMLStreamWriter) {
        if !markup.text.isEmpty, TextSanitizer.isOneTrimmedLine(markup.text) { return w.element("p", markup.text) }
        for paragraph in OSCALParagraphs.of(markup.text) { w.element("p", paragraph) }
    }
}
