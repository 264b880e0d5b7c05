"""Recently opened engagements per profile and catalog."""

from __future__ import annotations

import json
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

from engtui.local.paths import state_dir
from engtui.profiles.history import MAX_PER_LIST, RecentEngagements

T0 = datetime(2025, 1, 1, tzinfo=UTC)


def test_empty_when_missing() -> None:
    history = RecentEngagements.load()
    assert history.path == state_dir() / "history.json"
    assert history.recent("prod", "AWS") == [] and history.message is None
    assert not state_dir().exists()


def test_newest_first_dedup_and_separate_lists() -> None:
    history = RecentEngagements.load()
    history.add("prod", "AWS", "eng-aaaaaaaaaaaaaa", "First", at=T0)
    history.add("prod", "AWS", "eng-bbbbbbbbbbbbbb", "Second", at=T0 + timedelta(1))
    history.add("prod", "AWS", "eng-aaaaaaaaaaaaaa", "First, renamed", at=T0 + timedelta(2))
    history.add("prod", "Sandbox", "eng-cccccccccccccc", "Sandbox one", at=T0)
    history.add(None, "AWS", "eng-dddddddddddddd", "No profile", at=T0)
    recent = history.recent("prod", "AWS")
    assert [(e.id, e.title) for e in recent] == [
        ("eng-aaaaaaaaaaaaaa", "First, renamed"),
        ("eng-bbbbbbbbbbbbbb", "Second"),
    ]
    assert recent[0].catalog == "AWS" and recent[0].opened_at == T0 + timedelta(2)
    assert [e.id for e in history.recent("prod", "Sandbox")] == ["eng-cccccccccccccc"]
    assert [e.id for e in history.recent(None, "AWS")] == ["eng-dddddddddddddd"]
    assert history.recent("other", "AWS") == []


def test_bounded() -> None:
    history = RecentEngagements.load()
    for n in range(MAX_PER_LIST + 10):
        history.add("p", "AWS", f"eng-{n:014d}", f"t{n}")
    recent = history.recent("p", "AWS")
    assert len(recent) == MAX_PER_LIST
    assert recent[0].id == f"eng-{MAX_PER_LIST + 9:014d}"
    assert recent[-1].id == f"eng-{10:014d}"


def test_survives_a_restart_and_is_private() -> None:
    history = RecentEngagements.load()
    history.add("prod", "AWS", "eng-aaaaaaaaaaaaaa", "[b]not markup[/b] \x1b[31m", at=T0)
    history.add("prod", "AWS", "eng-bbbbbbbbbbbbbb", "Second", at=T0 + timedelta(1))
    history.save()
    path = state_dir() / "history.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(state_dir().stat().st_mode) == 0o700
    again = RecentEngagements.load()
    assert again.recent("prod", "AWS") == history.recent("prod", "AWS")
    assert again.recent("prod", "AWS")[1].title == "[b]not markup[/b] \x1b[31m"


def test_corrupt_file_is_set_aside(isolated_home: Path) -> None:
    folder = state_dir()
    folder.mkdir(parents=True)
    path = folder / "history.json"
    for bad in (b"{not json", b'{"version": 1, "recent": [{"id": 3}]}', b"[]", b"\xff\xfe"):
        path.write_bytes(bad)
        history = RecentEngagements.load()
        assert history.recent("prod", "AWS") == []
        assert history.message is not None and "moved it to" in history.message
        assert not path.exists()
        aside = [p for p in folder.iterdir() if p.name.startswith("history.json.corrupt-")]
        assert any(p.read_bytes() == bad for p in aside)
        history.add("prod", "AWS", "eng-aaaaaaaaaaaaaa", "fresh")
        history.save()
        assert json.loads(path.read_text())["recent"][0]["title"] == "fresh"
        path.unlink()


def test_explicit_path(tmp_path: Path) -> None:
    path = tmp_path / "h" / "recent.json"
    history = RecentEngagements.load(path)
    history.add("p", "AWS", "eng-aaaaaaaaaaaaaa", "x")
    history.save()
    assert RecentEngagements.load(path).recent("p", "AWS")[0].title == "x"


def test_a_deeply_nested_file_is_set_aside(isolated_home: Path) -> None:
    """It gave a "bug" toast and was not moved aside."""
    path = state_dir() / "history.json"
    path.parent.mkdir(parents=True)
    path.write_text('{"version": 1, "recent": ' + "[" * 100000 + "]" * 100000 + "}")
    history = RecentEngagements.load()
    assert history.message is not None and "moved it to" in history.message
    assert not path.exists() and list(path.parent.glob("history.json.corrupt-*"))
    assert history.recent(None, "AWS") == []
