"""Privacy mode: mask every value the service model marks ``sensitive``.

For screen sharing. The masking is done on the *data*, with botocore's shapes, before
anything is drawn: the field tree, its friendly labels ("Lead · ••••••" instead of
"Lead · Acme"), the header, the detail pane, the member and association tables and search
all work on the masked copy, so no view can forget to mask, and copy and export of what is
shown can only ever give the masked form.

The mask has a fixed length (`MASK`), so the length of a name, an email or an account id
does not leak. An empty value stays empty (nothing to hide, and "no phone" stays readable).

Additions to the models' flags: a member's ``WebsiteUrl`` is not marked sensitive, but
it names the member company whose ``CompanyName`` is, so it is masked too, and so are a
benefit allocation's credit codes and their customer account ids (`ALSO_MASKED`);
and the account id inside an ARN (``arn:aws:partnercentral:us-east-1:111122223333:…``) is
masked like the account ids the model does mark (`mask_arn_account`), in an ARN member and in
free text that quotes one (a snapshot job's ``LastFailure``).

The model does not flag every string that can name the customer: an engagement's title and
description ("Northwind Analytics lakehouse rollout") are free text. So the values that name
someone (`NAMING_MEMBERS`: company and account names, contacts' first and last names,
emails, website hosts) are collected from the whole record first (`naming_values`), and
every occurrence of one of them in any other string of the record is masked in place,
case-insensitively and on word boundaries (`OccurrenceMasker`): the title stays readable
("•••••• lakehouse rollout"). A company name counts with and without its legal suffix
("Inc.", "Ltd", "Group", ...), and its first word alone when that word is distinctive
(four letters or more, not a generic word such as "Global"): "Northwind's" in a
description is masked too. `redact_response` and `redact_item` do both passes, so every view
(the tree, the header, the panes, the raw JSON, copy, export) gets them from here.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from engtui.api.model import is_sensitive, output_shape, shape_for

if TYPE_CHECKING:
    from botocore.model import Shape

MASK = "••••••"

ALSO_MASKED = frozenset({
    ("EngagementMember", "WebsiteUrl"),
    # partnercentral-benefits flags neither: a credit code's customer account and the code
    # itself (redeemable credits) are masked like the selling model's account ids.
    ("CreditCode", "AwsAccountId"), ("CreditCode", "AwsCreditCode"),
})
_ARN_ACCOUNT = re.compile(r"(arn:[^:\s]*:[^:\s]*:[^:\s]*:)([0-9]{12})(:)")


def mask_arn_account(value: str) -> str:
    """A string with the account id of every ARN in it masked: an ARN, or text that quotes
    one (a snapshot job's ``LastFailure`` names its role's ARN). Any other string is returned
    as it is."""
    return _ARN_ACCOUNT.sub(lambda m: f"{m.group(1)}{MASK}{m.group(3)}", value)


def mask(value: Any) -> Any:
    """The masked form of one sensitive value (empty values stay empty)."""
    return value if value in (None, "", [], {}) else MASK


def redact(value: Any, shape: Shape | None) -> Any:
    """A copy of ``value`` with every sensitive member masked (``shape`` drives the walk;
    values the model does not know are kept as they are)."""
    if shape is None:
        return value
    if is_sensitive(shape):
        return mask(value)
    if isinstance(value, dict) and shape.type_name == "structure":
        members = shape.members
        return {
            key: mask(item) if (shape.name, key) in ALSO_MASKED else redact(item, members.get(key))
            for key, item in value.items()
        }
    if isinstance(value, dict) and shape.type_name == "map":
        return {key: redact(item, getattr(shape, "value", None)) for key, item in value.items()}
    if isinstance(value, list) and shape.type_name == "list":
        return [redact(item, getattr(shape, "member", None)) for item in value]
    if isinstance(value, str) and "arn:" in value:
        return mask_arn_account(value)
    return value


# The members whose values name a customer or a person: the model's sensitive company names,
# contact names and emails, plus two it does not flag but that name the company as well.
NAMING_MEMBERS = frozenset({
    "CompanyName", "ParentCompanyName", "AccountName", "FirstName", "LastName", "Email",
    "WebsiteUrl",
})
# Legal and group suffixes: "Northwind Analytics Inc." is also "Northwind Analytics".
_SUFFIXES = frozenset({
    "inc", "incorporated", "ltd", "limited", "llc", "llp", "plc", "corp", "corporation", "co",
    "company", "group", "holdings", "gmbh", "ag", "sa", "sas", "srl", "bv", "nv", "pty", "kk",
    "ab", "as", "oy", "spa", "lp",
})
# First words that are not distinctive enough to stand for the company alone.
_GENERIC = frozenset({
    "the", "first", "united", "american", "national", "international", "global", "general",
    "new", "north", "south", "east", "west", "central", "royal", "city", "bank", "data",
    "digital", "group", "amazon", "aws", "cloud", "software", "systems", "services",
})
MIN_LENGTH = 2  # shorter values (an initial) are not masked inside other text


def _name_variants(value: str) -> set[str]:
    words = value.split()
    core = list(words)
    while len(core) > 1 and core[-1].strip(".,").lower() in _SUFFIXES:
        core.pop()
    found = {value, " ".join(core).rstrip(",")}
    first = core[0].strip(".,'") if core else ""
    if len(core) > 1 and len(first) >= 4 and first.lower() not in _GENERIC:
        found.add(first)
    return found


def _host_of(url: str) -> str:
    host = re.sub(r"^[a-z][a-z0-9+.-]*://", "", url.strip(), flags=re.IGNORECASE)
    host = host.split("/", 1)[0].split(":", 1)[0]
    return host[4:] if host.lower().startswith("www.") else host


def _variants(member: str, value: str) -> set[str]:
    value = value.strip()
    if member == "WebsiteUrl":
        return {value, _host_of(value)}
    if member == "Email":
        return {value, value.rpartition("@")[2]}
    if member in ("FirstName", "LastName"):
        return {value}
    return _name_variants(value)


def naming_values(value: Any) -> set[str]:
    """Every value of a `NAMING_MEMBERS` member anywhere in ``value`` (with the forms it
    takes in free text: without a legal suffix, a website's host, an email's domain)."""
    found: set[str] = set()
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for key, sub in item.items():
                if key in NAMING_MEMBERS and isinstance(sub, str) and sub.strip() \
                        and sub.strip() not in ("null", MASK):
                    found |= _variants(key, sub)
                elif isinstance(sub, (dict, list)):
                    stack.append(sub)
        elif isinstance(item, list):
            stack.extend(item)
    return {text for text in found if len(text) >= MIN_LENGTH and text != MASK}


class OccurrenceMasker:
    """Masks every occurrence of some values inside other strings (case-insensitive, whole
    words only: "Lee" is masked in "Call Lee", not in "Leeds")."""

    def __init__(self, values: set[str]) -> None:
        self.values = frozenset(values)
        ordered = sorted(values, key=len, reverse=True)  # the longest form first
        self._pattern = (
            re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, ordered)) + r")(?!\w)",
                       re.IGNORECASE)
            if ordered else None
        )

    def text(self, value: str) -> str:
        """``value`` with each occurrence masked."""
        return value if self._pattern is None else self._pattern.sub(MASK, value)

    def apply(self, value: Any) -> Any:
        """A copy of ``value`` with every string in it masked by `text` (keys are kept)."""
        if self._pattern is None:
            return value
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict):
            return {key: self.apply(item) for key, item in value.items()}
        if isinstance(value, list):
            return [self.apply(item) for item in value]
        return value


def masker_for(data: Any, *more: Any) -> OccurrenceMasker:
    """The masker of a record's naming values (``more``: other data whose names count too,
    a related list's items)."""
    values = naming_values(data)
    for extra in more:
        values |= naming_values(extra)
    return OccurrenceMasker(values)


