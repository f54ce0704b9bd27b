import CLibXML2

/// libxml2's global set-up. `xmlInitParser` must run once before libxml2 is used from several
/// threads (tests write packs in parallel); a static let runs it exactly once, thread-safely.
enum LibXML2 {
    static let initialised: Void = { xmlInitParser() }()
}
