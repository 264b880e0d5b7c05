"""Deterministic synthetic engagements for scale tests (``DemoDataset.generated``).

``--generate N`` serves N engagements in the ``Sandbox`` catalog, each with one to three
contexts (CustomerProject or Lead), two to six members and one or two Opportunity
associations: the same on every run, cheap enough for 100,000.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any

from engtui.demo.records import engagement_arn

__all__ = ["generate"]

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


def generate(count: int, data: Any) -> None:
    """Fill the empty ``DemoDataset`` ``data`` with ``count`` synthetic engagements."""
    rng = random.Random(_GEN_SEED)
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
