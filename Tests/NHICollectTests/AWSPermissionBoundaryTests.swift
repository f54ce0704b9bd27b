import Foundation
@testable import NHICollect
import NHIModel
import Testing
import TestSupport

/// Permission boundaries: their statements are kept apart from the identity's grants.
@Suite struct AWSPermissionBoundaryTests {
    @Test func boundaryStatementsAreKeptApartFromGrants() throws {
        let folder = try evidenceFolder([
            "iam/lab.json": awsFixture("privilege-escalation/lab/authorization-details.json")
        ])
        let inventory = try Collector().collect(folder: folder)
        let bounded = IdentityID("arn:aws:iam::111122223333:role/trap-bounded")
        let boundary = inventory.permissionBoundaries.filter { $0.identity == bounded }
        #expect(boundary.map(\.actions) == [["s3:*"]])
        #expect(boundary.allSatisfy { $0.via == "arn:aws:iam::111122223333:policy/trap-boundary-storage-only" })
        // The boundary confers nothing: the role's grants are its own policy's only.
        #expect(inventory.grants.filter { $0.identity == bounded }.map(\.actions) == [["iam:*"]])
        #expect(inventory.permissionBoundaries.allSatisfy { $0.identity == bounded })
    }

    @Test func aBoundaryWhoseDocumentIsAbsentIsNotInvented() throws {
        let folder = try evidenceFolder(["iam/page-1.json": awsFixture("authz/page-1.json")])
        let inventory = try Collector().collect(folder: folder)
        #expect(inventory.identities.contains { $0.attributes["permissionsBoundary"] != nil })
        #expect(inventory.permissionBoundaries.isEmpty)
    }
}
