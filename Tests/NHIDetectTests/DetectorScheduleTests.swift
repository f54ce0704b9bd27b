import Foundation
import NHIModel
import Testing

@testable import NHIDetect

/// The detector runs its rules and views on every core: whatever order they start and finish in,
/// its result must be the one running them one after another, in rule order, gives.
@Suite struct DetectorScheduleTests {
    /// Every situation a rule is shown on, each run by the whole detector (so most rules and every
    /// view see it), under the example's own policy.
    static let examples = RuleRegistry.rules.flatMap { $0.triggeringExamples + $0.nonTriggeringExamples }

    /// Start orders other than rule order: reversed, the second half before the first, and the
    /// order the detector uses.
    static let orders: [@Sendable ([DetectionJob]) -> [Int]] = [
        { Array($0.indices.reversed()) },
        { jobs in Array(jobs.indices.dropFirst(jobs.count / 2)) + Array(jobs.indices.prefix(jobs.count / 2)) },
        { DetectionSchedule.heaviestFirst($0) },
    ]

    @Test func anyStartOrderGivesTheSequentialResult() {
        for example in Self.examples {
            let detector = Detector(policy: example.policy, classifier: example.classifier)
            let reference = detector.run(
                example.inventory, asOf: ExampleKit.periodEnd, schedule: .sequential, order: { Array($0.indices) })
            #expect(reference.evaluations.map(\.rule) == RuleRegistry.rules.map(\.id))
            #expect(detector.run(example.inventory, asOf: ExampleKit.periodEnd) == reference, "\(example.name)")
            for order in Self.orders {
                let sequential = detector.run(
                    example.inventory, asOf: ExampleKit.periodEnd, schedule: .sequential, order: order)
                #expect(sequential == reference, "\(example.name): started in another order")
                let concurrent = detector.run(
                    example.inventory, asOf: ExampleKit.periodEnd, schedule: .concurrent, order: order)
                #expect(concurrent == reference, "\(example.name): run concurrently")
            }
        }
    }
}
