import NHIModel
import TestSupport
import Testing

@testable import NHIPack

/// Each control's findings are found by position once, for the facts of each finding and for the
/// report's control tables: both held to the simple reference (a search of the findings for each
/// id) on random documents whose controls list ids in any order, repeated or of no finding.
@Suite struct FindingFactsTests {
    @Test func controlsByPositionAreTheReferenceOnRandomDocuments() {
        var random = SeedMutator(seed: 0x6661_6374_73)
        for _ in 0..<80 {
            var doc = SampleResults.document()
            doc.findings = ReportOrderTests.findings(upTo: 14, &random)
            let ids = doc.findings.map(\.id) + ["no finding", "other"]
            doc.frameworks = doc.frameworks.map { framework in
                var framework = framework
                framework.controls = framework.controls.map { control in
                    var control = control
                    control.findings = (0..<Int.random(in: 0..<8, using: &random)).map { _ in
                        ids.randomElement(using: &random)!
                    }
                    return control
                }
                return framework
            }
            let facts = FindingFacts.all(doc, rules: [], remediationDays: [:])
            let reference = doc.frameworks.map { framework in
                framework.controls.map { control in
                    control.findings.compactMap { id in doc.findings.firstIndex { $0.id == id } }
                }
            }
            #expect(facts.controls == reference)
            #expect(facts.findings.count == doc.findings.count)
            for (finding, fact) in zip(doc.findings, facts.findings) {
                let names = doc.frameworks.flatMap { framework in
                    framework.controls.flatMap { control in
                        control.findings.filter { $0 == finding.id }.map { _ in "\(framework.framework) \(control.id)" }
                    }
                }
                #expect(fact.controls.map(\.name) == names)
            }
        }
    }
}