def redact_response(data: dict[str, Any], operation: str,
                    masker: OccurrenceMasker | None = None) -> dict[str, Any]:
    """A response of ``operation`` (``GetEngagement``, ...) with its sensitive values
    masked, and every occurrence of its naming values in its other strings."""
    masker = masker if masker is not None else masker_for(data)
    return masker.apply(redact(data, output_shape(operation)))


def redact_item(raw: dict[str, Any], shape_name: str,
                masker: OccurrenceMasker | None = None) -> dict[str, Any]:
    """One list item (``EngagementMember``, ``EngagementResourceAssociationSummary``, …)
    with its sensitive values masked, and the occurrences of the naming values of the item
    (and of ``masker``'s, the record's) in its other strings."""
    values = naming_values(raw) | (masker.values if masker is not None else frozenset())
    return OccurrenceMasker(values).apply(redact(raw, shape_for(shape_name)))


# A list row's free text that may name the customer: when the row carries no name to mask
# inside it (a ListEngagements summary has only the title), it is masked whole.
WHOLE_WHEN_UNNAMED = frozenset({"Title", "EngagementTitle", "Description"})


def redact_list_item(item: dict[str, Any], operation: str, result_key: str) -> dict[str, Any]:
    """One item of a list page (``ListEngagements`` ``EngagementSummaryList``, ...) as privacy
    mode shows it: sensitive values masked, the row's names masked inside its other text,
    and, in a row that carries no name, its title and description masked whole."""
    member = output_shape(operation).members.get(result_key)
    shape = getattr(member, "member", None)
    values = naming_values(item)
    redacted = redact(item, shape) if shape is not None else dict(item)
    if values:
        return OccurrenceMasker(values).apply(redacted)
    return {key: mask(value) if key in WHOLE_WHEN_UNNAMED and isinstance(value, str) else value
            for key, value in redacted.items()}
