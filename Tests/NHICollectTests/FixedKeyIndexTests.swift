@testable import NHICollect
import Testing
import TestSupport

/// The fixed-size-key table of the aggregators: dense ids in the order keys were added, however
/// the table grows.
@Suite struct FixedKeyIndexTests {
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
        var index = FixedKeyIndex<CloudTrailRecordKey>()
        let zero = CloudTrailRecordKey(identity: 0, action: 0, fields: 0, account: 0)
        #expect(index.find(zero) == nil)
        #expect(index.add(zero) == 0)
        var records = [zero]
        for _ in 0..<20_000 {
            let key = key(&random)
            if index.find(key) == nil {
                #expect(index.add(key) == records.count)
                records.append(key)
            }
        }
        #expect(records.count > 10_000)
        #expect(Set(records.map { "\($0)" }).count == records.count, "a key added twice: a lookup missed it")
        for (record, key) in records.enumerated() where index.find(key) != record {
            Issue.record("\(key) found at \(String(describing: index.find(key))), added at \(record)")
        }
        let never = CloudTrailRecordKey(identity: 5_000, action: 1, fields: 0, account: 0)
        #expect(index.find(never) == nil)
        #expect(index.count == records.count)
    }

    @Test func twoWordKeysGetDenseIdsInOrderThroughGrowth() {
        var index = FixedKeyIndex<KubernetesActivityKey>(capacity: 1)
        var reference: [[UInt64]: Int] = [:]
        var random = SplitMix64(seed: 3)
        for _ in 0..<5000 {
            // Few distinct parts, so that keys repeat and differ in one word only.
            let parts = (0..<3).map { _ in Int32(truncatingIfNeeded: random.next() % 13) }
            let key = KubernetesActivityKey(
                identity: parts[0], action: parts[1], environment: parts[2], shape: .none)
            let (id, isNew) = index.id(key)
            let words = [key.high, key.low]
            #expect(isNew == (reference[words] == nil))
            #expect(id == reference[words, default: reference.count])
            reference[words] = id
            #expect(index.find(key) == id)
        }
        #expect(index.count == reference.count)
        #expect(index.find(KubernetesActivityKey(identity: 13, action: 0, environment: 0, shape: .none)) == nil)
    }
}
