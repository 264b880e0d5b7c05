"""Command palette commands for profiles: "Use profile NAME" for each, and "Manage profiles".

Reads the profile names the app already holds in memory (no file or keyring access here),
so it is safe to run on every keystroke. ``ctrl+o`` on the lookup screen opens a palette
with only these commands (`open_profile_switcher`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.app import App
from textual.command import CommandPalette, DiscoveryHit, Hit, Hits, Provider

from engtui.host import host
from engtui.profiles.model import ENVIRONMENT

if TYPE_CHECKING:
    from engtui.profiles.manager import ProfileManager


def profile_choices(manager: ProfileManager) -> list[tuple[str | None, str]]:
    """(name, one line) for each profile, then "no profile"."""
    choices: list[tuple[str | None, str]] = []
    for profile in manager.config.list():
        source = (
            f"AWS profile {profile.aws_profile}" if profile.aws_profile
            else "static key" if profile.needs_secret else "environment"
        )
        marks = " · default" if profile.name == manager.config.default_profile else ""
        active = " · active" if profile.name == manager.active else ""
        choices.append((profile.name, f"{source} · {profile.catalog}{marks}{active}"))
    choices.append((None, "the AWS environment (AWS_PROFILE, ~/.aws, env keys)"))
    return choices


class ProfileCommands(Provider):
    """Switch profile, or open the profiles screen."""

    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        app = host(self.app)
        commands: list[tuple[str, Callable[[], object], str]] = []
        if app.demo_settings is not None:  # started with --demo: it stays one key away
            commands.append(("Use the demo", app.activate_demo,
                             "the built-in demo endpoint and its sample data (--demo)"))
        for name, help_text in profile_choices(app.profiles):
            label = f"Use profile {name}" if name else f"Use no profile ({ENVIRONMENT})"
            commands.append((label, partial(app.activate_profile, name), help_text))
        commands.append(
            ("Manage profiles", partial(self.app.run_action, "profiles"),
             "Add, edit, delete profiles; set the default; see the keyring's state")
        )
        return commands

    async def discover(self) -> Hits:
        for text, command, help_text in self._commands():
            yield DiscoveryHit(text, command, text=text, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, command, help_text in self._commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), command, text=text, help=help_text)


def open_profile_switcher(app: App[object]) -> None:
    """A command palette with only the profile commands (``ctrl+o`` on the lookup screen)."""
    if not CommandPalette.is_open(app):
        app.push_screen(
            CommandPalette(providers=[ProfileCommands], placeholder="Switch to profile…",
                           id="--command-palette")
        )
