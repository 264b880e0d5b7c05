"""The engagements, members, resource associations and faults the demo endpoint serves.

A data file (and the bundled ``sample_data.json``) is one JSON object::

    {
      "engagements": [ {<GetEngagement response>, "Catalog": "Sandbox"}, ... ],
      "members": {"eng-...": [ {<EngagementMember>}, ... ]},
      "associations": [ {<EngagementResourceAssociationSummary>}, ... ],
      "faults": {"eng-..." | "<Operation>": "<kind>" | {"kind": "<kind>", ...}}
    }

Every key is optional. Each engagement is checked against botocore's
``GetEngagementResponse`` shape (timestamps as ISO 8601 text; enums are open and members
the model does not know pass through, as they would from a newer service); ``Catalog``
defaults to ``Sandbox``, ``Arn`` to the engagement ARN and ``MemberCount`` to the number
of members listed. An association's ``Catalog`` defaults to its engagement's. Any
problem raises ``DemoDataError`` naming the file and the place, e.g.
``data.json: engagements[3].CreatedAt: Member must be an ISO 8601 timestamp``.
"""

from __future__ import annotations

import json
import os
import random
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from importlib import resources
from typing import Any

from engtui.demo import model
from engtui.demo.faults import FaultSpec, parse_fault
from engtui.demo.validation import Mode, check

__all__ = ["CATALOGS", "DemoDataError", "DemoDataset", "engagement_arn", "parse_engagement_arn"]

CATALOGS: tuple[str, ...] = ("AWS", "Sandbox")
DEFAULT_CATALOG = "Sandbox"
ARN_REGION = "us-east-1"
SERVED_OPERATIONS = (
    "GetEngagement",
    "ListEngagements",
    "ListEngagementMembers",
    "ListEngagementResourceAssociations",
)
TOP_LEVEL_KEYS = ("engagements", "members", "associations", "faults")

_ID = re.compile(r"eng-[0-9a-z]{14}")
_ARN = re.compile(
    r"arn:aws[a-z-]*:partnercentral:[a-z0-9-]*:[0-9]*:catalog/([A-Za-z]+)/engagement/"
    r"(eng-[0-9a-z]{14})"
)


class DemoDataError(ValueError):
    """A demo data file cannot be used; the message names the file and the problem."""


def engagement_arn(catalog: str, engagement_id: str) -> str:
    """Return the ARN of an engagement, in the form Partner Central uses."""
    return f"arn:aws:partnercentral:{ARN_REGION}::catalog/{catalog}/engagement/{engagement_id}"


def parse_engagement_arn(arn: str) -> tuple[str, str] | None:
    """Return ``(catalog, id)`` from an engagement ARN, or ``None`` if it is not one."""
    match = _ARN.fullmatch(arn)
    return (match.group(1), match.group(2)) if match else None


