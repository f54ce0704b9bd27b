import Foundation
@testable import NHICollect
import NHIModel
import Testing
import TestSupport

/// The reader parses authorization details one entry at a time (`AuthorizationDetailsLayout`);
/// whatever the text, it must read what parsing the whole document as one reads, or fail the same way.
@Suite struct AuthorizationDetailsLayoutTests {
    private struct Outcome: Equatable {
        var error: String?
        var ledger: LedgerEntry?
        var identities: [IdentityID: Identity] = [:]
        var grants: [Grant] = []
        var trusts: [TrustRelationship] = []
        var facts: [String] = []
    }

    private func outcome(_ text: [UInt8], whole: Bool) throws -> Outcome {
        let folder = try Fixtures.temporaryFolder("nhi-authz-layout")
        let url = folder.appendingPathComponent("authz.json")
        try Data(text).write(to: url)
        let source = SourceFile(url: url, relativePath: "authz.json", sha256: "", size: Int64(text.count))
        let builder = InventoryBuilder()
        var ledger = LedgerEntry(file: "authz.json", format: AuthorizationDetailsReader.format, sha256: "", size: 0)
        let context = CollectContext(scope: Scope(organisation: "test"))
        do {
            if whole {
                let data = Data(text)
                try AuthorizationDetailsReader.read(
                    whole: data, file: source, context: context, into: builder, ledger: &ledger)
            } else {
                try AuthorizationDetailsReader.read(source, context: context, into: builder, ledger: &ledger)
            }
        } catch {
            return Outcome(error: "\(error)")
        }
        let facts = builder.iamFacts
        let described =
            facts.managedPolicies.keys.sorted().map { "\($0) \(facts.managedPolicies[$0]!.statements)" }
            + facts.attachments.map { "\($0.holder) \($0.policyArn) \($0.evidence)" }
            + facts.groupInlinePolicies.map { "\($0.group) \($0.name) \($0.statements)" }
            + facts.memberships.map { "\($0.user) \($0.group)" }
        return Outcome(
            ledger: ledger, identities: builder.identities, grants: builder.grants, trusts: builder.trusts,
            facts: described)
    }

    private func expectSame(_ text: [UInt8], _ label: String) throws {
        let layout = try outcome(text, whole: false)
        let whole = try outcome(text, whole: true)
        #expect(layout == whole, "\(label)")
    }

    private var pages: [[UInt8]] {
        get throws {
            try ["authz/page-1.json", "authz/page-2.json"].map { [UInt8](try Data(contentsOf: awsFixture($0))) }
        }
    }

    @Test func fixturesReadAsTheWholeDocument() throws {
        for page in try pages {
            let layout = try outcome(page, whole: false)
            #expect(layout.error == nil && (layout.ledger?.read ?? 0) > 0)
            let whole = try outcome(page, whole: true)
            #expect(layout == whole)
        }
    }

    @Test func malformedAndOddDocumentsFailOrReadAsTheWholeDocument() throws {
        let page = try pages[0]
        let text = String(decoding: page, as: UTF8.self)
        func edited(_ body: (String) -> String) -> [UInt8] { Array(body(text).utf8) }
        let brace = text.firstIndex(of: "{")!
        let after = text.index(after: brace)
        let variants: [(String, [UInt8])] = [
            ("BOM", [0xEF, 0xBB, 0xBF] + page),
            (
                "other members",
                edited { $0.replacingCharacters(in: brace..<after, with: #"{"IsTruncated": false, "Marker": "m","#) }
            ),
            ("repeated list", edited { $0.replacingCharacters(in: brace..<after, with: #"{"UserDetailList": 5,"#) }),
            (
                "list not a list",
                edited {
                    $0.replacingOccurrences(of: #""UserDetailList": ["#, with: #""UserDetailList": {"x": ["#)
                        .replacingOccurrences(of: #""GroupDetailList""#, with: #""x2""#)
                }
            ),
            (
                "entry not an object",
                edited { $0.replacingOccurrences(of: #""UserDetailList": ["#, with: #""UserDetailList": [7, "#) }
            ),
            (
                "lone surrogate",
                edited { $0.replacingOccurrences(of: #""UserDetailList": ["#, with: #""UserDetailList": ["\ud800", "#) }
            ),
            ("huge number", edited { $0.replacingCharacters(in: brace..<after, with: #"{"Marker": 1e999,"#) }),
            (
                "escaped key",
                edited { $0.replacingOccurrences(of: #""RoleDetailList""#, with: #""Role\u0044etailList""#) }
            ),
            ("no lists", Array(#"{"Marker": "m"}"#.utf8)),
            ("not an object", Array("[1, 2]".utf8)),
            ("trailing text", page + Array(" x".utf8)),
            ("invalid UTF-8", edited { $0.replacingOccurrences(of: "deploy", with: "dep\u{1}loy") }),
        ]
        for (label, variant) in variants { try expectSame(variant, label) }
        var invalid = page
        invalid[invalid.count / 2] = 0xFF
        try expectSame(invalid, "invalid UTF-8 byte")
        // Every prefix cut at a few hundred places: each fails, and fails as the whole document does.
        for cut in stride(from: 1, to: page.count, by: max(1, page.count / 300)) {
            try expectSame(Array(page[..<cut]), "cut at \(cut)")
        }
    }
}
