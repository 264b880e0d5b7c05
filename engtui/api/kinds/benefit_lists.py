"""The lists of the benefits service (``partnercentral-benefits``): benefit applications
(an opportunity's with ``--opportunity``), benefit allocations and benefits; Enter opens the
row's record (`engtui.api.kinds.benefits`). Their requests, options and rows are in
`engtui.api.funding_lists`; each `ListQuery` names the benefits service."""

from __future__ import annotations

from engtui.api.records import (
    ListColumn,
    ListFlag,
    ListKey,
    ListKind,
    ListSwitch,
    deferred,
    deferred_call,
    deferred_options,
)

_ROWS = "engtui.api.funding_lists"  # their rows, options and requests


def _status_switch(what: str) -> ListSwitch:
    return ListSwitch("status", "f", "Status", f"Which {what} status, or any (reloads)")


BENEFIT_APPLICATION_LIST = ListKind(
    name="benefit_applications",
    title="Benefit applications",
    noun="application",
    opens="benefit_application",
    columns=(
        ListColumn("Id", 24, 90, filtered=True),
        ListColumn("Name", 0, 80, filtered=True),
        ListColumn("Status", 18, 70),
        ListColumn("Stage", 12, 50),
        ListColumn("Updated", 10, 40, muted=True),
    ),
    make_row=deferred(_ROWS, "application_row"),
    item_id=lambda summary: summary.id,
    crumb="Funding",
    switches=(_status_switch("application"),),
    make_options=deferred_options(_ROWS, "ApplicationOptions"),
    query=lambda options: options.query(),
    make_item=deferred(_ROWS, "ApplicationSummary.from_api"),
    key=ListKey("f11", "Funding", "The benefit applications (funding) of this catalog",
                "List benefit applications", "Funding: the catalog's benefit applications"),
    cli_name="benefit-applications",
    cli_flags=(
        ListFlag("--opportunity", "opportunity", "an opportunity's applications (O… or its "
                 "ARN)", metavar="OPPORTUNITY"),
        ListFlag("--application-status", "status", "benefit application status",
                 metavar="STATUS", enum=("ListBenefitApplications", "Status")),
    ),
    cli_query=deferred_call(_ROWS, "applications_query"),
    aliases=("funding", "benappls"),
    sortable=False,  # the model has no sort
)

BENEFIT_ALLOCATION_LIST = ListKind(
    name="benefit_allocations",
    title="Benefit allocations",
    noun="allocation",
    opens="benefit_allocation",
    columns=(
        ListColumn("Id", 24, 90, filtered=True),
        ListColumn("Name", 0, 80, filtered=True),
        ListColumn("Status", 9, 70),
        ListColumn("Type", 14, 40),
        ListColumn("Expires", 10, 60, muted=True),
        ListColumn("Application", 23, 30, filtered=True),
    ),
    make_row=deferred(_ROWS, "allocation_row"),
    item_id=lambda summary: summary.id,
    crumb="Allocations",
    switches=(_status_switch("allocation"),),
    make_options=deferred_options(_ROWS, "AllocationOptions"),
    query=lambda options: options.query(),
    make_item=deferred(_ROWS, "AllocationSummary.from_api"),
    key=ListKey("f12", "Allocs", "The benefit allocations (credits, cash) of this catalog",
                "List benefit allocations", "The catalog's benefit allocations"),
    cli_name="benefit-allocations",
    cli_flags=(
        ListFlag("--allocation-status", "status", "benefit allocation status",
                 metavar="STATUS", enum=("ListBenefitAllocations", "Status")),
        ListFlag("--application", "application", "an application's allocations (benappl-…)",
                 metavar="ID"),
    ),
    cli_query=deferred_call(_ROWS, "allocations_query"),
    aliases=("allocations", "benallocs"),
    sortable=False,  # the model has no sort
)

BENEFIT_LIST = ListKind(
    name="benefits",
    title="Benefits",
    noun="benefit",
    opens="benefit",
    columns=(
        ListColumn("Id", 18, 90, filtered=True),
        ListColumn("Name", 0, 80, filtered=True),
        ListColumn("Status", 8, 70),
        ListColumn("Programs", 18, 40),
        ListColumn("Fulfillment", 14, 50),
    ),
    make_row=deferred(_ROWS, "benefit_row"),
    item_id=lambda summary: summary.id,
    crumb="Benefits",
    switches=(_status_switch("benefit"),),
    make_options=deferred_options(_ROWS, "BenefitOptions"),
    query=lambda options: options.query(),
    make_item=deferred(_ROWS, "BenefitSummary.from_api"),
    key=ListKey("ctrl+y", "Benefits", "The benefits partners can apply for in this catalog",
                "List benefits", "The catalog's benefits"),
    cli_flags=(
        ListFlag("--benefit-status", "status", "benefit status", metavar="STATUS",
                 enum=("ListBenefits", "Status")),
    ),
    cli_query=deferred_call(_ROWS, "benefits_query"),
    aliases=("bens",),
    sortable=False,  # the model has no sort
)
