import Foundation

/// Every reader, in sniffing order (more specific formats first).
public enum ReaderRegistry {
    public static let all: [any EvidenceReader.Type] = [
        // AWS
        CredentialReportReader.self,
        AuthorizationDetailsReader.self,
        CloudTrailReader.self,
        CloudTrailDigestReader.self,
        CloudTrailDigestSignatureReader.self,
        CloudTrailPublicKeysReader.self,
        // GCP
        GCPAssetResourcesReader.self,
        GCPAssetPoliciesReader.self,
        GCPServiceAccountsReader.self,
        GCPServiceAccountKeysReader.self,
        GCPIAMPolicyReader.self,
        GCPAuditLogReader.self,
        // Microsoft Entra ID
        EntraDirectoryReader.self,
        EntraSignInReader.self,
        // Kubernetes, GitHub, secret scanners and records of our own.
        KubernetesAuditReader.self,
        KubernetesRBACReader.self,
        GitHubAuditLogReader.self,
        SARIFReader.self,
        GitleaksReader.self,
        Trufflehog3Reader.self,
        TrufflehogReader.self,
        TrufflehogV2Reader.self,
        DetectSecretsReader.self,
        NoseyParkerReader.self,
        GitHubSecretScanningReader.self,
        OwnersReader.self,
        ChangesReader.self,
        IncidentsReader.self,
        CanonicalIdentitiesReader.self,
        CanonicalActivityReader.self,
    ]
}
