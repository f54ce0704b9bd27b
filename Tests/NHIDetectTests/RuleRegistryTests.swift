import NHIDetect
import Testing

@Suite struct RuleRegistryTests {
    @Test func ruleIdsAreUniqueKebabCase() {
        let ids = RuleRegistry.descriptors.map(\.id)
        #expect(Set(ids).count == ids.count)
        for id in ids {
            #expect(id.range(of: "^[a-z]+(-[a-z]+)*$", options: .regularExpression) != nil, "\(id) is not kebab-case")
        }
    }

    @Test func everyRuleNamesItsInputs() {
        for descriptor in RuleRegistry.descriptors {
            #expect(!descriptor.inputs.isEmpty, "\(descriptor.id) names no inputs")
        }
    }
}
