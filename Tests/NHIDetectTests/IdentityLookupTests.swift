import Foundation
@testable import NHIDetect
import NHIModel
import TestSupport
import Testing

/// The context's questions by identity id, read in place through `IdentityLookup`, answer as the
/// same questions asked of `Inventory.identityIndex()` (the first identity of a repeated id) and
/// owners.csv scanned row by row: repeated ids, names differing only in case, owner rows naming
/// an id or a name in any case, and ids no inventory knows.
@Suite struct IdentityLookupTests {
    static let names = ["deploy", "Deploy", "ops", "batch", "AWSServiceRoleForECS", "ci-bot"]

    static func inventory(seed: UInt64) -> Inventory {
        var random = SeededRandom(state: seed)
        let identities = (0..<random.next(9)).map { _ -> Identity in
            var identity = ExampleKit.role(random.pick(names))
            // Another name under a repeated id: the first identity of the id is the one asked.
            if random.next(3) == 0 { identity.name = random.pick(names) }
            if random.next(4) == 0 { identity.isHuman = true }
            if random.next(4) == 0 { identity.kind = .group }
            if random.next(4) == 0 { identity.owner = OwnerRecord(identityRef: identity.name, owner: "attached") }
            return identity
        }
        let owners = (0..<random.next(4)).map { _ -> OwnerRecord in
            let named = random.pick(names + ["ghost"])
            let reference = random.next(2) == 0 ? ExampleKit.roleID(named).rawValue.uppercased() : named.uppercased()
            return OwnerRecord(identityRef: reference, owner: "row \(random.next(100))")
        }
        return ExampleKit.inventory(identities: identities, owners: owners)
    }

    @Test(arguments: 0..<300) func answersAsTheIndexAndTheOwnerRows(seed: Int) {
        let inventory = Self.inventory(seed: UInt64(seed))
        let context = RuleExample("random", inventory).context
        let index = inventory.identityIndex()
        func row(_ reference: String) -> OwnerRecord? {
            inventory.owners.first { $0.identityRef.lowercased() == reference.lowercased() }
        }
        for name in Self.names + ["ghost"] {
            let id = ExampleKit.roleID(name)
            let identity = index[id]
            #expect(context.identity(id) == identity, "\(name)")
            #expect(context.position(of: id).map { inventory.identities[$0] } == identity, "\(name)")
            #expect(context.displayName(id) == identity?.name ?? id.rawValue, "\(name)")
            #expect(context.isNHI(id) == identity.map(context.judges) ?? true, "\(name)")
            let owner = identity?.owner ?? row(id.rawValue) ?? identity.flatMap { row($0.name) }
            #expect(context.owner(of: id) == owner, "\(name)")
            #expect(
                context.isListedInOwners(id)
                    == (row(id.rawValue) != nil || identity.map { row($0.name) != nil } ?? false
                        || identity?.owner != nil),
                "\(name)")
            for reference in [id.rawValue, " \(id.rawValue) ", name, name.uppercased()] {
                let named = inventory.identities.filter { $0.name.lowercased() == reference.trimmed().lowercased() }
                let expected =
                    index[IdentityID(reference.trimmed())] != nil
                    ? IdentityID(reference.trimmed()) : named.count == 1 ? named[0].id : nil
                #expect(context.resolve(reference) == expected, "\(reference)")
            }
        }
    }
}

extension String {
    fileprivate func trimmed() -> String { trimmingCharacters(in: .whitespaces) }
}
