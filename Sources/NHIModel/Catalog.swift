import Foundation

/// One requirement of a framework catalog (an OWASP risk, a CSF subcategory, a ZT tenet, an 800-53 control).
public struct Control: Hashable, Codable, Sendable {
    public var id: String
    public var title: String
    /// Official text where the publisher allows it, else our summary (see `textIsOfficial`).
    public var text: String?
    public var textIsOfficial: Bool
    /// Parent grouping id (CSF category, 800-53 base control), if any.
    public var parent: String?
    /// Whether this entry is assessable (a leaf) or a grouping (CSF function/category).
    public var assessable: Bool
    public var url: String?

    public init(
        id: String, title: String, text: String? = nil, textIsOfficial: Bool = false,
        parent: String? = nil, assessable: Bool = true, url: String? = nil
    ) {
        self.id = id; self.title = title; self.text = text; self.textIsOfficial = textIsOfficial
        self.parent = parent; self.assessable = assessable; self.url = url
    }
}

/// An identifier a framework withdrew, with its successors (e.g. CSF 1.1 PR.AC-4 → PR.AA-05).
public struct WithdrawnControl: Hashable, Codable, Sendable {
    public var id: String
    public var successors: [String]
    public var note: String?
    public init(id: String, successors: [String], note: String? = nil) {
        self.id = id; self.successors = successors; self.note = note
    }
}

public struct Catalog: Hashable, Codable, Sendable {
    public var id: String
    public var title: String
    public var version: String
    public var publisher: String?
    public var url: String?
    /// Caveat shown with the framework (e.g. "ZT-* identifiers are nhi-audit's; SP 800-207 defines none").
    public var note: String?
    public var controls: [Control]
    public var withdrawn: [WithdrawnControl]

    public init(
        id: String, title: String, version: String, publisher: String? = nil, url: String? = nil,
        note: String? = nil, controls: [Control], withdrawn: [WithdrawnControl] = []
    ) {
        self.id = id; self.title = title; self.version = version; self.publisher = publisher
        self.url = url; self.note = note; self.controls = controls; self.withdrawn = withdrawn
    }

    public var assessableControls: [Control] { controls.filter(\.assessable) }
}

/// How one control of a catalog is assessed, from mappings/frameworks/.
public struct ControlMapping: Hashable, Codable, Sendable {
    public enum Method: String, Codable, Sendable {
        case rules, manual
        case notApplicable = "not-applicable"
    }
    public var control: String
    public var method: Method
    public var rules: [String]
    public var rationale: String
    public init(control: String, method: Method, rules: [String] = [], rationale: String) {
        self.control = control; self.method = method; self.rules = rules; self.rationale = rationale
    }
}

public struct FrameworkMapping: Hashable, Codable, Sendable {
    public var framework: String
    public var controls: [ControlMapping]
    public init(framework: String, controls: [ControlMapping]) {
        self.framework = framework; self.controls = controls
    }
}
