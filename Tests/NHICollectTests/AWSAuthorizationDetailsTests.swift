import Foundation
@testable import NHICollect
import NHIModel
import Testing
import TestSupport

@Suite struct AuthorizationDetailsTests {
    /// Both pages collected together, then finished (managed policies live on page 2).
    private func collectPages() throws -> Inventory {
        let folder = try evidenceFolder([
            "iam/page-1.json": awsFixture("authz/page-1.json"), "iam/page-2.json": awsFixture("authz/page-2.json"),
        ])
        return try Collector().collect(folder: folder)
    }

    private let deploy = IdentityID("arn:aws:iam::111122223333:role/deploy")
    private let ci = IdentityID("arn:aws:iam::111122223333:user/ci-deployer")

    @Test func usersAndRolesBecomeIdentitiesWithTheirFacts() throws {
        let inventory = try collectPages()
        let identities = inventory.identityIndex()
        let role = try #require(identities[deploy])
        #expect(role.kind == .role && role.name == "deploy" && !role.isHuman)
        #expect(role.attributes["path"] == "/ci/" && role.attributes["maxSessionDuration"] == "3600")
        #expect(role.attributes["permissionsBoundary"] == "arn:aws:iam::111122223333:policy/boundary")
        #expect(
            role.attributes["instanceProfiles"] == "deploy-profile" && role.attributes["lastUsedRegion"] == "eu-west-1")
        #expect(role.tags == ["purpose": "delivery"])
        #expect(role.lastUsedAt == ISO8601.parse("2026-10-30T12:00:00Z"))
        let sso = try #require(
            identities[IdentityID("arn:aws:iam::111122223333:role/AWSReservedSSO_Admin_0123456789abcdef")])
        #expect(sso.isHuman && sso.humanBasis == .inferred)
        let user = try #require(identities[ci])
        #expect(user.attributes["groups"] == "deployers" && user.tags["team"] == "platform")
        #expect(identities[IdentityID("arn:aws:iam::111122223333:user/alice")]?.attributes["path"] == "/people/")
    }

    @Test func everyEntryIsAccountedFor() throws {
        let inventory = try collectPages()
        let pages = inventory.ledger.entries
        #expect(pages.map(\.format) == ["aws-authorization-details", "aws-authorization-details"])
        #expect(pages.allSatisfy { $0.isBalanced })
        #expect(pages[0].read == 8 && pages[0].rejected == 1)
        #expect(pages[0].rejections.first?.reason == "role without RoleName or Arn")
        #expect(pages[0].rejections.first?.locators == ["iam/page-1.json /RoleDetailList/4"])
        #expect(pages[1].read == 2 && pages[1].rejections.first?.reason == "policy has no default version document")
    }

    @Test func managedPoliciesUseTheDefaultVersionAcrossPages() throws {
        let inventory = try collectPages()
        let deployGrants = inventory.grants.filter {
            $0.identity == deploy && $0.via == "arn:aws:iam::111122223333:policy/ci/deploy"
        }
        #expect(deployGrants.count == 2)
        let allow = try #require(deployGrants.first { $0.effect == .allow })
        #expect(allow.actions == ["cloudformation:UpdateStack", "cloudformation:ExecuteChangeSet"])
        #expect(allow.resources == ["arn:aws:cloudformation:*:111122223333:stack/app-*/*"])
        #expect(
            allow.conditions == [
                PolicyCondition(op: "StringEquals", key: "aws:RequestedRegion", values: ["eu-west-1", "eu-central-1"])
            ])
        #expect(!allow.isAdministrative)
        #expect(deployGrants.contains { $0.effect == .deny && $0.actions == ["cloudformation:DeleteStack"] })
    }

    @Test func administratorAccessIsAdministrativeEvenWithoutItsDocument() throws {
        let inventory = try collectPages()
        let admin = inventory.grants.filter { $0.identity == deploy && $0.isAdministrative }
        #expect(admin.map(\.via) == [IAMPolicyDocument.administratorAccessARN])
        #expect(admin.first?.actions == ["*"] && admin.first?.resources == ["*"])
    }

    @Test func inlineNotActionAndNotResourceAreKept() throws {
        let inventory = try collectPages()
        let inline = try #require(inventory.grants.first { $0.identity == deploy && $0.via == "everything-but-iam" })
        #expect(inline.actionsInverted && inline.actions == ["iam:*"] && inline.resources == ["!arn:aws:s3:::audit/*"])
        #expect(!inline.isAdministrative)
    }

    @Test func groupPoliciesReachTheirMembers() throws {
        let inventory = try collectPages()
        let vias = Set(inventory.grants.filter { $0.identity == ci }.map(\.via))
        #expect(
            vias == [
                "read-artifacts", "group-inline (group deployers)",
                "arn:aws:iam::111122223333:policy/ci/deploy (group deployers)",
            ])
        #expect(!inventory.grants.contains { $0.identity.rawValue.contains(":group/") })
    }

    @Test func unresolvedPoliciesAreNamedOnTheIdentity() throws {
        let inventory = try collectPages()
        let alice = try #require(inventory.identityIndex()[IdentityID("arn:aws:iam::111122223333:user/alice")])
        #expect(alice.attributes["unresolvedPolicies"] == "arn:aws:iam::aws:policy/ReadOnlyAccess")
    }

    @Test func trustPoliciesInEveryShapeBecomeTrustRelationships() throws {
        let inventory = try collectPages()
        let oidc = try #require(inventory.trusts.first { $0.target == deploy })
        #expect(
            oidc.principalType == .federated
                && oidc.principal.hasSuffix("oidc-provider/token.actions.githubusercontent.com"))
        #expect(oidc.actions == ["sts:AssumeRoleWithWebIdentity"])
        #expect(oidc.conditions.map(\.op) == ["StringEquals", "StringLike"])
        #expect(oidc.conditions.last?.values == ["repo:northwind/*"])
        let vendor = inventory.trusts.filter { $0.target == IdentityID("arn:aws:iam::111122223333:role/vendor-audit") }
        #expect(vendor.map(\.principal) == ["arn:aws:iam::999988887777:root", "444455556666"])
        #expect(vendor.allSatisfy { $0.principalType == .aws && $0.conditions.contains { $0.key == "sts:ExternalId" } })
        #expect(vendor[0].conditions.contains { $0.key == "aws:MultiFactorAuthPresent" && $0.values == ["true"] })
        let open = inventory.trusts.filter { $0.target == IdentityID("arn:aws:iam::111122223333:role/open") }
        #expect(open.map(\.principalType) == [.any] && open.map(\.principal) == ["*"])
    }

    @Test func policyDocumentsParseFromObjectsStringsAndURLEncoding() throws {
        let object: [String: Any] = ["Statement": ["Effect": "Allow", "Action": "*", "Resource": "*"]]
        #expect(try IAMPolicyDocument.statements(object).first?.isAdministrative == true)
        let text = #"{"Statement":[{"Effect":"Deny","Action":["s3:*"],"Resource":"*"}]}"#
        #expect(try IAMPolicyDocument.statements(text).first?.effect == .deny)
        #expect(
            try IAMPolicyDocument.statements(text.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!).count
                == 1)
        #expect(throws: IAMPolicyDocument.Invalid.self) { try IAMPolicyDocument.statements("not json") }
        #expect(throws: IAMPolicyDocument.Invalid.self) {
            try IAMPolicyDocument.statements(["Statement": [["Effect": "Maybe"]]])
        }
        let conditional: [String: Any] = [
            "Statement": [
                "Effect": "Allow", "Action": "*", "Resource": "*",
                "Condition": ["Bool": ["aws:SecureTransport": true]],
            ]
        ]
        #expect(try IAMPolicyDocument.statements(conditional).first?.isAdministrative == false)
    }

    @Test func aJSONFileWithoutAnyDetailListIsAnError() throws {
        let url = try Fixtures.temporaryFolder().appendingPathComponent("other.json")
        try #"{"Users":[]}"#.write(to: url, atomically: true, encoding: .utf8)
        #expect(throws: CollectError.self) { try readFile(AuthorizationDetailsReader.self, url) }
    }

    @Test(.enabled(if: Fixtures.shared != nil, "\(Fixtures.sharedMissingMessage)"))
    func realExportsAreRead() throws {
        let folder = try evidenceFolder([
            "a.json": Fixtures.sharedFile("aws-iam-authz-details/example-authz-details.json")!,
            "b.json": Fixtures.sharedFile("aws-iam-authz-details/iam-get-account-authorization-details.json")!,
        ])
        let inventory = try Collector().collect(folder: folder)
        #expect(inventory.ledger.entries.map(\.format) == ["aws-authorization-details", "aws-authorization-details"])
        #expect(inventory.ledger.entries.allSatisfy { $0.isBalanced && $0.rejected == 0 })
        #expect(inventory.ledger.entries.map(\.read) == [40, 9])
        #expect(inventory.identities.filter { $0.kind == .role }.count == 7)
        #expect(inventory.identities.filter { $0.kind == .user }.count == 5)
        #expect(inventory.grants.contains { $0.isAdministrative })
        #expect(inventory.trusts.contains { $0.principalType == .service && $0.principal == "ec2.amazonaws.com" })
        #expect(inventory.inputs.isSuperset(of: [.inventory, .entitlements]))
    }
}
