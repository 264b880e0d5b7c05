"""The records and faults the demo endpoint serves, loaded from a checked data file.

A data file (and the bundled ``sample_data.json``) is one JSON object::

    {
      "engagements": [ {<GetEngagement response>, "Catalog": "Sandbox"}, ... ],
      "members": {"eng-...": [ {<EngagementMember>}, ... ]},
      "associations": [ {<EngagementResourceAssociationSummary>}, ... ],
      "invitations": [ {<GetEngagementInvitation response>, "$participant": "RECEIVER"} ],
      "opportunities": [ {<GetOpportunity response>} ],
      "aws_summaries": [ {<GetAwsOpportunitySummary response>} ],
      "snapshots": [ {<GetResourceSnapshot response>} ],
      "groups": [ {<EngagementGroupSummary>, "$engagements": ["eng-...", ...]} ],
      "customer_accounts": [ {<GetCustomerAccount response>} ],
      "solutions": [ {<SolutionBase>} ],
      "snapshot_jobs": [ {<GetResourceSnapshotJob response>} ],
      "selling_settings": [ {<GetSellingSystemSettings response>} ],
      "accept_tasks" | "engagement_from_opportunity_tasks" |
      "opportunity_from_engagement_tasks": [ {<that List*Tasks operation's summary>} ],
      "prospecting_tasks": [ {<GetProspectingFromEngagementTask response>} ],
      "customer_account_bulk_jobs": [ {<GetCustomerAccountBulkJob response>} ],
      "opportunity_bulk_jobs": [ {<OpportunityBulkJobSummary>} ],
      "bulk_job_results": [ {<BulkJobResult>, "$job": "bulkjob-..."} ],
      "tags": [ {<Tag>, "$resource": "<the tagged record's ARN>"} ],
      "benefits" | "benefit_applications" | "benefit_allocations":
          [ {<partnercentral-benefits GetBenefit* output>} ],
      "faults": {"eng-..." | "<Operation>": "<kind>" | {"kind": "<kind>", ...}}
    }

Every key is optional. Each record is checked against its botocore shape (the table
``records.KINDS``; timestamps as ISO 8601 text; enums are open and members the model does
not know pass through, as they would from a newer service). ``Catalog`` defaults to
``Sandbox`` and ``Arn`` to the record's ARN; an engagement's ``MemberCount`` defaults to
the number of members listed, an association's ``Catalog`` to its engagement's. Any
problem raises ``DemoDataError`` naming the file and the place, e.g.
``data.json: engagements[3].CreatedAt: Member must be an ISO 8601 timestamp``.

Keys that start with ``$`` are the demo's own and never reach a client:

* ``"$allow": ["Contexts[0].Payload.CustomerProject.Customer.WebsiteUrl", ...]``: paths in
  this record whose values break the model's patterns *on purpose*, as the real service's
  sometimes do (``"WebsiteUrl": "null"``, an 11-digit account id); they are served as
  they are. Any other pattern break is an error in the file.
* ``"$summary_omits": ["ContextTypes", "ModifiedAt"]`` on an engagement: members its list
  summaries leave out (the service's summaries sometimes do).
* ``"$participant": "SENDER"`` on an invitation (default ``RECEIVER``): which side of it
  this partner is; ``"$engagements"`` on a group: the engagement ids it holds.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import threading
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from engtui.demo import model
from engtui.demo.faults import FaultSpec, parse_fault
from engtui.demo.records import (
    CATALOGS,
    DEFAULT_CATALOG,
    ENGAGEMENT_ID,
    KINDS,
    SERVED_OPERATIONS,
    engagement_arn,
    parse_engagement_arn,
    record_arn,
)
from engtui.demo.validation import Mode, check

__all__ = [
    "CATALOGS",
    "SERVED_OPERATIONS",
    "DemoDataError",
    "DemoDataset",
    "engagement_arn",
    "parse_engagement_arn",
]

TOP_LEVEL_KEYS = ("engagements", "members", "associations", *KINDS, "faults")
ALLOW = "$allow"


class DemoDataError(ValueError):
    """A demo data file cannot be used; the message names the file and the problem."""


@dataclass
class DemoDataset:
    """Engagements by ``(catalog, id)``, members by id, associations, records and faults.

    Engagements are stored in the ``GetEngagement`` response form with ``datetime``
    timestamps, in file order (the order ``ListEngagements`` uses without ``Sort``). Each
    other kind of record (``records.KINDS``) is a dict by ``(catalog, key)`` in its ``Get``
    response form. A dataset is not changed once served: the server's indexes (``index``)
    are built from it once.
    """

    engagements: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    members: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    associations: list[dict[str, Any]] = field(default_factory=list)
    invitations: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    opportunities: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    aws_summaries: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    snapshots: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    groups: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    customer_accounts: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    solutions: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    snapshot_jobs: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    selling_settings: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    accept_tasks: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    engagement_from_opportunity_tasks: dict[tuple[str, str], dict[str, Any]] = field(
        default_factory=dict)
    opportunity_from_engagement_tasks: dict[tuple[str, str], dict[str, Any]] = field(
        default_factory=dict)
    prospecting_tasks: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    customer_account_bulk_jobs: dict[tuple[str, str], dict[str, Any]] = field(
        default_factory=dict)
    opportunity_bulk_jobs: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    bulk_job_results: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    tags: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    benefits: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    benefit_applications: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    benefit_allocations: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    faults: dict[str, FaultSpec] = field(default_factory=dict)
    source: str = "<memory>"
    _index: Any = field(default=None, init=False, repr=False, compare=False)
    _index_lock: threading.Lock = field(
        default_factory=threading.Lock, init=False, repr=False, compare=False
    )

    # -- constructors -----------------------------------------------------------------
    @classmethod
    def bundled(cls, now: dt.datetime | None = None) -> DemoDataset:
        """Return the sample data shipped with engtui (``sample_data.json``), its dates moved
        to ``now`` (default: `engtui.demo.clock.demo_now`, the clock or
        ``ENGTUI_DEMO_NOW``), so its pending invitations are pending on any day."""
        from engtui.demo.clock import demo_now, hours_since_written, shift_dates

        text = resources.files("engtui.demo").joinpath("sample_data.json").read_text("utf-8")
        hours = hours_since_written(now or demo_now())
        if not hours:
            return cls.from_json(text, source="sample_data.json")
        return _Loader("sample_data.json").load(shift_dates(json.loads(text), hours))

    @classmethod
    def from_file(cls, path: str | os.PathLike[str]) -> DemoDataset:
        """Load and check a data file; raise ``DemoDataError`` if it is unusable."""
        name = os.fspath(path)
        try:
            with open(name, encoding="utf-8") as handle:
                text = handle.read()
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            raise DemoDataError(f"{name}: cannot read the file: {reason}") from None
        return cls.from_json(text, source=name)

    @classmethod
    def from_json(cls, text: str, *, source: str = "<data>") -> DemoDataset:
        """Parse and check data-file ``text``; ``source`` names it in error messages."""
        try:
            raw = json.loads(text)
        except ValueError as exc:
            raise DemoDataError(f"{source}: not valid JSON: {exc}") from None
        return _Loader(source).load(raw)

    @classmethod
    def generated(cls, count: int) -> DemoDataset:
        """Return ``count`` deterministic synthetic engagements (the same on every run).

        All are in the ``Sandbox`` catalog (the one ``engtui --demo`` browses), so that
        ``--generate 10000`` shows 10,000 rows in one list; each has two to six members and
        one or two Opportunity associations. Cheap enough for scale tests.
        """
        if count < 0:
            raise ValueError("count must not be negative")
        from engtui.demo.generate import generate

        data = cls(source=f"--generate {count}")
        generate(count, data)
        return data

    # -- queries ----------------------------------------------------------------------
    def engagement_ids(self, catalog: str) -> list[str]:
        """Return the ids of the engagements in ``catalog``, in data order."""
        return [eid for (cat, eid) in self.engagements if cat == catalog]

    def get(self, catalog: str, engagement_id: str) -> dict[str, Any] | None:
        """Return the stored engagement, or ``None``."""
        return self.engagements.get((catalog, engagement_id))

    def changed(self) -> None:
        """Say the dataset was changed after it was served (a test planting data): the
        indexes are built again on the next request."""
        with self._index_lock:
            self._index = None

    def index(self) -> Any:
        """Return the ``index.DatasetIndex`` of this dataset, built on first use."""
        if self._index is None:
            with self._index_lock:
                if self._index is None:
                    from engtui.demo.index import DatasetIndex

                    self._index = DatasetIndex(self)
        return self._index

    def __len__(self) -> int:
        return len(self.engagements)


class _Loader:
    """Turns the parsed JSON of a data file into a checked ``DemoDataset``."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, where: str, problem: str) -> DemoDataError:
        return DemoDataError(f"{self.source}: {where}: {problem}")

    def load(self, raw: Any) -> DemoDataset:
        if not isinstance(raw, dict):
            kind = type(raw).__name__
            raise DemoDataError(f"{self.source}: the top level must be a JSON object, not {kind}")
        unknown = [key for key in raw if key not in TOP_LEVEL_KEYS]
        if unknown:
            raise self.fail(
                unknown[0], f"unknown top-level key; expected one of {', '.join(TOP_LEVEL_KEYS)}"
            )
        data = DemoDataset(source=self.source)
        members = self._members(raw.get("members", {}))
        seen: set[str] = set()
        for index, item in enumerate(self._list(raw, "engagements")):
            where = f"engagements[{index}]"
            catalog, engagement = self._engagement(item, where, members)
            if engagement["Id"] in seen:
                raise self.fail(f"{where}.Id", f"duplicate id {engagement['Id']}")
            seen.add(engagement["Id"])
            data.engagements[(catalog, engagement["Id"])] = engagement
        data.members = members
        catalog_of = {eid: cat for cat, eid in data.engagements}
        for index, item in enumerate(self._list(raw, "associations")):
            data.associations.append(self._association(item, f"associations[{index}]", catalog_of))
        for name, kind in KINDS.items():
            store: dict[tuple[str, str], dict[str, Any]] = getattr(data, name)
            for index, item in enumerate(self._list(raw, name)):
                where = f"{name}[{index}]"
                record = self._record(kind, item, where)
                key = (record["Catalog"], kind.key(record))
                if key in store:
                    raise self.fail(where, f"duplicate {name} record {key[1]}")
                store[key] = record
        data.faults = self._faults(raw.get("faults", {}))
        return data

    def _list(self, raw: dict[str, Any], key: str) -> list[Any]:
        value = raw.get(key, [])
        if not isinstance(value, list):
            raise self.fail(key, "must be a list")
        return value

    def _checked(self, shape_name: str, value: Any, where: str,
                 service: str = model.SERVICE_NAME) -> Any:
        allowed = value.get(ALLOW, []) if isinstance(value, dict) else []
        if not isinstance(allowed, list) or not all(isinstance(a, str) for a in allowed):
            raise self.fail(f"{where}.{ALLOW}", "must be a list of member paths")
        converted, issues = check(model.shape(shape_name, service), value, Mode.STORED)
        unused = set(allowed) - {issue.field for issue in issues}
        if unused:
            raise self.fail(f"{where}.{ALLOW}", f"{sorted(unused)[0]} breaks no pattern")
        issues = [issue for issue in issues if issue.field not in allowed]
        if issues:
            issue = issues[0]
            got = f" (got {issue.shown})" if issue.shown is not None else ""
            place = f"{where}.{issue.field}" if issue.field else where
            raise self.fail(place, issue.constraint + got)
        return converted

    def _engagement(
        self, item: Any, where: str, members: dict[str, list[dict[str, Any]]]
    ) -> tuple[str, dict[str, Any]]:
        if not isinstance(item, dict):
            raise self.fail(where, "an engagement must be an object")
        item = dict(item)
        catalog = item.pop("Catalog", DEFAULT_CATALOG)
        if catalog not in CATALOGS:
            raise self.fail(f"{where}.Catalog", f"must be one of {', '.join(CATALOGS)}")
        engagement_id = item.get("Id")
        if not isinstance(engagement_id, str) or not ENGAGEMENT_ID.fullmatch(engagement_id):
            raise self.fail(f"{where}.Id", "every engagement needs an Id like eng-[0-9a-z]{14}")
        item.setdefault("Arn", engagement_arn(catalog, engagement_id))
        item.setdefault("MemberCount", len(members.get(engagement_id, [])))
        return catalog, self._checked("GetEngagementResponse", item, where)

    def _record(self, kind: Any, item: Any, where: str) -> dict[str, Any]:
        if not isinstance(item, dict):
            raise self.fail(where, "a record must be an object")
        item = dict(item)
        item.setdefault("Catalog", DEFAULT_CATALOG)
        if item["Catalog"] not in CATALOGS:
            raise self.fail(f"{where}.Catalog", f"must be one of {', '.join(CATALOGS)}")
        identifier = item.get(kind.id_member)
        if not isinstance(identifier, str) or not kind.id_pattern.fullmatch(identifier):
            raise self.fail(f"{where}.{kind.id_member}", f"must match {kind.id_pattern.pattern}")
        if kind.arn_kind and "Arn" not in item:
            item["Arn"] = record_arn(item["Catalog"], kind.arn_kind, identifier)
        for name, default in kind.defaults.items():
            item.setdefault(name, default(item))
        return self._checked(kind.shape, item, where, kind.service)

    def _members(self, raw: Any) -> dict[str, list[dict[str, Any]]]:
        if not isinstance(raw, dict):
            raise self.fail("members", "must be an object mapping engagement ids to lists")
        result: dict[str, list[dict[str, Any]]] = {}
        for engagement_id, items in raw.items():
            where = f"members.{engagement_id}"
            if not ENGAGEMENT_ID.fullmatch(engagement_id):
                raise self.fail(where, "keys must be engagement ids like eng-[0-9a-z]{14}")
            if not isinstance(items, list):
                raise self.fail(where, "must be a list of members")
            result[engagement_id] = [
                self._checked("EngagementMember", member, f"{where}[{i}]")
                for i, member in enumerate(items)
            ]
        return result

    def _association(self, item: Any, where: str, catalog_of: dict[str, str]) -> dict[str, Any]:
        if not isinstance(item, dict):
            raise self.fail(where, "an association must be an object")
        item = dict(item)
        if "Catalog" not in item:
            item["Catalog"] = catalog_of.get(item.get("EngagementId", ""), DEFAULT_CATALOG)
        item.setdefault("ResourceType", "Opportunity")
        if item["Catalog"] not in CATALOGS:
            raise self.fail(f"{where}.Catalog", f"must be one of {', '.join(CATALOGS)}")
        return self._checked("EngagementResourceAssociationSummary", item, where)

    def _faults(self, raw: Any) -> dict[str, FaultSpec]:
        if not isinstance(raw, dict):
            raise self.fail("faults", "must be an object mapping identifiers to fault kinds")
        result: dict[str, FaultSpec] = {}
        for key, value in raw.items():
            where = f"faults.{key}"
            ids = (ENGAGEMENT_ID, *(kind.id_pattern for kind in KINDS.values()
                                    if kind.fault_key))
            if not (any(p.fullmatch(key) for p in ids) or key in SERVED_OPERATIONS):
                raise self.fail(where, "keys must be record ids (eng-...) or operation names")
            try:
                result[key] = parse_fault(value)
            except ValueError as exc:
                raise self.fail(where, str(exc)) from None
        return result