@dataclass
class DemoDataset:
    """Engagements by ``(catalog, id)``, members by id, associations and faults.

    Engagements are stored in the ``GetEngagement`` response form with ``datetime``
    timestamps, in file order (the order ``ListEngagements`` uses without ``Sort``).
    """

    engagements: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    members: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    associations: list[dict[str, Any]] = field(default_factory=list)
    faults: dict[str, FaultSpec] = field(default_factory=dict)
    source: str = "<memory>"

    # -- constructors -----------------------------------------------------------------
    @classmethod
    def bundled(cls) -> DemoDataset:
        """Return the sample data shipped with engtui (``sample_data.json``)."""
        text = resources.files("engtui.demo").joinpath("sample_data.json").read_text("utf-8")
        return cls.from_json(text, source="sample_data.json")

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
        return _generate(count)

    # -- queries ----------------------------------------------------------------------
    def engagement_ids(self, catalog: str) -> list[str]:
        """Return the ids of the engagements in ``catalog``, in data order."""
        return [eid for (cat, eid) in self.engagements if cat == catalog]

    def get(self, catalog: str, engagement_id: str) -> dict[str, Any] | None:
        """Return the stored engagement, or ``None``."""
        return self.engagements.get((catalog, engagement_id))

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
            catalog, engagement = self._engagement(item, f"engagements[{index}]", members)
            if engagement["Id"] in seen:
                raise self.fail(f"engagements[{index}].Id", f"duplicate id {engagement['Id']}")
            seen.add(engagement["Id"])
            data.engagements[(catalog, engagement["Id"])] = engagement
        data.members = members
        catalog_of = {eid: cat for cat, eid in data.engagements}
        for index, item in enumerate(self._list(raw, "associations")):
            data.associations.append(self._association(item, f"associations[{index}]", catalog_of))
        data.faults = self._faults(raw.get("faults", {}))
        return data

    def _list(self, raw: dict[str, Any], key: str) -> list[Any]:
        value = raw.get(key, [])
        if not isinstance(value, list):
            raise self.fail(key, "must be a list")
        return value

    def _checked(self, shape_name: str, value: Any, where: str) -> Any:
        converted, issues = check(model.shape(shape_name), value, Mode.STORED, where)
        if issues:
            issue = issues[0]
            got = f" (got {issue.shown})" if issue.shown is not None else ""
            raise self.fail(issue.field or where, issue.constraint + got)
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
        if not isinstance(engagement_id, str) or not _ID.fullmatch(engagement_id):
            raise self.fail(f"{where}.Id", "every engagement needs an Id like eng-[0-9a-z]{14}")
        item.setdefault("Arn", engagement_arn(catalog, engagement_id))
        item.setdefault("MemberCount", len(members.get(engagement_id, [])))
        return catalog, self._checked("GetEngagementResponse", item, where)

    def _members(self, raw: Any) -> dict[str, list[dict[str, Any]]]:
        if not isinstance(raw, dict):
            raise self.fail("members", "must be an object mapping engagement ids to lists")
        result: dict[str, list[dict[str, Any]]] = {}
        for engagement_id, items in raw.items():
            where = f"members.{engagement_id}"
            if not _ID.fullmatch(engagement_id):
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
            if not (_ID.fullmatch(key) or key in SERVED_OPERATIONS):
                raise self.fail(where, "keys must be engagement ids (eng-...) or operation names")
            try:
                result[key] = parse_fault(value)
            except ValueError as exc:
                raise self.fail(where, str(exc)) from None
        return result


# -- synthetic data ------------------------------------------------------------------
_GEN_START = datetime(2025, 1, 6, 9, 0, tzinfo=UTC)
_GEN_SEED = 20261126
_GEN_PARTNERS = ("111122223333", "444455556666", "777788889999", "123412341234")
_GEN_WORDS = (
    "Atlas",
    "Beacon",
    "Cobalt",
    "Delta",
    "Ember",
    "Falcon",
    "Granite",
    "Harbor",
    "Iris",
    "Juniper",
    "Keystone",
    "Lumen",
    "Maple",
    "Nimbus",
    "Orchid",
    "Pioneer",
    "Quartz",
    "Redwood",
    "Summit",
    "Tidal",
    "Umber",
    "Vertex",
    "Willow",
    "Zephyr",
)
_GEN_KINDS = ("Analytics", "Health", "Logistics", "Retail", "Energy", "Media", "Labs", "Bank")
_GEN_PROJECTS = (
    "data platform",
    "migration",
    "ML pilot",
    "contact center",
    "SAP move",
    "edge rollout",
)
_GEN_INDUSTRIES = (
    "Software and Internet",
    "Healthcare",
    "Retail",
    "Financial Services",
    "Manufacturing",
    "Media and Entertainment",
    "Transportation and Logistics",
    "Energy - Power and Utilities",
)
_GEN_COUNTRIES = ("US", "CA", "GB", "DE", "FR", "JP", "AU", "IN", "BR", "SG")


