import Foundation
import NHIModel
@testable import NHIPack
import Testing
import TestSupport

/// A class so that each test's temporary folder is removed in deinit.
@Suite final class DiffInputTests {
    typealias F = ResultsFixture
    let root: URL

    init() throws { root = try Fixtures.temporaryFolder("diff-input") }
    deinit { try? FileManager.default.removeItem(at: root) }

    private func writeResults(_ text: String) throws -> URL {
        let folder = root
        try Data(text.utf8).write(to: folder.appendingPathComponent("results.json"))
        return folder
    }

    @Test func readsAPackFolderAndAResultsFileAlike() throws {
        let pack = try F.writePack(F.document(), in: root, name: "q4")
        #expect(try PackResults.load(pack.path).document == F.document())
        #expect(try PackResults.load(pack.appendingPathComponent("results.json").path).folder == pack.path)
    }

    @Test func missingPackAndMissingResultsNameThePath() throws {
        #expect(throws: DiffInputError.missingPack(path: root.appendingPathComponent("nope").path)) {
            try PackResults.load(root.appendingPathComponent("nope").path)
        }
        #expect(throws: DiffInputError.missingResults(path: root.appendingPathComponent("results.json").path)) {
            try PackResults.load(root.path)
        }
    }

    @Test func unknownSchemaIsRefusedAtTheVersionsPosition() throws {
        var text = String(decoding: try NHIJSON.encoder().encode(F.document()), as: UTF8.self)
        text = text.replacingOccurrences(
            of: "\"schemaVersion\" : \"\(ResultsDocument.currentSchemaVersion)\"", with: "\"schemaVersion\" : \"2.0\"")
        let folder = try writeResults(text)
        let line =
            text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("schemaVersion") }!
            + 1
        do {
            _ = try PackResults.load(folder.path)
            Issue.record("an unknown schema was accepted")
        } catch {
            guard case let .unknownSchema(_, errorLine, _, found, known) = error else {
                Issue.record("wrong error \(error)"); return
            }
            #expect(errorLine == line)
            #expect(found == "2.0")
            #expect(known == ResultsDocument.currentSchemaVersion)
            #expect(error.description.contains("schemaVersion \"2.0\""))
        }
    }

    @Test func syntaxErrorNamesLineAndColumn() throws {
        let folder = try writeResults("{\n  \"schemaVersion\": \"1.0\",\n  \"tool\": [1,, 2]\n}\n")
        #expect(
            throws: DiffInputError.malformed(
                path: folder.appendingPathComponent("results.json").path, line: 3, column: 14,
                message: "unexpected ',', expected a value")
        ) {
            try PackResults.load(folder.path)
        }
    }

    @Test func wronglyTypedValueNamesItsPosition() throws {
        var text = String(
            decoding: try NHIJSON.encoder().encode(F.document(findings: [F.finding("f1")])), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"severity\" : \"high\"", with: "\"severity\" : 7")
        let folder = try writeResults(text)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let line = lines.firstIndex { $0.contains("\"severity\" : 7") }! + 1
        let column =
            lines[line - 1].distance(from: lines[line - 1].startIndex, to: lines[line - 1].range(of: "7")!.lowerBound)
            + 1
        do {
            _ = try PackResults.load(folder.path)
            Issue.record("a wrongly typed severity was accepted")
        } catch {
            guard case let .malformed(_, errorLine, errorColumn, message) = error else {
                Issue.record("wrong error \(error)"); return
            }
            #expect(errorLine == line && errorColumn == column)
            #expect(message.hasPrefix("findings[0].severity"))
        }
    }

    @Test func missingKeyPointsAtItsObject() throws {
        let folder = try writeResults("{\"schemaVersion\": \"1.0\",\n \"tool\": {\"name\": \"nhi-audit\"}}")
        do {
            _ = try PackResults.load(folder.path)
            Issue.record("an incomplete document was accepted")
        } catch {
            guard case let .malformed(_, line, _, message) = error else { Issue.record("wrong error \(error)"); return }
            #expect(line >= 1)
            #expect(message.contains("required key is missing"))
        }
    }

    @Test func notAnObjectIsRefused() throws {
        let folder = try writeResults("[1, 2]")
        #expect(
            throws: DiffInputError.malformed(
                path: folder.appendingPathComponent("results.json").path, line: 1, column: 1,
                message: "expected a JSON object (a ResultsDocument)")
        ) {
            try PackResults.load(folder.path)
        }
    }
}
