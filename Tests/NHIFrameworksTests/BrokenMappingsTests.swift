import Foundation
import NHIDetect
import NHIFrameworks
import Testing
import TestSupport

/// Each problem type, caught in a deliberately broken copy of the shipped mappings.
@Suite struct BrokenMappingsTests {
    /// A copy of mappings/ in a temporary folder, edited by the test.
    struct Copy {
        let root: URL

        init() throws {
            root = try Fixtures.temporaryFolder("nhi-mappings").appendingPathComponent("mappings")
            try FileManager.default.copyItem(at: ShippedMappingsTests.folder, to: root)
        }

        func text(_ file: String) throws -> String {
            try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
        }

        func write(_ file: String, _ text: String) throws {
            try Data(text.utf8).write(to: root.appendingPathComponent(file))
        }

        /// Replaces the one occurrence of `old`; returns the 1-based line where it was.
        @discardableResult
        func replace(_ file: String, _ old: String, with new: String) throws -> Int {
            let original = try text(file)
            let range = try #require(original.range(of: old), "\(old) not in \(file)")
            #expect(original.ranges(of: old).count == 1, "\(old) is not unique in \(file)")
            try write(file, original.replacingCharacters(in: range, with: new))
            return original[..<range.lowerBound].filter { $0 == "\n" }.count + 1
        }

        /// The problems loading reports; fails the test when loading succeeds.
        func problems() throws -> [String] {
            do {
                _ = try MappingSet.load(from: root, knownRules: RuleRegistry.ids)
            } catch let error as MappingValidationError {
                return error.problems
            }
            Issue.record("the broken copy loaded without problems")
            return []
        }

        func cleanUp() { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
    }

    static let csf = "frameworks/nist-csf-2.0.yaml"
    static let owasp = "frameworks/owasp-nhi-2025.yaml"

