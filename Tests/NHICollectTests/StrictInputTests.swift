import Foundation
@testable import NHICollect
import NHIModel
import Testing
import TestSupport

/// Inputs that must not be half-read or silently ignored: misspelt keys and columns, rows of the
/// wrong width, duplicate owners, oversized records, corrupt gzip, JSON without a position.
@Suite struct StrictInputTests {
    func folder(_ files: [String: String]) throws -> URL {
        let folder = try Fixtures.temporaryFolder("nhi-strict")
        for (name, text) in files {
            let url = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return folder
    }

    @Test(arguments: [
        (
            "organisation: x\nenviroments:\n  - name: production\n",
            "scope.yaml:2:1: unknown key \"enviroments\" in scope.yaml (did you mean \"environments\"?)"
        ),
        (
            "organisation: x\nenvironments:\n  - name: production\n    aws_acounts: [\"1\"]\n",
            "scope.yaml:4:5: unknown key \"aws_acounts\" in environments[] (did you mean \"aws_accounts\"?)"
        ),
        (
            "organisation: x\nsources:\n  - path: a/**\n    formt: owners\n",
            "scope.yaml:4:5: unknown key \"formt\" in sources[] (did you mean \"format\"?)"
        ),
        (
            "organisation: x\nperiod: {start: 2026-01-01, end: 2026-02-01, ende: 1}\n",
            "scope.yaml:2:46: unknown key \"ende\" in period (did you mean \"end\"?)"
        ),
    ])
    func scopeRejectsUnknownKeys(text: String, expected: String) throws {
        let root = try folder(["scope.yaml": text])
        let error = try #require(throws: CollectError.self) { try Collector().collect(folder: root) }
        #expect(error.description.hasPrefix(expected), "\(error.description)")
    }

    @Test func scopeWithOnlyKnownKeysLoads() throws {
        let root = try folder([
            "scope.yaml":
                "organisation: x\nenvironments:\n  - {name: production, production: true, aws_accounts: [\"1\"]}\n"
        ])
        #expect(try Collector().collect(folder: root).scope.environments.map(\.name) == ["production"])
    }

    @Test func recordRowsWithTheWrongFieldCountAreRejectedWithTheirLine() throws {
        let root = try folder([
            "owners.csv": "identity,owner,team\nbot-a,alice,ops\nbot-b,bob\nbot-c,carol,ops,extra\nbot-d,dave,ops\n",
            "changes.csv":
                "id,status,window_start,window_end\nCHG-1,approved,2026-10-01,2026-10-02\nCHG-2,approved,2026-10-01\n",
        ])
        let inventory = try Collector().collect(folder: root)
        let owners = try #require(inventory.ledger.entries.first { $0.file == "owners.csv" })
        #expect(owners.read == 4 && owners.accepted == 2 && owners.isBalanced)
        #expect(owners.rejections.map(\.locators) == [["owners.csv:3", "owners.csv:4"]])
        #expect(owners.rejections.first?.reason == "row has a different number of fields than the header")
        let changes = try #require(inventory.ledger.entries.first { $0.file == "changes.csv" })
        #expect(changes.read == 2 && changes.accepted == 1 && changes.rejections.first?.locators == ["changes.csv:3"])
    }

    @Test func misspeltColumnFailsTheFileNamingTheKnownOne() throws {
        let root = try folder(["owners.csv": "identity,owner,purpse\nbot-a,alice,delivery\n"])
        let error = try #require(throws: CollectError.self) { try Collector().collect(folder: root) }
        #expect(error.description == "owners.csv:1: unknown column \"purpse\" (column 3; did you mean \"purpose\"?)")
        let unrelated = try folder(["owners.csv": "identity,owner,cost_centre\nbot-a,alice,42\n"])
        #expect(try Collector().collect(folder: unrelated).ledger.entries.first?.accepted == 1)
        // A misspelt required column keeps the file from being recognised; pinned by scope.yaml it is named.
        let required = try folder([
            "owners.csv": "identty,owner\nbot-a,alice\n",
            "scope.yaml": "organisation: x\nsources:\n  - {path: owners.csv, format: owners}\n",
        ])
        let misspelt = try #require(throws: CollectError.self) { try Collector().collect(folder: required) }
        #expect(
            misspelt.description == "owners.csv:1: unknown column \"identty\" (column 1; did you mean \"identity\"?)")
        let beside = try folder([
            "changes.csv": "id,status,state,window_start,window_end\nCHG-1,approved,open,2026-10-01,2026-10-02\n"
        ])
        #expect(try Collector().collect(folder: beside).ledger.entries.first?.accepted == 1)
    }