def _generate(count: int) -> DemoDataset:
    rng = random.Random(_GEN_SEED)
    data = DemoDataset(source=f"--generate {count}")
    words, kinds, projects = _GEN_WORDS, _GEN_KINDS, _GEN_PROJECTS
    for index in range(count):
        engagement_id = f"eng-gen{index:011d}"
        catalog = "Sandbox"
        company = f"{words[index % len(words)]} {kinds[(index // len(words)) % len(kinds)]}"
        created = _GEN_START + timedelta(minutes=47 * index + rng.randrange(40))
        modified = created + timedelta(hours=rng.randrange(1, 2000))
        creator = _GEN_PARTNERS[index % len(_GEN_PARTNERS)]
        domain = company.lower().replace(" ", "-") + ".test"
        context_count = 1 + rng.randrange(3)
        contexts = []
        for number in range(context_count):
            if (index + number) % 3 == 2:
                contexts.append(_generated_lead(rng, number, company, domain, created))
            else:
                contexts.append(_generated_project(rng, number, company, domain, created))
        member_list = [
            {
                "CompanyName": f"Partner {words[(index + m) % len(words)]} {m}",
                "WebsiteUrl": f"https://partner{m}.example.com",
                "AccountId": f"{(index * 7 + m) % 10**12:012d}",
            }
            for m in range(2 + rng.randrange(5))
        ]
        data.engagements[(catalog, engagement_id)] = {
            "Id": engagement_id,
            "Arn": engagement_arn(catalog, engagement_id),
            "Title": f"{company} {projects[index % len(projects)]}"[:40],
            "Description": f"Synthetic engagement {index} for scale tests.",
            "CreatedAt": created,
            "CreatedBy": creator,
            "MemberCount": len(member_list),
            "ModifiedAt": modified,
            "ModifiedBy": creator,
            "Contexts": contexts,
        }
        data.members[engagement_id] = member_list
        for a in range(1 + index % 2):
            data.associations.append(
                {
                    "Catalog": catalog,
                    "EngagementId": engagement_id,
                    "ResourceType": "Opportunity",
                    "ResourceId": f"O{1000000 + index * 2 + a}",
                    "CreatedBy": creator,
                }
            )
    return data


def _generated_project(
    rng: random.Random, number: int, company: str, domain: str, created: datetime
) -> dict[str, Any]:
    target = (created + timedelta(days=60 + rng.randrange(300))).date().isoformat()
    return {
        "Id": str(number + 1),
        "Type": "CustomerProject",
        "Payload": {
            "CustomerProject": {
                "Customer": {
                    "Industry": rng.choice(_GEN_INDUSTRIES),
                    "CompanyName": company,
                    "WebsiteUrl": f"https://www.{domain}",
                    "CountryCode": rng.choice(_GEN_COUNTRIES),
                },
                "Project": {
                    "Title": f"{company} workload {number + 1}",
                    "BusinessProblem": "Synthetic business problem text for scale testing.",
                    "TargetCompletionDate": target,
                },
            }
        },
    }


def _generated_lead(
    rng: random.Random, number: int, company: str, domain: str, created: datetime
) -> dict[str, Any]:
    return {
        "Id": str(number + 1),
        "Type": "Lead",
        "Payload": {
            "Lead": {
                "QualificationStatus": rng.choice(("Qualified", "Nurture", "Research")),
                "Customer": {
                    "Industry": rng.choice(_GEN_INDUSTRIES),
                    "CompanyName": company,
                    "WebsiteUrl": f"https://www.{domain}",
                    "Address": {"CountryCode": rng.choice(_GEN_COUNTRIES)},
                    "MarketSegment": rng.choice(("Enterprise", "Mid-Market", "Small Business")),
                },
                "Interactions": [
                    {
                        "SourceType": "Website Form",
                        "SourceId": f"web-{number}",
                        "SourceName": "Contact us form",
                        "InteractionDate": created - timedelta(days=1 + rng.randrange(30)),
                        "Contact": {
                            "BusinessTitle": "IT Director",
                            "Email": f"it.director@{domain}",
                            "FirstName": "Sam",
                            "LastName": "Rivera",
                            "Phone": f"+1555010{rng.randrange(10000):04d}",
                        },
                    }
                ],
            }
        },
    }
