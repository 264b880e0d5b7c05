"""The registry of record kinds: every `RecordKind` engtui can open, by name.

Adding a kind: write its declaration in a module here (see `engagement.py` and
`docs/architecture.md`) and list it in `KINDS`. The lookup screen, the palette and
``engtui get`` find the kind from the typed text with `parse_reference`.

Adding a list: its `ListKind` (in the module of the kind it opens) listed in `LISTS`. The
lookup screen's keys, the palette's list commands, the list screen's keys and
``engtui list NAME`` with its flags are made from it (`LIST_NAMES` are the CLI's names).
"""

from __future__ import annotations

from engtui.api.identifiers import InvalidInput
from engtui.api.kinds.aws_summary import AWS_SUMMARY
from engtui.api.kinds.benefit_lists import (
    BENEFIT_ALLOCATION_LIST,
    BENEFIT_APPLICATION_LIST,
    BENEFIT_LIST,
)
from engtui.api.kinds.benefits import BENEFIT, BENEFIT_ALLOCATION, BENEFIT_APPLICATION
from engtui.api.kinds.bulk_job import CUSTOMER_ACCOUNT_BULK_JOB
from engtui.api.kinds.bulk_lists import BULK_JOB_LIST, BULK_RESULT_LIST, SNAPSHOT_JOB_LIST
from engtui.api.kinds.customer_account import CUSTOMER_ACCOUNT, CUSTOMER_ACCOUNT_LIST
from engtui.api.kinds.engagement import ENGAGEMENT, ENGAGEMENT_LIST
from engtui.api.kinds.group import GROUP_LIST
from engtui.api.kinds.invitation import INVITATION, INVITATION_LIST
from engtui.api.kinds.opportunity import OPPORTUNITY, OPPORTUNITY_LIST
from engtui.api.kinds.snapshot import SNAPSHOT
from engtui.api.kinds.snapshot_job import SNAPSHOT_JOB
from engtui.api.kinds.task import PROSPECTING_TASK
from engtui.api.kinds.tasks_list import TASK_LIST
from engtui.api.records import ListKind, RecordKind, RecordRef

# In the order `parse_reference` asks them: a snapshot's ARN names its engagement too.
KINDS: dict[str, RecordKind] = {kind.name: kind for kind in (
    SNAPSHOT, ENGAGEMENT, INVITATION, OPPORTUNITY, AWS_SUMMARY, CUSTOMER_ACCOUNT,
    SNAPSHOT_JOB, PROSPECTING_TASK, CUSTOMER_ACCOUNT_BULK_JOB, BENEFIT_APPLICATION,
    BENEFIT_ALLOCATION, BENEFIT,
)}
LISTS: dict[str, ListKind] = {spec.name: spec for spec in (
    ENGAGEMENT_LIST, INVITATION_LIST, GROUP_LIST, OPPORTUNITY_LIST, CUSTOMER_ACCOUNT_LIST,
    TASK_LIST, SNAPSHOT_JOB_LIST, BULK_JOB_LIST, BULK_RESULT_LIST,
    BENEFIT_APPLICATION_LIST, BENEFIT_ALLOCATION_LIST, BENEFIT_LIST,
)}
# ``engtui list NAME``: each list by its CLI name (`ListKind.command`).
LIST_COMMANDS: dict[str, ListKind] = {spec.command: spec for spec in LISTS.values()}
LIST_NAMES: tuple[str, ...] = tuple(LIST_COMMANDS)


def parse_reference(text: str) -> RecordRef:
    """Check typed text against every kind; the first that recognises it parses it. Text no
    kind recognises is refused with the forms engtui accepts (`id_forms`).
    Refused text is tried again in the forms of `engtui.api.kinds.pasted` (a console URL, an
    upper-case id); what was changed is in the result's ``normalised``. Raises `InvalidInput`
    with the reason for the text as typed."""
    try:
        return _parse_as_typed(text)
    except InvalidInput as refused:
        from dataclasses import replace

        from engtui.api.kinds.pasted import candidates, is_url, no_id_in_url

        for candidate, note in candidates(text):
            try:
                return replace(_parse_as_typed(candidate), normalised=note)
            except InvalidInput:
                continue
        if is_url(text):
            raise InvalidInput(no_id_in_url(text)) from None
        raise refused from None


def id_forms() -> str:
    """The ids engtui opens, by their prefixes, from `KINDS`: ``eng-, engi-, O…, cust-acc-``
    (a prefix that does not end in a dash gets "…")."""
    return ", ".join(kind.prefix if kind.prefix.endswith("-") else f"{kind.prefix}…"
                     for kind in KINDS.values() if kind.prefix)


def id_placeholder() -> str:
    """What an input that takes any kind's id suggests (the lookup, ``engtui get --help``)."""
    return f"an id ({id_forms()}) or an ARN"


def asked_for(operation: str | None) -> str:
    """What a call of ``operation`` asks for, in words, from the record kinds: the kind whose
    Get it is ("opportunity" for ``GetOpportunity``), or the one kind whose related list it
    is (``ListEngagementMembers``: "engagement"); else "record"."""
    for kind in KINDS.values():
        if kind.get_operation == operation:
            return kind.noun
    owners = {kind.noun for kind in KINDS.values()
              if any(related.operation == operation for related in kind.related)}
    return owners.pop() if len(owners) == 1 else "record"


def _parse_as_typed(text: str) -> RecordRef:
    for kind in KINDS.values():
        if kind.recognises(text):
            return kind.parse(text)
    raise InvalidInput(_unrecognised(text))


def _unrecognised(text: str) -> str:
    """The refusal of text no kind recognises: it lists what engtui accepts."""
    from engtui.api.kinds.ids import shown

    value = text.strip()
    if not value:
        return f"Type {id_placeholder()}."
    if value.lower().startswith("arn:"):
        return (f"{shown(value)} is not an ARN engtui opens; type {id_placeholder()} "
                "(a Partner Central ARN of one of those).")
    return f"{shown(value)} is not an id engtui knows; type {id_placeholder()}."


__all__ = [
    "AWS_SUMMARY",
    "BENEFIT",
    "BENEFIT_ALLOCATION",
    "BENEFIT_ALLOCATION_LIST",
    "BENEFIT_APPLICATION",
    "BENEFIT_APPLICATION_LIST",
    "BENEFIT_LIST",
    "CUSTOMER_ACCOUNT",
    "CUSTOMER_ACCOUNT_BULK_JOB",
    "CUSTOMER_ACCOUNT_LIST",
    "ENGAGEMENT",
    "ENGAGEMENT_LIST",
    "GROUP_LIST",
    "INVITATION",
    "INVITATION_LIST",
    "KINDS",
    "LISTS",
    "LIST_COMMANDS",
    "LIST_NAMES",
    "OPPORTUNITY",
    "OPPORTUNITY_LIST",
    "PROSPECTING_TASK",
    "SNAPSHOT",
    "SNAPSHOT_JOB",
    "InvalidInput",
    "asked_for",
    "id_forms",
    "id_placeholder",
    "parse_reference",
]
