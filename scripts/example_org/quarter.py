"""A quarter of the example organisation: the mixins put together."""

from datetime import timedelta

from .aws_activity import AwsActivity
from .cloudtrail import Trail
from .common import PROD, PROD_CLUSTER, QUARTERS, STG, STG_CLUSTER, at
from .gcp import GcpActivity
from .entra import EntraActivity
from .github import GitHubActivity
from .iam_exports import IamExports
from .incidents import IncidentActivity
from .inventory import Inventory
from .kubernetes import KubernetesActivity
from .q4_events import QuarterFourEvents
from .records import Records


class Quarter(Inventory, AwsActivity, IncidentActivity, QuarterFourEvents, KubernetesActivity, GitHubActivity,
              IamExports, Records, GcpActivity, EntraActivity):
    """One quarter of Northwind Freight: builds the identities, plays the timeline, writes the exports."""

    def __init__(self, name, rnd):
        self.name = name
        self.q4 = name == "2026-Q4"
        self.start, self.end = QUARTERS[name]
        self.rnd = rnd
        self.trails = {PROD: Trail(PROD, rnd), STG: Trail(STG, rnd)}
        self.k8s = {PROD_CLUSTER: [], STG_CLUSTER: []}
        self.github = []
        self.changes = []
        self.incidents = []
        self.build_identities()

    # -- inventory --------------------------------------------------------------------------

    def days(self):
        d = self.start
        while d <= self.end:
            yield d
            d += timedelta(days=1)

    def staging_gap(self):
        """2026-Q4: the staging trail was stopped by a Terraform change and restarted nine days later."""
        if not self.q4:
            return None
        return at("2026-11-13 17:42:09"), at("2026-11-23 10:05:31")

    def in_staging_gap(self, t):
        gap = self.staging_gap()
        return gap is not None and gap[0] < t < gap[1]

    def generate(self):
        self.background_aws()
        self.releases()
        self.platform_changes()
        self.data_and_integrations()
        self.incidents_and_recovery()
        self.quarter_specific()
        self.background_k8s()
        self.github_background()
        self.gcp_background()

    def write(self, root):
        self.write_scope(root)
        self.write_aws(root)
        self.write_k8s(root)
        self.write_github(root)
        self.write_gcp(root)
        self.write_entra(root)
        self.write_scanner(root)
        self.write_records(root)
        self.write_assessment(root)