    @Test func duplicateOwnerRowsFailNamingBothLines() throws {
        let root = try folder(["owners.csv": "identity,owner\nbot-a,alice\nbot-b,bob\nbot-a,carol\n"])
        let error = try #require(throws: CollectError.self) { try Collector().collect(folder: root) }
        #expect(
            error.description == "owners.csv:4: identity \"bot-a\" is listed twice (line 2 and line 4); keep one row")
        let environments = try folder([
            "owners.csv": "identity,owner,environment\nbot-a,alice,production\nbot-a,carol,staging\n"
        ])
        #expect(try Collector().collect(folder: environments).owners.count == 2)
    }

    @Test func ownerRowsNamingNoInventoriedIdentityAreListed() throws {
        let root = try folder([
            "owners.csv": "identity,owner\ndeploy,alice\nghost-bot,bob\n",
            "identities.csv": "id,platform,kind,name\ngcp:deploy,gcp,service-account,deploy\n",
        ])
        let inventory = try Collector().collect(folder: root)
        #expect(
            OwnerReferences.unmatched(inventory) == [
                "owners.csv:3: owner row for \"ghost-bot\" names no identity in any inventory"
            ])
    }

    @Test func csvRecordOverTheCapFailsWithItsLine() throws {
        let text = "identity,owner\nbot-a,alice\nbot-b,\"" + String(repeating: "x", count: 200) + "\"\n"
        let error = try #require(throws: CollectError.self) {
            try CSVTable(data: Data(text.utf8), file: "owners.csv", maxRecordBytes: 100)
        }
        #expect(
            error.description
                == "owners.csv:3: a single record is longer than 100 bytes (the record starting on this line)")
        #expect(try CSVTable(data: Data(text.utf8), file: "owners.csv", maxRecordBytes: 300).rows.count == 2)
    }

    @Test func jsonRecordOverTheCapFailsWithItsLine() throws {
        let text = "{\"RuleID\": \"a\"}\n{\"RuleID\": \"" + String(repeating: "x", count: 200) + "\"}\n"
        let error = try #require(throws: CollectError.self) {
            try JSONRecordSplitter.forEach(in: Data(text.utf8), file: "gitleaks.json", maxRecordBytes: 100) { _ in }
        }
        #expect(
            error.description
                == "gitleaks.json:2: a single record is longer than 100 bytes (the record starting on this line)")
    }

    @Test func unclosedQuoteNamesTheLineItOpenedOn() throws {
        let text = "identity,owner\nbot-a,alice\nbot-b,\"bob\nmore\nlines\n"
        let error = try #require(throws: CollectError.self) { try CSVTable(data: Data(text.utf8), file: "owners.csv") }
        #expect(error.description == "owners.csv:3: quoted field is never closed")
        // Lines that end in a lone CR count inside quotes too.
        let classic = "identity,owner\r\"a\rb\",x\rbot,\"open\rmore\r"
        let cr = try #require(throws: CollectError.self) { try CSVTable(data: Data(classic.utf8), file: "owners.csv") }
        #expect(cr.description == "owners.csv:4: quoted field is never closed")
        let closed = try CSVTable(data: Data("identity,owner\r\"a\rb\",x\rbot,y\r".utf8), file: "owners.csv")
        #expect(closed.rows.map(\.line) == [2, 4] && closed.rows[0].fields == ["a\rb", "x"])
    }

    @Test func gzipHeaderFollowedByGarbageIsAFailedFile() throws {
        let root = try Fixtures.temporaryFolder("nhi-strict-gzip")
        try Data([0x1f, 0x8b] + Array("this is not deflate data at all".utf8)).write(
            to: root.appendingPathComponent("trail.json.gz"))
        let error = try #require(throws: CollectError.self) { try Collector().collect(folder: root) }
        #expect(error.description.hasPrefix("trail.json.gz: corrupt gzip data near byte"), "\(error.description)")
        let kept = try Collector(options: .init(keepGoing: true)).collect(folder: root)
        let entry = try #require(kept.ledger.entries.first)
        #expect(
            entry.status == .failed && entry.error?.contains("corrupt gzip data") == true && kept.ledger.skipped.isEmpty
        )
    }

    @Test func brokenJSONNamesLineAndColumnNotFoundationsText() throws {
        let root = try folder(["authz.json": "{\n  \"UserDetailList\": [\n    {\"UserName\": tru}\n  ]\n}\n"])
        let error = try #require(throws: CollectError.self) {
            try Collector(options: .init(readers: [AuthorizationDetailsReader.self])).collect(folder: root)
        }
        #expect(error.description.hasPrefix("authz.json:3:"), "\(error.description)")
        #expect(!error.description.contains("couldn’t") && !error.description.contains("could not be completed"))
    }

    @Test func malformedArrayRecordsNameTheFaultsLineNotAByteOffset() throws {
        let text = """
            {"Records": [
              {"eventVersion": "1.08", "eventSource": "s3.amazonaws.com",
               "eventName": tru},
              {"eventVersion": tru}
            ]}

            """
        let root = try folder([
            "trail.json": text,
            "scope.yaml": "organisation: x\nsources:\n  - {path: trail.json, format: aws-cloudtrail}\n",
        ])
        let inventory = try Collector().collect(folder: root)
        let entry = try #require(inventory.ledger.entries.first)
        #expect(entry.rejected == 2 && entry.isBalanced)
        let locators = entry.rejections.flatMap(\.locators)
        #expect(locators.count == 2 && locators.allSatisfy { !$0.contains("byte") }, "\(locators)")
        #expect(locators.contains { $0.hasPrefix("trail.json:3#0 (column ") }, "\(locators)")
        #expect(locators.contains { $0.hasPrefix("trail.json:4#1 (character ") }, "\(locators)")
    }
}

@Suite struct NearestNameTests {
    @Test func suggestsTheClosestKnownNameOnlyWhenClose() {
        #expect(
            NearestName.distance("", "abc") == 3 && NearestName.distance("kitten", "sitting") == 3
                && NearestName.distance("a", "a") == 0)
        #expect(NearestName.among(["environments", "sources"], to: "enviroments") == "environments")
        #expect(NearestName.among(["identity", "owner"], to: "Owner_") == "owner")
        #expect(NearestName.among(["identity", "owner"], to: "cost_centre") == nil)
    }
}
