"""Records of the bundled demo data to try each record kind on, by the kind's name.

The conformance suite (``tests/conformance``) opens every kind engtui declares
(`engtui.api.kinds.KINDS`) from here: a kind added without an example in the demo fails it,
so a new kind is served by the demo the day it is declared. Each entry is text the kind's
``parse`` accepts (what a user would type, or what the kind's link sends); a kind has more
than one when no single record of it has every link and every related list filled (an
engagement with a customer account context has no snapshots).
"""

from __future__ import annotations

__all__ = ["EXAMPLES"]

_SNAPSHOT_ARN = ("arn:aws:partnercentral:us-east-1:111122223333:catalog/Sandbox/engagement/"
                 "eng-p4r0s5p3c7r3s1/resource-snapshot/O6100001/OpportunitySummary/3")

EXAMPLES: dict[str, tuple[str, ...]] = {
    # members, linked opportunities, snapshots and a received invitation, all with rows
    "engagement": ("eng-a1b2c3d4e5f6g7", "eng-p4r0s5p3c7r3s1", "eng-c5t0m3r4c2t9a8"),
    "invitation": ("engi-p3nd1ngaws001", "engi-acc3pt3daws04"),
    "opportunity": ("O6100001", "O6100002"),
    "aws_summary": ("O6100001",),
    "snapshot": (_SNAPSHOT_ARN,),
    "customer_account": ("cust-acc-qrryfds000001",),
    # a running job with a LastFailure, a stopped one
    "snapshot_job": ("job-nwrun4820113a", "job-cndr6100001st"),
    "prospecting_task": ("task-prsp0000000001",),
    # failed rows; a job that failed whole (no rows)
    "customer_account_bulk_job": ("bulkjob-cstacc0000001", "bulkjob-cstacc0000003"),
    "benefit_application": ("benappl-vqapilot000001", "benappl-tidewater00001"),
    "benefit_allocation": ("benalloc-vqapilot000001",),
    "benefit": ("ben-poccredits0001",),
}
