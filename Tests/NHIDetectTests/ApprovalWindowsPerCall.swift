import Foundation
import NHIModel

@testable import NHIDetect

/// One call at a time, as the tests ask about covering changes: the rules ask once per aggregate
/// (`ApprovalWindows.changes(naming:in:)`).
extension ApprovalWindows {
    func hasChange(covering time: Date, identity: IdentityID, environment: String) -> Bool {
        changes(naming: identity, in: environment).contain(time)
    }

    func change(covering time: Date, identity: IdentityID, environment: String) -> ChangeRecord? {
        changes(naming: identity, in: environment).position(covering: time).map { context.inventory.changes[$0] }
    }
}
