"""Every read-only operation of both services is called by something in engtui (issue 22).

The model's reads (names starting Get, List or Search) of ``partnercentral-selling`` and
``partnercentral-benefits``, against what engtui calls: the operations its record kinds,
their panes and its lists declare (`KINDS`, `LISTS`), and any other call site in its source
(``engtui doctor``'s ``get_selling_system_settings``, the engagement list's
``list_engagements``). A new read in botocore, or a declaration dropped, fails here with its
name; the exclusions below say why each is not called yet.
"""

from __future__ import annotations

import re
from pathlib import Path

from botocore import xform_name

from engtui.api.identifiers import InvalidInput
from engtui.api.kinds import KINDS, LISTS
from engtui.api.model import BENEFITS_SERVICE, SERVICE_NAME, SERVICES, service_model
from engtui.api.read_only import READ_ONLY_PREFIXES

SOURCE = Path(__file__).resolve().parents[2] / "engtui"

NOT_CALLED_YET: dict[tuple[str, str], str] = {
    # every read of both services is called (issue 22); an exclusion goes here, with why
}


def reads() -> set[tuple[str, str]]:
    return {(service, name) for service in (SERVICE_NAME, BENEFITS_SERVICE)
            for name in service_model(service).operation_names
            if name.startswith(READ_ONLY_PREFIXES)}


def declared() -> set[tuple[str, str]]:
    found = {(SERVICES[kind.service], kind.get_operation) for kind in KINDS.values()}
    found |= {(SERVICES[related.service], related.operation)
              for kind in KINDS.values() for related in kind.related}
    for spec in LISTS.values():
        if spec.query and spec.make_options:
            try:
                query = spec.query(spec.make_options(100))
            except InvalidInput:  # one record's rows (a bulk job's): named in its query's code
                continue
            parts = [part for _, part in query.parts] or [query]
            found |= {(SERVICES[part.service], part.operation) for part in parts}
    return found


def called_in_source() -> set[tuple[str, str]]:
    """Selling reads named at a call site outside the demo endpoint: ``"SearchEngagements"``
    in a query, ``self._call("get_selling_system_settings", ...)``."""
    text = "\n".join(path.read_text("utf-8") for path in SOURCE.rglob("*.py")
                     if "demo" not in path.relative_to(SOURCE).parts)
    found = set()
    for name in service_model(SERVICE_NAME).operation_names:
        if re.search(rf"[\"']({name}|{xform_name(name)})[\"']", text):
            found.add((SERVICE_NAME, name))
    return found


def test_every_read_of_both_services_is_called_by_something() -> None:
    uncalled = reads() - declared() - called_in_source() - set(NOT_CALLED_YET)
    assert sorted(uncalled) == [], "a read engtui never calls: give it a screen or exclude it"


def test_the_exclusions_are_reads_that_are_still_not_called() -> None:
    """An exclusion whose read got a screen is taken off the list (it would hide a later
    regression)."""
    assert set(NOT_CALLED_YET) <= reads()
    assert sorted(set(NOT_CALLED_YET) & (declared() | called_in_source())) == []


def test_the_check_names_a_read_nothing_calls() -> None:
    assert (SERVICE_NAME, "GetSellingSystemSettings") in called_in_source()  # engtui doctor
    assert (BENEFITS_SERVICE, "GetBenefitApplication") in declared()
    # each exclusion is a read the check would name without it
    assert reads() - declared() - called_in_source() == set(NOT_CALLED_YET)
