"""The one call budget (`engtui.api.budget`) and the demo's quota (`engtui.demo.quota`).

The bucket is driven by a fake clock, so what is asserted is behaviour (how many requests
each simulated second lets through, who goes first, what is refused), never the machine's
speed. The wire tests run a real boto3 client against the demo endpoint with its quota on.
"""

from __future__ import annotations

import threading

import pytest
from support import DEMO_KEY_ID, DEMO_SECRET, demo_settings

from engtui.api import budget
from engtui.api.budget import CallBudget, DailyLedger, Dropped
from engtui.api.errors import ApiError, ErrorKind
from engtui.demo.quota import Quota


class FakeClock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def make_budget(clock: FakeClock, rate: float = 10.0, daily: int = 100_000,
                ledger: DailyLedger | None = None) -> CallBudget:
    return CallBudget(rate, daily, ledger or DailyLedger(None, clock=clock), clock=clock,
                      sleep=clock.sleep)


def test_a_burst_is_let_through_at_the_rate() -> None:
    clock = FakeClock()
    calls = make_budget(clock)
    times = []
    for _ in range(55):
        calls.acquire()
        times.append(clock.now)
    start = times[0]
    assert times[:10] == [start] * 10  # a burst of 10 goes at once
    for i, t in enumerate(times):  # no second, wherever it starts, holds more than 10
        assert sum(1 for u in times if t <= u < t + 1) <= 10, i
    assert times[-1] - start >= 5.0  # 55 requests at 10 a second


def test_background_work_leaves_a_reserve_and_can_be_dropped() -> None:
    clock = FakeClock()
    calls = make_budget(clock)
    for _ in range(8):
        calls.acquire()  # the user's calls: room for 2 more in this window
    with pytest.raises(Dropped):  # background work leaves RESERVE (2) for the user
        calls.acquire(background=True, drop=True)
    calls.acquire()  # the user still gets one at once
    before = clock.now
    calls.acquire(background=True)  # waits until a token is spare beyond the reserve
    assert clock.now > before


def test_the_users_call_goes_before_waiting_background_work() -> None:
    calls = CallBudget(5.0, 100_000, DailyLedger(None))
    for _ in range(5):
        calls.acquire()
    order: list[str] = []
    background = threading.Thread(
        target=lambda: (calls.acquire(background=True), order.append("background")))
    background.start()
    calls.acquire()  # the bucket is empty: both wait; the user's goes first
    order.append("user")
    background.join(10)
    assert order == ["user", "background"]


def test_a_wait_longer_than_the_calls_deadline_is_refused() -> None:
    clock = FakeClock()
    calls = make_budget(clock, rate=1.0)
    calls.acquire()
    with pytest.raises(ApiError) as refused:
        calls.acquire(limit=0.2)
    assert refused.value.kind is ErrorKind.THROTTLED


def test_the_days_count_is_refused_past_its_limit_and_survives_a_restart(tmp_path) -> None:
    clock = FakeClock()
    path = tmp_path / "quota" / "count.json"
    calls = make_budget(clock, daily=5, ledger=DailyLedger(path, clock=clock))
    for _ in range(5):
        calls.acquire()
    with pytest.raises(ApiError) as refused:
        calls.acquire()
    assert refused.value.kind is ErrorKind.THROTTLED and "5 reads" in refused.value.message
    calls.close()
    again = make_budget(clock, daily=5, ledger=DailyLedger(path, clock=clock))  # a new process
    assert again.ledger.count() == 5 and again.describe() == "5 of 5 reads today"
    with pytest.raises(ApiError):
        again.acquire()
    clock.now += 24 * 60 * 60 + 120  # the window moved on
    again.acquire()
    text = path.read_text()
    assert set(text) <= set('{}":, 0123456789minutes')  # counts and minutes, nothing else


def test_two_processes_add_up_in_one_file(tmp_path) -> None:
    path = tmp_path / "count.json"
    first, second = DailyLedger(path), DailyLedger(path)
    for _ in range(3):
        first.add()
    second.add()
    first.flush()
    second.flush()
    assert DailyLedger(path).count() == 4


def test_a_damaged_count_file_counts_as_an_empty_day(tmp_path) -> None:
    path = tmp_path / "count.json"
    path.write_text("{not json")
    ledger = DailyLedger(path)
    ledger.add()
    ledger.flush()
    assert DailyLedger(path).count() == 1


def test_a_throttling_answer_slows_the_bucket_down() -> None:
    clock = FakeClock()
    calls = make_budget(clock)
    calls.acquire()
    calls.throttled()
    before = clock.now
    for _ in range(5):
        calls.acquire()
    assert clock.now - before >= 5 / 10 * 1.5  # slower than the full rate right after


def test_the_demo_quota_throttles_beyond_the_rate() -> None:
    clock = FakeClock()
    quota = Quota(10.0, clock=clock)
    admitted = sum(quota.admit("AKIA1") for _ in range(15))
    assert admitted == 10 and quota.throttled == 5
    assert quota.admit("AKIA2")  # per access key
    clock.now += 0.5
    assert sum(quota.admit("AKIA1") for _ in range(10)) == 5


