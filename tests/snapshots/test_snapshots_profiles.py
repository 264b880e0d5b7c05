"""What the profiles screen and the keyring-unavailable message look like, at 100x30 and 80x24.

The keyring is keyring's ``fail`` backend (the autouse fixture), as over SSH with no D-Bus;
the probe's measured duration is pinned so the sentence is the same on every run.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from support import settle_picture as settle
from test_app_profiles import AWS_CONFIG
from textual.pilot import Pilot

from engtui.app import EngtuiApp
from engtui.profiles.active import active_profile
from engtui.profiles.config_file import ConfigFile
from engtui.profiles.keyring_probe import KeyringStatus
from engtui.profiles.manager import ProfileManager
from engtui.profiles.secrets import SessionSecrets

SIZES = [(100, 30), (80, 24)]
SMALL_SIZES = [*SIZES, (60, 20)]  # issue 13: the profiles screen at 60x20 too

CONFIG = """\
default_profile = "prod"

[profiles.prod]
aws_profile = "partner-sso"
catalog = "AWS"

[profiles.sandbox]
access_key_id = "AKIAIOSFODNN7EXAMPLE"
region = "us-west-2"
catalog = "Sandbox"
"""

class PinnedProbe(ProfileManager):
    """The real probe, with its duration pinned for a stable picture."""

    def probe(self) -> KeyringStatus:
        self.keyring = dataclasses.replace(super().probe(), elapsed=0.01)
        return self.keyring


def profiles_app(home: Path, active: str) -> EngtuiApp:
    (home / ".config" / "engtui").mkdir(parents=True)
    (home / ".config" / "engtui" / "config.toml").write_text(CONFIG, encoding="utf-8")
    (home / ".aws").mkdir()
    (home / ".aws" / "config").write_text(AWS_CONFIG, encoding="utf-8")
    session = SessionSecrets()
    config = ConfigFile.load()
    connection = active_profile(active, session=session, config=config)
    manager = PinnedProbe(config, session, active=active)
    return EngtuiApp(connection.settings, profiles=manager)


@pytest.mark.parametrize("size", SMALL_SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_profiles_screen(snap_compare, isolated_home: Path, size) -> None:
    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        pilot.app.clear_notifications()
        await pilot.press("f2")
        await settle(pilot)
        await pilot.press("down")
        await pilot.pause()

    app = profiles_app(isolated_home, "prod")
    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_keyring_unavailable_message(snap_compare, isolated_home: Path, size) -> None:
    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)

    app = profiles_app(isolated_home, "sandbox")
    assert snap_compare(app, terminal_size=size, run_before=run_before)