    @Test func malformedYAMLIsReportedWithLineAndColumn() throws {
        let copy = try Copy(); defer { copy.cleanUp() }
        let line = try copy.replace(Self.owasp, "  - control: \"NHI3:2025\"", with: "  - control: [\"NHI3:2025\"")
        let problems = try copy.problems()
        #expect(
            problems.contains { $0.hasPrefix("\(copy.root.path)/\(Self.owasp):") && $0.contains("invalid YAML") },
            "\(problems)")
        let position = try #require(
            problems.first { $0.contains(Self.owasp) }?.split(separator: ":").dropFirst().prefix(2))
        #expect(position.count == 2 && Int(position.first!)! >= line)
    }

    @Test func csf11IdNamesItsSuccessor() throws {
        let copy = try Copy(); defer { copy.cleanUp() }
        let line = try copy.replace(Self.csf, "- control: \"PR.AA-05\"", with: "- control: \"PR.AC-4\"")
        let problems = try copy.problems()
        #expect(
            problems.contains("\(copy.root.path)/\(Self.csf):\(line): PR.AC-4 is a withdrawn CSF 1.1 id; use PR.AA-05"),
            "\(problems)")
        // PR.AA-05 is now unmapped, and that is reported too.
        #expect(problems.contains { $0.contains("PR.AA-05 (") && $0.contains("is not mapped") })
    }

    @Test func withdrawnCSF20PlaceholderIsRejected() throws {
        let copy = try Copy(); defer { copy.cleanUp() }
        try copy.replace(Self.csf, "- control: \"PR.AA-05\"", with: "- control: \"PR.AC-04\"")
        #expect(
            try copy.problems().contains {
                $0.hasSuffix("PR.AC-04 is withdrawn in CSF 2.0 (CSF 1.1 PR.AC-4); use PR.AA-05")
            })
    }

    @Test func unknownControlIsReported() throws {
        let copy = try Copy(); defer { copy.cleanUp() }
        let line = try copy.replace(Self.owasp, "- control: \"NHI10:2025\"", with: "- control: \"NHI-10\"")
        #expect(
            try copy.problems().contains(
                "\(copy.root.path)/\(Self.owasp):\(line): unknown control NHI-10 in owasp-nhi-2025 (did you mean NHI10:2025?)"
            ))
    }

    @Test(arguments: [
        ("NHI-01", "NHI1:2025"), ("nhi1", "NHI1:2025"), ("NHI 09", "NHI9:2025"), ("NHI-1:2025", "NHI1:2025"),
    ])
    func seedStyleIdNamesTheRealOne(written: String, real: String) throws {
        let copy = try Copy(); defer { copy.cleanUp() }
        let line = try copy.replace(Self.owasp, "- control: \"\(real)\"", with: "- control: \"\(written)\"")
        #expect(
            try copy.problems().contains(
                "\(copy.root.path)/\(Self.owasp):\(line): unknown control \(written) in owasp-nhi-2025 (did you mean \(real)?)"
            ))
    }

    @Test func groupingIsNotAssessable() throws {
        let copy = try Copy(); defer { copy.cleanUp() }
        try copy.replace(Self.csf, "- control: \"PR.AA-05\"", with: "- control: \"PR.AA\"")
        #expect(
            try copy.problems().contains {
                $0.hasSuffix("PR.AA is a grouping in nist-csf-2.0, not an assessable control")
            })
    }

    @Test func unknownRuleIsReported() throws {
        let copy = try Copy(); defer { copy.cleanUp() }
        let line = try copy.replace(Self.owasp, "rules: [\"leaked-active-secret\"]", with: "rules: [\"leaked-secret\"]")
        #expect(
            try copy.problems().contains {
                $0.hasPrefix("\(copy.root.path)/\(Self.owasp):\(line - 1):")
                    && $0.contains("unknown rule leaked-secret")
            })
    }

    @Test func duplicateControlIsReported() throws {
        let copy = try Copy(); defer { copy.cleanUp() }
        try copy.replace(Self.owasp, "- control: \"NHI10:2025\"", with: "- control: \"NHI9:2025\"")
        let problems = try copy.problems()
        #expect(problems.contains { $0.contains("duplicate control NHI9:2025 (first mapped on line") })
        #expect(problems.contains { $0.contains("NHI10:2025 (") && $0.contains("is not mapped") })
    }

    @Test func missingControlIsReported() throws {
        let copy = try Copy(); defer { copy.cleanUp() }
        var lines = try copy.text(Self.owasp).components(separatedBy: "\n")
        let index = try #require(lines.firstIndex(of: "  - control: \"NHI4:2025\""))
        lines.removeSubrange(index..<(index + 3))
        try copy.write(Self.owasp, lines.joined(separator: "\n"))
        let problems = try copy.problems()
        #expect(problems.count == 1)
        #expect(
            problems.first?.hasPrefix(
                "\(copy.root.path)/\(Self.owasp):4: NHI4:2025 (\(copy.root.path)/catalogs/owasp-nhi-2025.yaml:")
                == true, "\(problems)")
        #expect(problems.first?.hasSuffix("is not mapped; give it rules, manual or not-applicable") == true)
    }

    @Test func mappingWithoutRationaleIsReported() throws {
        let copy = try Copy(); defer { copy.cleanUp() }
        try copy.replace(
            Self.owasp,
            "    rationale: \"Third parties hold access without an external id or with broad scopes, so their compromise exposes ours\"\n",
            with: "")
        #expect(try copy.problems().contains { $0.hasSuffix("NHI3:2025 has no rationale") })
    }

    @Test func manualWithoutReasonIsReported() throws {
        let copy = try Copy(); defer { copy.cleanUp() }
        try copy.replace(
            Self.csf,
            "manual: \"Mission context is a governance outcome shown by documents and decisions, not by identity exports\"",
            with: "manual: \"\"")
        #expect(try copy.problems().contains { $0.hasSuffix("GV.OC-01 has no reason for manual") })
    }

    @Test func entryShapeIsChecked() throws {
        let copy = try Copy(); defer { copy.cleanUp() }
        let empty = try copy.replace(Self.owasp, "- control: \"NHI1:2025\"", with: "- control: \"\"")
        let both = try copy.replace(
            Self.owasp, "    rules: [\"human-use-of-nhi\", \"console-user-with-access-keys\"]\n",
            with: "    rules: [\"human-use-of-nhi\", \"console-user-with-access-keys\"]\n    manual: \"also\"\n")
        let problems = try copy.problems()
        #expect(
            problems.contains {
                $0.contains("\(Self.owasp):\(empty):") && $0.hasSuffix("\"control\" in a control mapping is empty")
            }, "\(problems)")
        #expect(
            problems.contains {
                $0.contains("\(Self.owasp):\(both - 1):")
                    && $0.hasSuffix(
                        "NHI10:2025 needs exactly one of rules, manual or not-applicable (found rules and manual)")
            }, "\(problems)")
    }

    @Test func frameworkWithoutCatalogIsReported() throws {
        let copy = try Copy(); defer { copy.cleanUp() }
        try copy.write(
            "frameworks/iso-27001.yaml",
            "framework: \"iso-27001-2022\"\ncontrols:\n  - control: \"A.5.15\"\n    manual: \"Access control policy\"\n"
        )
        #expect(
            try copy.problems() == [
                "\(copy.root.path)/frameworks/iso-27001.yaml:1: framework iso-27001-2022 has no catalog (catalogs: nist-csf-2.0, nist-sp800-207, nist-sp800-53r5, owasp-nhi-2025)"
            ])
    }

    @Test func unknownKeyAndDuplicateCatalogControlAreReported() throws {
        let copy = try Copy(); defer { copy.cleanUp() }
        try copy.replace(
            "catalogs/owasp-nhi-2025.yaml", "  - id: \"NHI2:2025\"", with: "  - id: \"NHI1:2025\"\n    assesable: false"
        )
        let problems = try copy.problems()
        #expect(problems.contains { $0.contains("duplicate control NHI1:2025") })
        #expect(problems.contains { $0.contains("unknown key \"assesable\" in a control") })
        #expect(problems.contains { $0.hasSuffix("unknown control NHI2:2025 in owasp-nhi-2025") })
    }

    @Test func everyProblemIsReportedNotOnlyTheFirst() throws {
        let copy = try Copy(); defer { copy.cleanUp() }
        try copy.replace(Self.csf, "- control: \"PR.AA-05\"", with: "- control: \"PR.AC-4\"")
        try copy.replace(Self.owasp, "rules: [\"leaked-active-secret\"]", with: "rules: [\"leaked-secret\"]")
        try copy.write("frameworks/extra.yml", "framework: \"cis-v8\"\ncontrols: []\n")
        let problems = try copy.problems()
        #expect(problems.count == 4, "\(problems)")
        // Sorted by file, then by line number (5 before 123, which plain text order would reverse).
        let csfLines = problems.filter { $0.contains(Self.csf) }.compactMap { Int($0.split(separator: ":")[1]) }
        #expect(csfLines.count == 2 && csfLines == csfLines.sorted(), "\(problems)")
        #expect(problems.first?.contains("extra.yml:1: framework cis-v8 has no catalog") == true)
    }
}
