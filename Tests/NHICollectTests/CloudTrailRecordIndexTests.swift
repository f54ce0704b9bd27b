@testable import NHICollect
import Testing
import TestSupport

@Suite struct CloudTrailRecordIndexTests {
    private func key(_ random: inout SplitMix64) -> CloudTrailRecordKey {
        CloudTrailRecordKey(
            identity: Int32(random.next() % 3_000), action: Int32(random.next() % 40),
            fields: Int32(random.next() % 3), account: Int32(random.next() % 4) - 2)
    }

    /// Thousands of keys, so that the slots grow and every key is placed again several times;
    /// every key added is found at its record, and keys never added are not found. The first key
    /// is all zeros, as the empty slots' key is: emptiness is the record, not the key.
    @Test func findsEveryKeyAddedThroughGrowth() {
        var random = SplitMix64(seed: 3)
        var index = CloudTrailRecordIndex()
        let zero = CloudTrailRecordKey(identity: 0, action: 0, fields: 0, account: 0)
        #expect(index.record(for: zero) == -1)
        index.added(zero, record: 0)
        var records = [zero]
        for _ in 0..<20_000 {
            let key = key(&random)
            if index.record(for: key) < 0 {
                index.added(key, record: records.count)
                records.append(key)
            }
        }
        #expect(records.count > 10_000)
        #expect(Set(records.map { "\($0)" }).count == records.count, "a key added twice: a lookup missed it")
        for (record, key) in records.enumerated() where index.record(for: key) != record {
            Issue.record("\(key) found at \(index.record(for: key)), added at \(record)")
        }
        let never = CloudTrailRecordKey(identity: 5_000, action: 1, fields: 0, account: 0)
        #expect(index.record(for: never) == -1)
    }
}
