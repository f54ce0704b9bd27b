import Foundation
import NHIModel

/// The IAM credential report: the CSV the console downloads, or the JSON that
/// `aws iam get-credential-report` prints (`Content` base64-encoded, or plain CSV).
/// One record per row: the user (or `<root_account>`), password/MFA state and both access keys.
public enum CredentialReportReader: EvidenceReader {
    public static let format = "aws-credential-report"
    public static let provides: Set<InputKind> = [.inventory]

    static let requiredColumns = ["user", "arn", "password_enabled", "access_key_1_active"]

    public static func sniff(head: Data, fileName: String) -> Bool {
        // By bytes, not as a String: every file of the evidence folder is sniffed by this first.
        let text = HeadSniff.trimmedStart(head.prefix(4096))
        let header = Array("user,arn,user_creation_time".utf8)
        let lowercase = { (byte: UInt8) in (0x41...0x5A).contains(byte) ? byte + 0x20 : byte }
        if text.count >= header.count, zip(text.prefix(header.count), header).allSatisfy({ lowercase($0) == $1 }) {
            return true
        }
        return text.first == UInt8(ascii: "{") && HeadSniff.contains(text, "\"Content\"")
            && (HeadSniff.contains(text, "\"ReportFormat\"") || HeadSniff.contains(text, "\"GeneratedTime\""))
    }

    public static func read(
        _ file: SourceFile, context: CollectContext, into builder: InventoryBuilder, ledger: inout LedgerEntry
    ) throws {
        let data: Data
        do { data = try file.contents() } catch {
            throw CollectError(file: file.relativePath, message: "cannot read file")
        }
        let (csvData, pointer) = try unwrap(data, file: file.relativePath)
        let table = try CSVTable(data: csvData, file: file.relativePath)
        let missing = requiredColumns.filter { !table.hasColumn($0) }
        guard missing.isEmpty else {
            throw CollectError(
                file: file.relativePath, line: 1,
                message: "not an IAM credential report: missing column(s) \(missing.joined(separator: ", "))")
        }
        for row in table.rows {
            let ref = file.ref(line: row.line, pointer: pointer)
            if row.fields.count != table.header.count {
                ledger.reject(
                    reason: "row has \(row.fields.count) fields, header has \(table.header.count)", locator: ref.locator
                )
                continue
            }
            guard let user = table.value(row, "user"), let arn = table.value(row, "arn"), arn.hasPrefix("arn:") else {
                ledger.reject(reason: "user or arn missing", locator: ref.locator)
                continue
            }
            builder.addIdentity(
                identity(user: user, arn: arn, row: row, table: table, ref: ref, context: context, file: file))
            ledger.accept()
        }
    }

    /// The CSV inside the API's JSON wrapper (base64 or plain), or the file itself.
    static func unwrap(_ data: Data, file: String) throws -> (Data, String?) {
        let first = data.first { !" \n\r\t".utf8.contains($0) && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF }
        guard first == UInt8(ascii: "{") else { return (data, nil) }
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: data) } catch {
            throw JSONSyntaxError.error(in: data, file: file)
        }
        guard let content = (object as? [String: Any])?["Content"] as? String else {
            throw CollectError(file: file, line: 1, message: "credential report JSON has no \"Content\" string")
        }
        let trimmed = content.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.lowercased().hasPrefix("user,") { return (Data(content.utf8), "/Content") }
        guard let decoded = Data(base64Encoded: trimmed, options: .ignoreUnknownCharacters) else {
            throw CollectError(file: file, message: "credential report \"Content\" is neither CSV nor base64")
        }
        return (decoded, "/Content")
    }

    private static func identity(
        user: String, arn: String, row: CSVRow, table: CSVTable, ref: EvidenceRef,
        context: CollectContext, file: SourceFile
    ) -> Identity {
        func value(_ column: String) -> String? {
            guard let raw = table.value(row, column) else { return nil }
            return ["N/A", "no_information", "not_supported"].contains(raw) ? nil : raw
        }
        func date(_ column: String) -> Date? { value(column).flatMap(TimestampParser.parse) }
        func flag(_ column: String) -> Bool { value(column)?.lowercased() == "true" }

        let isRoot = user == "<root_account>" || arn.hasSuffix(":root")
        let id = IdentityID(AWSPrincipals.canonical(arn))
        let account = AWSPrincipals.account(arn)
        var attributes: [String: String] = [:]
        attributes["passwordEnabled"] =
            isRoot
            ? (table.value(row, "password_enabled") == "not_supported" ? "true" : String(flag("password_enabled")))
            : String(flag("password_enabled"))
        attributes["mfaActive"] = String(flag("mfa_active"))
        for (column, key) in [
            ("password_last_used", "passwordLastUsed"), ("password_last_changed", "passwordLastChanged"),
            ("password_next_rotation", "passwordNextRotation"),
        ] {
            if let raw = value(column) { attributes[key] = raw }
        }
        if table.value(row, "password_last_used") == "no_information" {
            attributes["passwordLastUsed"] = "no_information"
        }
        if let path = AWSPrincipals.path(arn), !isRoot { attributes["path"] = path }

        var credentials: [Credential] = []
        if attributes["passwordEnabled"] == "true" {
            credentials.append(
                Credential(
                    id: "password", kind: .password, active: true,
                    lastRotatedAt: date("password_last_changed"), lastUsedAt: date("password_last_used"),
                    expiresAt: date("password_next_rotation"), evidence: [ref]))
        }
        for slot in 1...2 {
            let prefix = "access_key_\(slot)_"
            let active = flag(prefix + "active")
            let rotated = date(prefix + "last_rotated")
            guard active || rotated != nil else { continue }
            credentials.append(
                Credential(
                    id: "access-key-\(slot)", kind: .accessKey, active: active, lastRotatedAt: rotated,
                    lastUsedAt: date(prefix + "last_used_date"), lastUsedService: value(prefix + "last_used_service"),
                    lastUsedRegion: value(prefix + "last_used_region"), evidence: [ref]))
        }
        for slot in 1...2 where flag("cert_\(slot)_active") || date("cert_\(slot)_last_rotated") != nil {
            credentials.append(
                Credential(
                    id: "signing-certificate-\(slot)", kind: .other, active: flag("cert_\(slot)_active"),
                    lastRotatedAt: date("cert_\(slot)_last_rotated"), evidence: [ref]))
        }
        attributes["accessKeysActive"] = String(credentials.filter { $0.kind == .accessKey && $0.active }.count)
        let lastUsed = credentials.compactMap(\.lastUsedAt).max()
        let environment = context.environment(
            platform: .aws, account: file.accountOverride ?? account, override: file.environmentOverride)
        return Identity(
            id: id, platform: .aws, kind: isRoot ? .root : .user, name: isRoot ? "root" : user,
            account: account, environments: [environment], createdAt: date("user_creation_time"), lastUsedAt: lastUsed,
            attributes: attributes, credentials: credentials, evidence: [ref])
    }
}
