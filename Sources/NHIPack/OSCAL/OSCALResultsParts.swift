/// A list of OSCAL objects made one at a time as it is written, so that the objects of a whole
/// document (one observation and one risk per finding) are never held in memory together.
struct OSCALElements<Element: Encodable> {
    let count: Int
    let make: (Int) -> Element

    init(count: Int, make: @escaping (Int) -> Element) {
        self.count = count
        self.make = make
    }

    init(_ elements: [Element]) {
        self.init(count: elements.count) { elements[$0] }
    }

    /// The elements from `start` up to `end` (excluded), made now.
    func slice(_ start: Int, _ end: Int) -> [Element] { (start..<end).map(make) }

    /// All elements made at once, or nil when there are none (OSCAL forbids empty lists).
    var all: [Element]? { count == 0 ? nil : slice(0, count) }
}

/// The pack's assessment results as written: the document without the observations and risks of
/// its one result, and those two lists made element by element.
struct OSCALResultsParts {
    /// The document; its result's `observations` and `risks` are nil here.
    let frame: OSCALResultsDocument
    let observations: OSCALElements<OSCALObservation>
    let risks: OSCALElements<OSCALRisk>

    /// The document with every list in place, as one value (for `pack --pretty`, whose layout
    /// depends on depth, and for tests).
    var whole: OSCALResultsDocument {
        var document = frame
        document.assessmentResults.results[0].observations = observations.all
        document.assessmentResults.results[0].risks = risks.all
        return document
    }
}
