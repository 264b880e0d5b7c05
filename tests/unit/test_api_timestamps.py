"""`engtui.api.timestamps`: the fast parser gives botocore's instant for every input, and the
service's client uses it."""

from __future__ import annotations

import datetime as dt

import pytest
from botocore.utils import parse_timestamp as botocore_parse_timestamp
from hypothesis import given
from hypothesis import strategies as st
from support import demo_settings

from engtui.api.kinds import ENGAGEMENT
from engtui.api.service import SellingService
from engtui.api.timestamps import parse_timestamp


@pytest.mark.parametrize(
    "value",
    [
        "2023-05-01T20:37:46Z",
        "2023-05-01T20:37:46.123Z",
        "2023-05-01T20:37:46.123456789Z",  # nanoseconds: botocore's parser
        "2023-05-01T22:37:46+02:00",
        "2023-05-01T20:37:46-07:30",
        "Mon, 01 May 2023 20:37:46 GMT",
        "1682973466",
        1682973466,
        1682973466.25,
    ],
)
def test_same_instant_as_botocore(value: object) -> None:
    ours = parse_timestamp(value)
    assert ours.tzinfo is not None
    assert ours == botocore_parse_timestamp(value)


@given(st.datetimes(min_value=dt.datetime(1971, 1, 1), max_value=dt.datetime(2200, 1, 1),
                    timezones=st.timezones()))
def test_any_iso_timestamp_with_an_offset(moment: dt.datetime) -> None:
    text = moment.isoformat()
    if moment.utcoffset() == dt.timedelta(0):
        text = text.replace("+00:00", "Z")
    assert parse_timestamp(text) == botocore_parse_timestamp(text)


def test_bad_timestamps_are_refused_like_botocore() -> None:
    with pytest.raises(ValueError):
        botocore_parse_timestamp("not a date")
    with pytest.raises(ValueError):
        parse_timestamp("not a date")


def test_the_client_parses_replies_with_it(demo_server) -> None:
    service = SellingService(demo_settings(demo_server.url))
    engagement = service.get_record(ENGAGEMENT, "Sandbox", "eng-a1b2c3d4e5f6g7")
    created = engagement.data["CreatedAt"]
    assert isinstance(created, dt.datetime) and created.tzinfo is not None
    assert created.tzinfo is dt.UTC  # fromisoformat's UTC, not dateutil's tzutc
