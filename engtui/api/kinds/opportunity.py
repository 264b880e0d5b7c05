"""The opportunity: ``GetOpportunity``, drawn whole; the engagements it belongs to and its
solutions beside it; its AWS opportunity summary a key away (``o``); and the catalog's
opportunities as a list (``SearchOpportunities``; ``ListOpportunities`` on an older model)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from engtui.api.kinds.benefits import FUNDING
from engtui.api.kinds.ids import IdSyntax
from engtui.api.kinds.tags import TAGS
from engtui.api.kinds.task import OPPORTUNITY_TASKS
from engtui.api.pictures import PIPELINE
from engtui.api.records import (
    Column,
    Link,
    ListColumn,
    ListFlag,
    ListKey,
    ListKind,
    ListSwitch,
    RecordKind,
    RelatedList,
    deferred,
    deferred_call,
    deferred_options,
)

IDS = IdSyntax("O", r"O[0-9]{1,19}", "opportunity", "an opportunity", "O and digits")


def _title(data: Mapping[str, Any]) -> str:
    """Its project's title, else its customer's company."""
    project = data.get("Project") or {}
    account = (data.get("Customer") or {}).get("Account") or {}
    return str(project.get("Title") or account.get("CompanyName") or "")


ENGAGEMENTS = RelatedList(
    name="engagements",
    title="Engagements",
    operation="ListEngagementResourceAssociations",
    id_param="ResourceIdentifier",
    result_key="EngagementResourceAssociationSummaries",
    item_shape="EngagementResourceAssociationSummary",
    columns=(Column("Engagement", "EngagementId", 20), Column("Type", "ResourceType", 12),
             Column("Created by", "CreatedBy")),
    row_link=Link("EngagementId", "engagement"),
    noun="engagements of this opportunity",
    row_noun="engagement",
    params=lambda data: {"ResourceIdentifier": data.get("Id"), "ResourceType": "Opportunity"},
)

def _solution_ids(data: Mapping[str, Any]) -> dict[str, Any]:
    related = data.get("RelatedEntityIdentifiers") or {}
    ids = related.get("Solutions") if isinstance(related, dict) else None
    return {"Identifier": [i for i in ids if isinstance(i, str)][:20]
            if isinstance(ids, list) else []}


SOLUTIONS = RelatedList(
    name="solutions",
    title="Solutions",
    # Why a call and not just the ids: GetOpportunity names its solutions only by id
    # (RelatedEntityIdentifiers.Solutions); ListSolutions, read-only like every List*,
    # adds what a partner recognises them by (name, status, category) in one request of
    # at most 20 ids (the model's limit, the most an opportunity links). An opportunity
    # with no solutions sends nothing (``needs``). The demo endpoint serves ListSolutions.
    operation="ListSolutions",
    id_param="Identifier",
    result_key="SolutionSummaries",
    item_shape="SolutionBase",
    columns=(Column("Solution", "Id", 10), Column("Name", "Name", 34),
             Column("Status", "Status", 9), Column("Category", "Category")),
    noun="solutions of this opportunity",
    row_noun="solution",
    params=_solution_ids,
    needs="Identifier",
)


_SEARCH = "SearchOpportunities"

OPPORTUNITY_LIST = ListKind(
    name="opportunities",
    title="Opportunities",
    noun="opportunity",
    opens="opportunity",
    # The search's summaries carry the life cycle, the customer, AWS's engagement score and
    # the expected spend: no call per row (a ListOpportunities row shows "—" for the score).
    columns=(
        ListColumn("Id", 10, 90, filtered=True),
        ListColumn("Customer", 0, 80, filtered=True),
        ListColumn("Stage", 20, 70),
        ListColumn("Review", 12, 30),
        ListColumn("Score", 6, 50, operation=_SEARCH),
        ListColumn("Est. MRR", 9, 60, right=True, operation=_SEARCH),
        ListColumn("Close", 10, 65, muted=True),
        ListColumn("Modified", 10, 40, muted=True),
    ),
    make_row=deferred("engtui.api.opportunity_search", "opportunity_row"),
    item_id=lambda summary: summary.id,
    crumb="Opportunities",
    switches=(
        ListSwitch("stage", "f", "Stage",
                   "Which life-cycle stage: prospect, qualified, … closed lost, any (reloads)"),
        ListSwitch("sort_by", "b", "Sort by",
                   "Sort by last modified, close date, AWS engagement score or estimated "
                   "MRR (s flips the order; reloads)"),
    ),
    make_options=deferred_options("engtui.api.opportunity_search", "OpportunityOptions"),
    query=lambda options: options.query(),
    make_item=deferred("engtui.api.opportunity_search", "OpportunitySummary.from_api"),
    keyword=_SEARCH,
    key=ListKey("f6", "Opps", "The opportunities of this catalog, last modified first",
                "List opportunities", "The catalog's opportunities, last modified first"),
    cli_flags=(
        ListFlag("--search", "keyword", "the service's keyword search (SearchOpportunities)",
                 metavar="KEYWORD"),
        ListFlag("--stage", "stage", "life-cycle stage (repeatable)", metavar="STAGE",
                 repeat=True, enum=("ListOpportunities", "LifeCycleStage")),
        ListFlag("--review-status", "review_status", "review status (repeatable)",
                 metavar="STATUS", repeat=True,
                 enum=("ListOpportunities", "LifeCycleReviewStatus")),
        ListFlag("--country", "country", "customer country, ISO 3166 alpha-2 (repeatable)",
                 metavar="CODE", repeat=True),
        ListFlag("--industry", "industry", "customer industry, as the model spells it "
                 "(repeatable)", metavar="INDUSTRY", repeat=True),
        ListFlag("--cosell-motion", "cosell_motion", "AWS's co-sell motion (repeatable)",
                 metavar="MOTION", repeat=True),
        ListFlag("--engagement-score", "engagement_score",
                 "AWS engagement score (repeatable)", metavar="SCORE", repeat=True,
                 enum=(_SEARCH, "SearchEngagementScore")),
        ListFlag("--close-from", "close_from", "target close date on or after (YYYY-MM-DD)",
                 metavar="DATE"),
        ListFlag("--close-to", "close_to", "target close date on or before (YYYY-MM-DD)",
                 metavar="DATE"),
        ListFlag("--min-mrr", "min_mrr", "estimated monthly recurring revenue of at least",
                 metavar="AMOUNT"),
        ListFlag("--sort", "sort", "a SearchOpportunities sort key (LastModifiedDate, "
                 "TargetCloseDate, EngagementScore, EstimatedMrr, ...)", metavar="KEY"),
        ListFlag("--ascending", "ascending", "oldest or smallest first", switch=True),
    ),
    cli_query=deferred_call("engtui.api.opportunity_search", "opportunities_query"),
    aliases=("opps", "pipeline"),
    picture=PIPELINE,
)

OPPORTUNITY = RecordKind(
    name="opportunity",
    title="Opportunity",
    get_operation="GetOpportunity",
    id_param="Identifier",
    parse=IDS.parser(lambda: OPPORTUNITY),
    recognises=lambda text: IDS.recognises(text) and (
        text.strip().lower().startswith("arn:") or not text.strip()[1:2].isalpha()),
    title_member="",
    title_of=_title,
    header_pairs={"Id": "OpportunityType", "CreatedDate": "LastModifiedDate"},
    header_members=("Id", "OpportunityType", "CreatedDate", "LastModifiedDate"),
    related=(ENGAGEMENTS, SOLUTIONS, OPPORTUNITY_TASKS, FUNDING, TAGS),
    links=(Link("Id", "aws_summary", label="Its AWS opportunity summary", in_tree=False),),
    prefix=IDS.prefix,
    # The pattern a public Partner Central MCP server links opportunity ids with (its
    # console-links helper: PARTNER_CENTRAL_CONSOLE_OPPORTUNITY_BASE + "/" + id, us-east-1
    # only, as the Selling API; AWS catalog only, Sandbox ids do not resolve there), under
    # the console's home https://us-east-1.console.aws.amazon.com/partnercentral/home that
    # AWS's own documentation links to.
    console_url="https://us-east-1.console.aws.amazon.com/partnercentral/opportunities/{id}",
    aliases=("opp",),
)
