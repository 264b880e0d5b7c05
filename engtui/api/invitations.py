"""Typed rows and options of the invitations inbox (``ListEngagementInvitations``; no
Textual here).

A row is built once, when its page arrives, with the clock of that moment: its expiry is
shown relative ("expires in 2 days", "expired 3 days ago"), which is what a partner acts
on; the exact time is one Enter away on the invitation itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from engtui.api.list_queries import ASCENDING, DESCENDING, ListQuery, invitations_query
from engtui.api.records import Options
from engtui.api.reply_values import NONE, listed_item, text_of
from engtui.textsafe import printable
from engtui.timefmt import relative, utc_iso

STATUSES = ("PENDING", "ACCEPTED", "REJECTED", "EXPIRED", None)  # None: every status
PARTICIPANTS = ("RECEIVER", "SENDER")


@dataclass(frozen=True, slots=True)
class InvitationSummary:
    """One row of the inbox."""

    id: str
    engagement_title: str = ""
    status: str = ""
    payload_type: str = ""
    sender: str = ""
    invited_at: dt.datetime | None = None
    expiry: str = ""
    expires_soon: bool = False  # pending, and expires within a day (marked in the row)

    @classmethod
    def from_api(cls, item: Any, now: dt.datetime) -> InvitationSummary:
        item = listed_item(item, "an invitation")
        invited = item.get("InvitationDate")
        status = text_of(item.get("Status"))
        return cls(
            id=item["Id"],
            engagement_title=text_of(item.get("EngagementTitle")),
            status=text_of(item.get("Status")),
            payload_type=text_of(item.get("PayloadType")).removesuffix("Invitation"),
            sender=(text_of(item.get("SenderCompanyName"))
                    or text_of(item.get("SenderAwsAccountId"))),
            invited_at=invited if isinstance(invited, dt.datetime) else None,
            expiry=expiry_text(item.get("ExpirationDate"), status, now),
            expires_soon=expires_soon(item.get("ExpirationDate"), status, now),
        )


def expiry_text(expires: Any, status: str, now: dt.datetime) -> str:
    """``expires in 2 days``, ``expired 3 days ago`` (also when the status still says
    PENDING: the clock is what counts), or a dash when there is no expiry."""
    if not isinstance(expires, dt.datetime):
        return NONE
    if expires.tzinfo is None:
        expires = expires.replace(tzinfo=dt.UTC)
    if expires <= now or status == "EXPIRED":
        return "expired " + relative(expires, now)
    return "expires " + relative(expires, now)


SOON = dt.timedelta(days=1)
SOON_MARK = "! "
"""Before the expiry of a pending invitation that expires within a day (`SOON`)."""


def expires_soon(expires: Any, status: str, now: dt.datetime) -> bool:
    """A pending invitation that expires within a day (not yet expired)."""
    if not isinstance(expires, dt.datetime) or status != "PENDING":
        return False
    if expires.tzinfo is None:
        expires = expires.replace(tzinfo=dt.UTC)
    return now < expires <= now + SOON


def invitation_row(summary: InvitationSummary) -> tuple[str, ...]:
    """Id, engagement title, status, type, from, invited, expiry (printable; ``! expires
    in 6 hours`` when it expires within a day)."""
    return (
        printable(summary.id), printable(summary.engagement_title) or NONE,
        printable(summary.status) or NONE, printable(summary.payload_type) or NONE,
        printable(summary.sender) or NONE,
        utc_iso(summary.invited_at)[:10] if summary.invited_at else NONE,
        (SOON_MARK if summary.expires_soon else "") + summary.expiry,
    )


@dataclass(frozen=True)
class InvitationOptions(Options):
    """What the inbox asks the service: received or sent, one status (or all), newest or
    oldest invitation first."""

    participant: str = "RECEIVER"
    status: str | None = "PENDING"
    sort: str = DESCENDING
    page_size: int = 100

    def query(self) -> ListQuery:
        return invitations_query(participant=self.participant,
                                 status=[self.status] if self.status else [],
                                 ascending=self.sort == ASCENDING, page_size=self.page_size)

    def request_params(self) -> dict[str, Any]:
        return self.query().params

    def toggled(self, field: str) -> InvitationOptions:
        """The next value of option ``field`` (``participant``, ``status``)."""
        if field == "participant":
            return replace(self, participant=_next(PARTICIPANTS, self.participant))
        return replace(self, status=_next(STATUSES, self.status))

    def describe(self) -> str:
        return " · ".join((
            "received" if self.participant == "RECEIVER" else "sent",
            (self.status or "any status").lower(),
            "newest first" if self.sort == DESCENDING else "oldest first",
        ))


def _next(values: tuple[Any, ...], value: Any) -> Any:
    return values[(values.index(value) + 1) % len(values)]
