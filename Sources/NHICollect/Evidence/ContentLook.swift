import Foundation

/// What a file no reader claims looks like, for its skip reason: so that a GCP log, a SARIF file
/// of a code scanner and a Kubernetes audit policy are told apart, and the user learns which export
/// was meant. Consulted only after every reader's sniffer declined, so a reader that lands for one
/// of these shapes takes its files over without a change here.
enum ContentLook {
    /// A shape recognised by markers in the head: every group must match, by any of its strings.
    struct Shape: Sendable {
        var markers: [[String]]
        var looksLike: String
    }

    /// In order: the first shape whose markers all match names the file.
    static let shapes: [Shape] = [
        Shape(
            markers: [["audit.k8s.io"], ["kind: Policy", "\"kind\": \"Policy\"", "\"kind\":\"Policy\""]],
            looksLike: "a Kubernetes audit Policy, not events"),
        Shape(
            markers: [["protoPayload"], ["google.cloud.audit.AuditLog"]],
            looksLike: "a GCP Cloud Audit Log (Logging export of LogEntry records)"),
        Shape(
            markers: [["\"assetType\"", "\"asset_type\""], ["googleapis.com"]],
            looksLike: "a GCP Cloud Asset Inventory export"),
        Shape(
            markers: [["iam.gserviceaccount.com"], ["\"keyAlgorithm\"", "\"keyType\"", "validAfterTime"]],
            looksLike: "a GCP service-account key listing"),
        Shape(markers: [["iam.gserviceaccount.com"], ["\"email\""]], looksLike: "a GCP service-account listing"),
        Shape(markers: [["\"bindings\""], ["\"roles/"]], looksLike: "a GCP IAM policy"),
        Shape(
            markers: [["servicePrincipalId", "ServicePrincipalId"], ["createdDateTime", "TimeGenerated"]],
            looksLike: "Microsoft Entra sign-in logs"),
        Shape(
            markers: [["passwordCredentials", "keyCredentials", "servicePrincipalType"]],
            looksLike: "a Microsoft Graph export of service principals or applications"),
        Shape(markers: [["\"terraform_version\""]], looksLike: "a Terraform state file"),
    ]

    /// The skip reason for a file whose head no reader recognised.
    static func reason(head: Data, fileName: String) -> String {
        let text = HeadSniff.text(head)
        if head.isEmpty { return "empty file" }
        if head.prefix(8192).contains(0) { return "binary content that no reader recognises" }
        if SARIFTool.isSARIF(text) {
            guard let tool = SARIFTool.driverName(in: text) else { return "SARIF from an unknown tool" }
            return "SARIF from \(tool), not a secret scanner"
        }
        if ScannerJSON.isEmptyDocument(text) {
            return
                "an empty JSON document: an empty scanner report is read when its file name names the scanner (gitleaks.json) or scope.yaml sources gives its format"
        }
        if let shape = shapes.first(where: { shape in
            shape.markers.allSatisfy { group in group.contains { HeadSniff.contains(head, $0) } }
        }) {
            return "looks like \(shape.looksLike)"
        }
        let kinds =
            HeadSniff.isJSON(text) ? HeadSniff.kubernetesKinds(inJSON: text) : HeadSniff.kubernetesKinds(inYAML: text)
        if !kinds.isEmpty {
            return
                "looks like Kubernetes \(kinds.sorted().joined(separator: ", ")) objects, not RBAC, ServiceAccounts or audit events"
        }
        return "no reader recognises its content"
    }
}
