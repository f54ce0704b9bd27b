import NHIPack
import Testing

@Suite struct PackSmokeTests {
    @Test func moduleLoads() { #expect(Bool(true)) }
}
