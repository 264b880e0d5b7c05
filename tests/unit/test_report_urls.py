"""A report URL's expiry as the dialog says it (`ReportUrl.expiry`)."""

from __future__ import annotations

import datetime as dt

from engtui.api.report_urls import ReportUrl

NOW = dt.datetime(2026, 12, 7, 9, 22, 30, tzinfo=dt.UTC)


def expiry(seconds: float) -> str:
    return ReportUrl("bulkjob-cstacc0000001", expires_at=NOW + dt.timedelta(seconds=seconds)
                     ).expiry(NOW)


def test_a_url_just_given_expires_in_15_minutes_not_14() -> None:
    # the reply arrives a moment after the service set ExpiresAt to now + 15 minutes
    assert expiry(15 * 60 - 0.4) == "expires 09:37 UTC, in 15 minutes"
    assert expiry(60) == "expires 09:23 UTC, in 1 minute"
    assert expiry(20) == "expires 09:22 UTC, in less than a minute"
    assert expiry(-1) == "expired at 09:22 UTC"
    assert ReportUrl("bulkjob-cstacc0000001").expiry(NOW) == ""
