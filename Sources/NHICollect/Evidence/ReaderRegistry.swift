import Foundation

/// Every reader, in sniffing order (more specific formats first).
public enum ReaderRegistry {
    public static let all: [any EvidenceReader.Type] = [
        // AWS
        CredentialReportReader.self,
        AuthorizationDetailsReader.self,
        CloudTrailReader.self,
    ]
}
