import Foundation
@testable import NHIDetect
import NHIModel
import TestSupport
import Testing

/// Merging each rule's findings in report order gives the sort of all of them: severity, id, and
/// equal ones in rule order, then in their rule's order (random lists, empty ones, repeated ids).
@Suite struct ReportOrderMergeTests {
    @Test(arguments: 0..<300) func mergeIsTheSortOfAll(seed: Int) {
        var random = SeededRandom(state: UInt64(seed))
        var serial = 0
        let lists = (0..<random.next(7)).map { _ in
            (0..<random.next(random.next(2) == 0 ? 3 : 25)).map { _ -> Finding in
                serial += 1
                return Finding(
                    id: random.pick(["a", "b", "B", "ab", "é", "e\u{301}", "z"]), rule: "r",
                    severity: random.pick(Severity.allCases), subject: "s", summary: "\(serial)")
            }
        }
        let merged = ReportOrderMerge.merged(lists.map(Finding.inReportOrder))
        // Whole findings: each is moved out of its rule's list, none left behind or emptied.
        #expect(merged == Finding.inReportOrder(lists.flatMap { $0 }))
    }
}
