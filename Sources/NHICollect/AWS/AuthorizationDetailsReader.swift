import Foundation
import NHIModel

/// `aws iam get-account-authorization-details`: users, groups, roles and managed policies, one
/// page or several files. Users and roles become identities, trust policies trust relationships,
/// inline policies grants; managed policies, attachments and group membership are kept as
/// `IAMFacts` and expanded into grants at the end (a policy may be defined on another page).
public enum AuthorizationDetailsReader: EvidenceReader {
    public static let format = "aws-authorization-details"
    public static let provides: Set<InputKind> = [.inventory, .entitlements]

    static let lists = ["UserDetailList", "GroupDetailList", "RoleDetailList", "Policies"]

    /// True when the head has the key "UserDetailList", "GroupDetailList" or "RoleDetailList", or
    /// both "Policies" and "PolicyVersionList". The three lists are found by their common end in one
    /// search, not one each: every file of an evidence folder is sniffed, and this sniffer comes
    /// before CloudTrail's, so each of the thousands of files of an S3 trail is searched in full.
    public static func sniff(head: Data, fileName: String) -> Bool {
        HeadSniff.contains(head, "DetailList\"", after: ["\"User", "\"Group", "\"Role"])
            || (HeadSniff.contains(head, "\"Policies\"") && HeadSniff.contains(head, "\"PolicyVersionList\""))
    }

    public static func read(
        _ file: SourceFile, context: CollectContext, into builder: InventoryBuilder, ledger: inout LedgerEntry
    ) throws {
        let data = try readContent(file)
        guard let layout = AuthorizationDetailsLayout(data) else {
            return try read(whole: data, file: file, context: context, into: builder, ledger: &ledger)
        }
        do {
            try read(layout, of: data, file: file, context: context, into: builder, ledger: &ledger)
        } catch {
            // The document read as one says what is wrong with it, as it always has: a syntax
            // error anywhere comes before a list that is not one. The builder and ledger of a
            // file that fails are dropped, so what was read before the failure does not count.
            var scratch = ledger
            try read(whole: data, file: file, context: context, into: InventoryBuilder(), ledger: &scratch)
            throw error
        }
    }

    /// The document parsed one entry at a time (`AuthorizationDetailsLayout`); the entries and
    /// the rejections are those of `read(whole:)`, in the same order.
    private static func read(
        _ layout: AuthorizationDetailsLayout, of data: Data, file: SourceFile, context: CollectContext,
        into builder: InventoryBuilder, ledger: inout LedgerEntry
    ) throws {
        func parse(_ range: Range<Int>) throws -> Any {
            do {
                return try JSONSerialization.jsonObject(with: data.subdata(in: range), options: .fragmentsAllowed)
            } catch {
                throw JSONSyntaxError.error(in: data, file: file.relativePath)
            }
        }
        // Values outside the lists (`IsTruncated`, `Marker`) are parsed only to be sure that
        // Foundation accepts the whole text.
        for member in layout.members where !lists.contains(member.key) { _ = try parse(member.value) }
        guard lists.contains(where: { layout.member($0) != nil }) else { throw notAuthorizationDetails(file) }
        let reader = Pass(file: file, context: context, builder: builder)
        for list in lists {
            guard let member = layout.member(list) else { continue }
            guard let elements = member.elements else {
                _ = try parse(member.value)
                throw notAList(list, file)
            }
            for (index, range) in elements.enumerated() {
                let item = try parse(range)
                reader.take(item, list: list, index: index, ledger: &ledger)
            }
        }
    }

