import NHIModel
import Testing

/// A framework is named by its title and version, without saying the version twice.
@Suite struct FrameworkNameTests {
    @Test(arguments: [
        ("NIST Cybersecurity Framework (CSF) 2.0", "2.0", "NIST Cybersecurity Framework (CSF) 2.0"),
        ("NIST SP 800-53 Rev. 5 (NHI subset)", "Rev. 5", "NIST SP 800-53 Rev. 5 (NHI subset)"),
        ("OWASP Non-Human Identities Top 10", "2025", "OWASP Non-Human Identities Top 10 2025"),
        ("Framework 12.0", "2.0", "Framework 12.0 2.0"),
        ("Untitled", "", "Untitled"),
    ])
    func nameSaysTheVersionOnce(title: String, version: String, expected: String) {
        #expect(FrameworkAssessment(framework: "f", title: title, version: version, controls: []).name == expected)
    }
}
