import Foundation
import Testing
import TestSupport

/// `privilege-escalation` on a lab account (Tests/Fixtures/aws/privilege-escalation): every
/// deliberately vulnerable principal is reported with its path, no trap is.
@Suite struct PrivilegeEscalationLabTests {
    static let fixture = Fixtures.own("aws/privilege-escalation")

    struct Report: Decodable {
        struct Item: Decodable { var rule: String; var severity: String; var subject: String; var summary: String }
        var findings: [Item]
    }

    /// Path ids (and `via <role>` for chains) named in a finding's summary.
    static func paths(_ summary: String) -> Set<String> {
        guard let colon = summary.range(of: "privileges: ") else { return [] }
        return Set(summary[colon.upperBound...].components(separatedBy: ", "))
    }

    @Test func everyPathFiresAndNoTrapDoes() throws {
        let expected = try JSONDecoder().decode(
            [String: [String]].self,
            from: Data(contentsOf: Self.fixture.appendingPathComponent("expected.json")))
        let result = try CLIRunner.run([
            "findings", Self.fixture.appendingPathComponent("lab").path, "--format", "json",
            "--mappings", Fixtures.packageRoot.appendingPathComponent("mappings").path,
        ])
        #expect(result.status == 0 || result.status == 1, "\(result.stderr)")
        let report = try JSONDecoder().decode(Report.self, from: Data(result.stdout.utf8))
        let findings = Dictionary(
            report.findings.filter { $0.rule == "privilege-escalation" }.map { ($0.subject, $0) },
            uniquingKeysWith: { first, _ in first })
        let vulnerable = expected.filter { !$0.value.isEmpty }
        #expect(vulnerable.count >= 30)
        for (principal, paths) in expected.sorted(by: { $0.key < $1.key }) {
            if paths.isEmpty {
                #expect(findings[principal] == nil, "trap \(principal) fired: \(findings[principal]?.summary ?? "")")
                continue
            }
            let finding = findings[principal]
            #expect(finding != nil, "\(principal) should be reported with \(paths)")
            if let finding {
                #expect(Set(paths).isSubset(of: Self.paths(finding.summary)), "\(principal): \(finding.summary)")
                #expect(finding.severity == "critical", "production principals are critical")
            }
        }
        #expect(
            Set(findings.keys).isSubset(of: Set(vulnerable.keys)),
            "reported outside the lab's list: \(Set(findings.keys).subtracting(vulnerable.keys).sorted())")
    }
}
