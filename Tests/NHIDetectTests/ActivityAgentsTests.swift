@testable import NHIDetect
import NHIModel
import TestSupport
import Testing

/// The numbered user agents give each aggregate its own agents, and each agent one number.
@Suite struct ActivityAgentsTests {
    @Test(arguments: 0..<100) func numbersNameEachAggregatesAgents(seed: Int) {
        var random = SeededRandom(state: UInt64(seed))
        let agents = ["aws-cli/2.15", "Mozilla/5.0", "GitHub-Actions", "", "e\u{301}", "\u{e9}", "kubectl/v1.30"]
        let activity = (0..<random.next(30)).map { _ -> ActivityRecord in
            var record = ExampleKit.activity(ExampleKit.roleID(random.pick(["deploy", "ops"])), "ecs:UpdateService")
            for _ in 0..<random.next(5) { record.userAgents.add(random.pick(agents)) }
            return record
        }
        let context = RuleExample("random", ExampleKit.inventory(activity: activity)).context
        let numbered = context.userAgents
        #expect(Set(numbered.agents).count == numbered.agents.count)
        for item in context.activity {
            let named = numbered.numbers(of: item).map { numbered.agents[Int($0)] }
            #expect(named.count == item.record.userAgents.values.count)
            #expect(Set(named) == Set(item.record.userAgents.values))
        }
        var asked: [String] = []
        var verdicts = AgentVerdicts(numbered) { agent -> Int in
            asked.append(agent)
            return agent.utf8.count
        }
        for item in context.activity {
            for number in numbered.numbers(of: item) {
                #expect(verdicts(number) == numbered.agents[Int(number)].utf8.count)
            }
        }
        // Each agent judged once.
        #expect(asked.count == Set(asked).count)
    }
}