    /// The document parsed as one: for text the layout walk does not accept, and to say why a
    /// document fails (and, in tests, the reference the layout walk must agree with).
    static func read(
        whole data: Data, file: SourceFile, context: CollectContext, into builder: InventoryBuilder,
        ledger: inout LedgerEntry
    ) throws {
        let root: [String: Any]
        do {
            guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw CollectError(
                    file: file.relativePath, line: 1, column: 1, message: "authorization details must be a JSON object")
            }
            root = object
        } catch let error as CollectError {
            throw error
        } catch {
            throw JSONSyntaxError.error(in: data, file: file.relativePath)
        }
        guard lists.contains(where: { root[$0] != nil }) else { throw notAuthorizationDetails(file) }
        let reader = Pass(file: file, context: context, builder: builder)
        for list in lists {
            guard let items = root[list] else { continue }
            guard let array = items as? [Any] else { throw notAList(list, file) }
            for (index, item) in array.enumerated() { reader.take(item, list: list, index: index, ledger: &ledger) }
        }
    }

    private static func notAuthorizationDetails(_ file: SourceFile) -> CollectError {
        CollectError(
            file: file.relativePath, line: 1,
            message: "not authorization details: none of \(lists.joined(separator: ", ")) is present")
    }

    private static func notAList(_ list: String, _ file: SourceFile) -> CollectError {
        CollectError(file: file.relativePath, message: "\(list) is not a list")
    }

    private static func readContent(_ file: SourceFile) throws -> Data {
        let source = try ByteSources.open(file)
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = try chunk.withUnsafeMutableBytes { try source.read(into: $0) }
            if count == 0 { return data }
            data.append(contentsOf: chunk.prefix(count))
        }
    }

    /// One file's entries, read into the builder.
    private struct Pass {
        let file: SourceFile
        let context: CollectContext
        let builder: InventoryBuilder

        /// One entry of a list, accepted or rejected in the ledger.
        func take(_ item: Any, list: String, index: Int, ledger: inout LedgerEntry) {
            let ref = file.ref(pointer: "/\(list)/\(index)")
            guard let object = item as? [String: Any] else {
                ledger.reject(reason: "\(list) entry is not an object", locator: ref.locator)
                return
            }
            if let reason = read(list: list, object, ref: ref) {
                ledger.reject(reason: reason, locator: ref.locator)
            } else {
                ledger.accept()
            }
        }

        func read(list: String, _ object: [String: Any], ref: EvidenceRef) -> String? {
            switch list {
            case "UserDetailList": return user(object, ref: ref)
            case "GroupDetailList": return group(object, ref: ref)
            case "RoleDetailList": return role(object, ref: ref)
            default: return policy(object, ref: ref)
            }
        }

        private func environment(_ account: String?) -> String {
            context.environment(
                platform: .aws, account: file.accountOverride ?? account, override: file.environmentOverride)
        }

        private func user(_ object: [String: Any], ref: EvidenceRef) -> String? {
            guard let name = object["UserName"] as? String, let arn = object["Arn"] as? String,
                let account = AWSPrincipals.account(arn)
            else { return "user without UserName or Arn" }
            let id = IdentityID(AWSPrincipals.canonical(arn))
            var attributes = common(object)
            if let userId = object["UserId"] as? String { attributes["userId"] = userId }
            let groups = IAMPolicyDocument.strings(object["GroupList"]).sorted()
            if !groups.isEmpty { attributes["groups"] = groups.joined(separator: ",") }
            builder.addIdentity(
                Identity(
                    id: id, platform: .aws, kind: .user, name: name, account: account,
                    environments: [environment(account)],
                    createdAt: date(object["CreateDate"]), tags: tags(object["Tags"]), attributes: attributes,
                    evidence: [ref]))
            let partition = AWSPrincipals.partition(arn) ?? "aws"
            for group in groups {
                builder.iamFacts.memberships.append(
                    .init(user: id, group: "arn:\(partition):iam::\(account):group/\(group)"))
            }
            return attachPolicies(object, holder: id.rawValue, inlineKey: "UserPolicyList", ref: ref)
        }

        private func group(_ object: [String: Any], ref: EvidenceRef) -> String? {
            guard let arn = object["Arn"] as? String, object["GroupName"] is String else {
                return "group without GroupName or Arn"
            }
            let id = AWSPrincipals.canonical(arn)
            for attached in attachedPolicies(object) {
                builder.iamFacts.attachments.append(
                    .init(holder: id, policyArn: attached.arn, policyName: attached.name, evidence: ref))
            }
            for (index, inline) in ((object["GroupPolicyList"] as? [[String: Any]]) ?? []).enumerated() {
                guard let name = inline["PolicyName"] as? String else { return "inline policy without PolicyName" }
                do {
                    let statements = try IAMPolicyDocument.statements(inline["PolicyDocument"])
                    builder.iamFacts.groupInlinePolicies.append(
                        .init(
                            group: id, name: name, statements: statements,
                            evidence: pointer(ref, "/GroupPolicyList/\(index)")))
                } catch {
                    return "inline policy \(name): \(error.message)"
                }
            }
            return nil
        }

        private func role(_ object: [String: Any], ref: EvidenceRef) -> String? {
            guard let name = object["RoleName"] as? String, let arn = object["Arn"] as? String,
                let account = AWSPrincipals.account(arn)
            else { return "role without RoleName or Arn" }
            let id = IdentityID(AWSPrincipals.canonical(arn))
            var attributes = common(object)
            if let roleId = object["RoleId"] as? String { attributes["roleId"] = roleId }
            if let duration = object["MaxSessionDuration"] as? NSNumber {
                attributes["maxSessionDuration"] = duration.stringValue
            }
            if let description = object["Description"] as? String { attributes["description"] = description }
            let profiles = ((object["InstanceProfileList"] as? [[String: Any]]) ?? []).compactMap {
                $0["InstanceProfileName"] as? String
            }
            if !profiles.isEmpty { attributes["instanceProfiles"] = profiles.sorted().joined(separator: ",") }
            let lastUsed = object["RoleLastUsed"] as? [String: Any]
            if let region = lastUsed?["Region"] as? String { attributes["lastUsedRegion"] = region }
            builder.addIdentity(
                Identity(
                    id: id, platform: .aws, kind: .role, name: name, account: account,
                    environments: [environment(account)],
                    createdAt: date(object["CreateDate"]), lastUsedAt: date(lastUsed?["LastUsedDate"]),
                    tags: tags(object["Tags"]), attributes: attributes, evidence: [ref]))
            if let document = object["AssumeRolePolicyDocument"] {
                do {
                    for statement in try IAMPolicyDocument.statements(document) where statement.effect == .allow {
                        for principal in statement.principals {
                            builder.addTrust(
                                TrustRelationship(
                                    target: id,
                                    principalType: TrustRelationship.PrincipalType(rawValue: principal.type) ?? .any,
                                    principal: principal.value, actions: statement.actions,
                                    conditions: statement.conditions,
                                    evidence: [pointer(ref, "/AssumeRolePolicyDocument")]))
                        }
                    }
                } catch {
                    return "trust policy: \(error.message)"
                }
            }
            return attachPolicies(object, holder: id.rawValue, inlineKey: "RolePolicyList", ref: ref)
        }

        private func policy(_ object: [String: Any], ref: EvidenceRef) -> String? {
            guard let arn = object["Arn"] as? String, let name = object["PolicyName"] as? String else {
                return "policy without PolicyName or Arn"
            }
            let versions = (object["PolicyVersionList"] as? [[String: Any]]) ?? []
            let defaultId = object["DefaultVersionId"] as? String
            guard
                let index = versions.firstIndex(where: {
                    ($0["IsDefaultVersion"] as? Bool) == true || ($0["VersionId"] as? String) == defaultId
                })
            else {
                return "policy has no default version document"
            }
            do {
                let statements = try IAMPolicyDocument.statements(versions[index]["Document"])
                builder.iamFacts.managedPolicies[arn] = .init(
                    name: name, statements: statements, evidence: pointer(ref, "/PolicyVersionList/\(index)/Document"))
            } catch {
                return "policy \(name): \(error.message)"
            }
            return nil
        }

        /// Managed attachments (deferred) and inline policies (grants now) of a user or role.
        private func attachPolicies(_ object: [String: Any], holder: String, inlineKey: String, ref: EvidenceRef)
            -> String?
        {
            for attached in attachedPolicies(object) {
                builder.iamFacts.attachments.append(
                    .init(holder: holder, policyArn: attached.arn, policyName: attached.name, evidence: ref))
            }
            for (index, inline) in ((object[inlineKey] as? [[String: Any]]) ?? []).enumerated() {
                guard let name = inline["PolicyName"] as? String else { return "inline policy without PolicyName" }
                do {
                    let statements = try IAMPolicyDocument.statements(inline["PolicyDocument"])
                    let evidence = pointer(ref, "/\(inlineKey)/\(index)")
                    for statement in statements {
                        builder.addGrant(AWSGrants.grant(IdentityID(holder), statement, via: name, evidence: evidence))
                    }
                } catch {
                    return "inline policy \(name): \(error.message)"
                }
            }
            return nil
        }

        private func attachedPolicies(_ object: [String: Any]) -> [(arn: String, name: String)] {
            ((object["AttachedManagedPolicies"] as? [[String: Any]]) ?? []).compactMap { item in
                guard let arn = item["PolicyArn"] as? String else { return nil }
                return (arn, (item["PolicyName"] as? String) ?? arn)
            }
        }

        private func common(_ object: [String: Any]) -> [String: String] {
            var attributes: [String: String] = [:]
            if let path = object["Path"] as? String { attributes["path"] = path }
            if let boundary = (object["PermissionsBoundary"] as? [String: Any])?["PermissionsBoundaryArn"] as? String {
                attributes["permissionsBoundary"] = boundary
            }
            return attributes
        }

        private func tags(_ value: Any?) -> [String: String] {
            var result: [String: String] = [:]
            for tag in (value as? [[String: Any]]) ?? [] {
                if let key = tag["Key"] as? String { result[key] = (tag["Value"] as? String) ?? "" }
            }
            return result
        }

        private func date(_ value: Any?) -> Date? { (value as? String).flatMap(TimestampParser.parse) }

        private func pointer(_ ref: EvidenceRef, _ suffix: String) -> EvidenceRef {
            var copy = ref
            copy.pointer = (ref.pointer ?? "") + suffix
            return copy
        }
    }
}
