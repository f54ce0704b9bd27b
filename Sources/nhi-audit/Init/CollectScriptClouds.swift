import Foundation

/// collect.sh's GCP and Entra sections: docs/formats/gcp.md's and entra.md's export commands for
/// one project or tenant, into the folder scope.yaml's sources name for it.
enum CollectScriptClouds {
    static func gcp(_ project: String) -> String {
        """

        # GCP project \(project): gcloud credentials with roles/iam.securityReviewer and roles/logging.viewer
        # (roles/logging.privateLogViewer for Data Access logs) on the project.
        mkdir -p gcp/\(project)
        gcloud iam service-accounts list --project=\(project) --format=json > gcp/\(project)/service-accounts.json
        for sa in $(gcloud iam service-accounts list --project=\(project) --format='value(email)'); do
          gcloud iam service-accounts keys list --iam-account="$sa" --format=json > "gcp/\(project)/keys-$sa.json"
        done
        gcloud projects get-iam-policy \(project) --format=json > gcp/\(project)/iam-policy.json
        gcloud logging read "logName:\\"cloudaudit.googleapis.com\\" AND timestamp>=\\"${PERIOD_START}T00:00:00Z\\"" \\
          --project=\(project) --format=json > gcp/\(project)/audit-log.json

        """
    }

    static func entra(_ tenant: String) -> String {
        """

        # Microsoft Entra tenant \(tenant):
        # az login --tenant \(tenant) (Application.Read.All, RoleManagement.Read.Directory, AuditLog.Read.All).
        # A Graph page holds up to 999 entries: follow @odata.nextLink into further files for a larger tenant.
        mkdir -p entra/\(tenant)
        az rest --method GET \\
          --url 'https://graph.microsoft.com/v1.0/servicePrincipals?$expand=appRoleAssignments,owners,memberOf&$top=999' \\
          > entra/\(tenant)/service-principals.json
        az ad app list --all > entra/\(tenant)/applications.json
        az rest --method GET \\
          --url 'https://graph.microsoft.com/v1.0/roleManagement/directory/roleAssignments?$expand=principal,roleDefinition' \\
          > entra/\(tenant)/role-assignments.json
        az rest --method GET --url "https://graph.microsoft.com/beta/auditLogs/signIns?\\$filter=signInEventTypes/any(t: t eq 'servicePrincipal' or t eq 'managedIdentity') and createdDateTime ge ${PERIOD_START}T00:00:00Z" \\
          > entra/\(tenant)/sign-ins.json

        """
    }
}