def test_the_demo_quota_counts_a_request_when_it_arrived() -> None:
    """Requests paced at the rate, whose admission the server's own work delayed and
    bunched (a loaded machine), are all admitted: the bucket counts their arrival times.
    Counted when admitted, as before, the last five of this run were throttled."""
    clock = FakeClock()
    quota = Quota(10.0, clock=clock)
    assert sum(quota.admit("AKIA1", at=0.0) for _ in range(10)) == 10  # the first second
    arrivals = [1.0 + n * 0.1 for n in range(10)]  # then at the rate: 10 a second
    clock.now = 2.0  # the server gets to them all at once, a second late
    assert all(quota.admit("AKIA1", at=t) for t in arrivals)
    assert quota.throttled == 0
    # Handled out of order (one thread overtook another): the early stamp finds the bucket
    # as the later one left it, and does not set its clock back to refill it twice.
    late = Quota(10.0, clock=clock)
    assert sum(late.admit("AKIA1", at=1.0) for _ in range(10)) == 10
    assert not late.admit("AKIA1", at=0.5)
    assert sum(late.admit("AKIA1", at=1.1) for _ in range(5)) == 1  # 0.1 s: one token


def test_against_the_throttling_demo_the_budget_sends_nothing_too_many(make_demo_server,
                                                                       monkeypatch) -> None:
    """A bare client bursting 25 reads is throttled by the demo's quota; engtui's service,
    with its budget at the documented rate, sends the same 25 without one throttle."""
    import boto3
    from botocore.config import Config
    from botocore.exceptions import ClientError

    from engtui.api.kinds import ENGAGEMENT
    from engtui.api.service import SellingService

    server = make_demo_server(quota=10.0)
    bare = boto3.client(
        "partnercentral-selling", region_name="us-east-1", endpoint_url=server.url,
        aws_access_key_id=DEMO_KEY_ID, aws_secret_access_key=DEMO_SECRET,
        config=Config(retries={"total_max_attempts": 1}))
    throttled = 0
    for _ in range(25):
        try:
            bare.get_engagement(Catalog="Sandbox", Identifier="eng-a1b2c3d4e5f6g7")
        except ClientError as error:
            throttled += error.response["Error"]["Code"] == "ThrottlingException"
    assert throttled > 0
    monkeypatch.setattr(budget, "DEFAULT_RATE", 10.0)  # the documented quota
    server.clear_requests()
    service = SellingService(demo_settings(server.url, label="quota-test"))
    import time

    time.sleep(1.1)  # the demo's bucket refills after the bare burst
    for _ in range(25):
        service.get_record(ENGAGEMENT, "Sandbox", "eng-a1b2c3d4e5f6g7")
    assert [r.error_code for r in server.requests if r.error_code] == []
    assert service.budget("Sandbox").describe().startswith("25 of 100,000")


def test_a_profile_with_raised_quotas_sets_its_budget(isolated_home, capsys) -> None:
    """``reads_per_second`` / ``reads_per_day`` in a profile (an account with raised quotas)
    reach the budget; a bad value is refused like any other, with the key and the value."""
    from test_cli import run_cli

    from engtui.api.service import SellingService
    from engtui.local.paths import config_path
    from engtui.profiles.active import active_profile

    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('default_profile = "big"\n[profiles.big]\naws_profile = "x"\n'
                    'reads_per_second = 25\nreads_per_day = 500000\n')
    settings = active_profile().settings
    assert (settings.reads_per_second, settings.reads_per_day) == (25, 500_000)
    calls = SellingService(settings).budget()
    assert calls.rate == 25 and calls.describe() == "0 of 500,000 reads today"
    path.write_text('[profiles.big]\naws_profile = "x"\nreads_per_second = -1\n')
    code, _, err = run_cli(capsys, "get", "eng-a1b2c3d4e5f6g7", "--profile", "big")
    assert code == 2 and "reads_per_second" in err and "-1" in err


def test_doctor_says_the_days_count(capsys) -> None:
    from test_cli import run_cli

    code, out, _ = run_cli(capsys, "doctor", "--demo")
    assert code == 0, out
    assert "call budget:" in out and "of 100,000 reads today" in out


def test_droppable_background_work_stops_at_nine_tenths_of_the_day() -> None:
    """Prefetch (background, ``drop=True``) leaves the last tenth of the day's reads to
    what the user asks: it is dropped there, and the user's own calls still go."""
    clock = FakeClock()
    calls = make_budget(clock, daily=10)
    for _ in range(9):
        calls.acquire()
        clock.now += 1
    with pytest.raises(Dropped):
        calls.acquire(background=True, drop=True)
    calls.acquire()  # the tenth read is the user's
    assert calls.sent == 10


def test_prefetch_false_in_a_profile_turns_prefetch_off(isolated_home, capsys) -> None:
    """``prefetch = false`` in a profile reaches the client's settings; a value that is not
    true or false is refused like any other key, naming it."""
    from test_cli import run_cli

    from engtui.api.service import SellingService
    from engtui.local.paths import config_path
    from engtui.profiles.active import active_profile

    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('default_profile = "p"\n[profiles.p]\naws_profile = "x"\nprefetch = false\n')
    assert SellingService(active_profile().settings).prefetching is False
    path.write_text('default_profile = "p"\n[profiles.p]\naws_profile = "x"\n')
    assert SellingService(active_profile().settings).prefetching is True
    path.write_text('[profiles.p]\naws_profile = "x"\nprefetch = "no"\n')
    code, _, err = run_cli(capsys, "get", "eng-a1b2c3d4e5f6g7", "--profile", "p")
    assert code == 2 and "prefetch" in err and "true or false" in err
