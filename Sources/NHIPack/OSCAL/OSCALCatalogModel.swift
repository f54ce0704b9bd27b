/// The subset of an OSCAL catalog that the pack's generated catalogs use.
struct OSCALCatalogDocument: Encodable {
    var catalog: OSCALCatalog
}

struct OSCALCatalog: Encodable {
    var uuid: String
    var metadata: OSCALMetadata
    var controls: [OSCALControl]
}

struct OSCALControl: Encodable {
    var id: String
    var `class`: String?
    var title: OSCALMarkup
    var props: [OSCALProp]?
    var links: [OSCALLink]?
    var parts: [OSCALPart]?
    var controls: [OSCALControl]?
}

struct OSCALPart: Encodable {
    var id: String
    var name: String
    var prose: OSCALMarkup
}
