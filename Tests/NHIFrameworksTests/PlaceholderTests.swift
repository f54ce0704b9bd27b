import NHIFrameworks
import Testing

@Suite struct FrameworksSmokeTests {
    @Test func moduleLoads() { #expect(Bool(true)) }
}
