"""The Microsoft Entra tenant: service principals, app registrations and their sign-in logs.

Draws nothing from the shared random generator, so that the other platforms' files stay as they are.
"""

import os
from datetime import timedelta

from .common import DOMAIN, at, iso, write_json

ENTRA_TENANT = "3f2a1b0c-9d8e-4f7a-8b6c-5d4e3f2a1b0c"
MICROSOFT_TENANT = "f8cdef31-a31e-4b4a-93e4-5f571e91255a"
GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000"
GRAPH_SP_ID = "5a0c1e2d-3b4f-4a6c-8d9e-0f1a2b3c4d01"
APPLICATION_READWRITE_ALL = "1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9"
USER_READ_ALL = "df021288-bdef-4463-88db-98f22de89214"

DEPLOYER = "7d1e2f30-4a5b-4c6d-8e7f-9a0b1c2d3e01"        # payments pipeline: Application.ReadWrite.All
REPORTING = "7d1e2f30-4a5b-4c6d-8e7f-9a0b1c2d3e02"       # a client secret without end date
TRACKING_MI = "7d1e2f30-4a5b-4c6d-8e7f-9a0b1c2d3e03"     # managed identity of the tracking API
SHAREPOINT = "7d1e2f30-4a5b-4c6d-8e7f-9a0b1c2d3e04"      # legacy sync: no owner, never signs in
REPORTING_SECRET = "c1d2e3f4-0000-4000-8000-00000000a002"
SHAREPOINT_SECRET = "c1d2e3f4-0000-4000-8000-00000000a004"


def object_id(app_id):
    return "0b" + app_id[2:]


class EntraActivity:
    """The Entra exports of a quarter (mixed into Quarter)."""

    def entra_service_principals(self):
        cert_start = at("2026-11-15 09:00") if self.q4 else at("2026-08-20 09:00")

        def principal(app_id, name, kind="Application", keys=(), roles=(), owner=None, alternative=()):
            value = {
                "id": object_id(app_id), "accountEnabled": True, "alternativeNames": list(alternative),
                "appDisplayName": name if kind == "Application" else None, "appId": app_id,
                "appOwnerOrganizationId": ENTRA_TENANT if kind == "Application" else None,
                "displayName": name, "servicePrincipalNames": [app_id], "servicePrincipalType": kind,
                "passwordCredentials": [], "keyCredentials": list(keys),
                "appRoleAssignments": [
                    {"id": f"{object_id(app_id)[:8]}-{role[:4]}", "appRoleId": role, "createdDateTime": "2026-02-02T10:00:00Z",
                     "principalDisplayName": name, "principalId": object_id(app_id), "principalType": "ServicePrincipal",
                     "resourceDisplayName": "Microsoft Graph", "resourceId": GRAPH_SP_ID} for role in roles],
                "owners": [{"@odata.type": "#microsoft.graph.user", "userPrincipalName": owner}] if owner else [],
                "memberOf": [],
            }
            return value

        certificate = {"customKeyIdentifier": "6A1F0C2B9D3E4F5A", "displayName": "CN=nw-payments-deployer",
                       "endDateTime": iso(cert_start + timedelta(days=80)), "keyId": "c1d2e3f4-0000-4000-8000-00000000a001",
                       "startDateTime": iso(cert_start), "type": "AsymmetricX509Cert", "usage": "Verify"}
        graph = principal(GRAPH_APP_ID, "Microsoft Graph")
        graph.update({"id": GRAPH_SP_ID, "appOwnerOrganizationId": MICROSOFT_TENANT})
        return [
            principal(DEPLOYER, "nw-payments-deployer", keys=[certificate], roles=[APPLICATION_READWRITE_ALL],
                      owner="tomas.berg@" + DOMAIN),
            principal(REPORTING, "nw-reporting-connector", roles=[USER_READ_ALL], owner="li.wei@" + DOMAIN),
            principal(TRACKING_MI, "nw-tracking-runtime", kind="ManagedIdentity", alternative=[
                "isExplicit=True",
                "/subscriptions/6b5a4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d/resourcegroups/tracking/providers/"
                "Microsoft.ManagedIdentity/userAssignedIdentities/nw-tracking-runtime"]),
            principal(SHAREPOINT, "nw-legacy-sharepoint-sync"),
            graph,
        ]

    def entra_applications(self):
        def secret(key_id, name, start, end):
            return {"customKeyIdentifier": None, "displayName": name, "endDateTime": end, "hint": name[:3],
                    "keyId": key_id, "secretText": None, "startDateTime": start}

        def application(app_id, name, created, secrets):
            return {"appId": app_id, "createdDateTime": created, "displayName": name, "id": "0a" + app_id[2:],
                    "publisherDomain": DOMAIN, "signInAudience": "AzureADMyOrg", "keyCredentials": [],
                    "passwordCredentials": secrets}

        return [
            application(DEPLOYER, "nw-payments-deployer", "2025-11-03T08:12:00Z", []),
            application(REPORTING, "nw-reporting-connector", "2025-03-10T14:02:00Z",
                        [secret(REPORTING_SECRET, "powerbi-gateway", "2025-03-10T14:05:00Z", None)]),
            application(SHAREPOINT, "nw-legacy-sharepoint-sync", "2025-08-01T10:00:00Z",
                        [secret(SHAREPOINT_SECRET, "sync-job", "2025-08-01T10:01:00Z", "2026-08-01T10:01:00Z")]),
        ]

    def entra_sign_ins(self):
        """Log Analytics rows (`az monitor log-analytics query`): service principals and the managed identity."""
        principals, managed = [], []

        def row(table, t, app_id, name, resource, resource_id, ip, key=None):
            value = {"TenantId": ENTRA_TENANT, "TimeGenerated": iso(t), "OperationName": "Sign-in activity",
                     "ResultType": "0", "Category": table.replace("AAD", ""), "AppId": app_id,
                     "Id": f"{int(t.timestamp()):x}-{app_id[-4:]}", "IPAddress": ip, "ResourceDisplayName": resource,
                     "ResourceIdentity": resource_id, "ServicePrincipalId": object_id(app_id),
                     "ServicePrincipalName": name, "Type": table, "TableName": "PrimaryResult"}
            if key:
                value["ServicePrincipalCredentialKeyId"] = key
            return value

        for day in self.days():
            if day.weekday() < 5:
                t = day + timedelta(hours=13, minutes=20)
                principals.append(row("AADServicePrincipalSignInLogs", t, DEPLOYER, "nw-payments-deployer",
                                      "Microsoft Graph", GRAPH_APP_ID, "4.175.112.30",
                                      key="c1d2e3f4-0000-4000-8000-00000000a001"))
            if day.weekday() == 0:
                t = day + timedelta(hours=6, minutes=5)
                principals.append(row("AADServicePrincipalSignInLogs", t, REPORTING, "nw-reporting-connector",
                                      "Microsoft Graph", GRAPH_APP_ID, "20.50.2.17", key=REPORTING_SECRET))
            t = day + timedelta(hours=2, minutes=45)
            managed.append(row("AADManagedIdentitySignInLogs", t, TRACKING_MI, "nw-tracking-runtime",
                               "Azure Key Vault", "cfa8b339-82a2-471a-a3c9-0fc0be7a4093", "10.20.4.8"))
        return principals, managed

    def write_entra(self, root):
        folder = os.path.join(root, "entra")
        write_json(os.path.join(folder, "service-principals.json"), {
            "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#servicePrincipals"
                              "(*,appRoleAssignments(),owners(),memberOf())",
            "value": self.entra_service_principals()}, indent=2)
        write_json(os.path.join(folder, "applications.json"), self.entra_applications(), indent=2)
        principals, managed = self.entra_sign_ins()
        write_json(os.path.join(folder, "service-principal-sign-ins.json"), principals, indent=1)
        write_json(os.path.join(folder, "managed-identity-sign-ins.json"), managed, indent=1)
