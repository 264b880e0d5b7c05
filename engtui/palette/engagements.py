"""Command palette commands for engagements (``ctrl+p``).

Open an engagement by id or ARN typed into the palette, reopen a recent one, list the
engagements (when the app has the list screen), switch catalog, toggle privacy mode; and on
an engagement's screen: copy its id, ARN or JSON, export it, show its members or linked
opportunities, search its tree. Profile switching lives in `engtui.palette.profiles`.

Opening goes through the lookup screen (the screens above it are closed first), so the id is
checked there, the fetch shows its progress there and an error is drawn there with its retry
key, exactly as if it had been typed there. Nothing here blocks: the commands only read what
the app holds in memory.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from textual.app import App
from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from engtui.api.identifiers import CATALOGS
from engtui.api.kinds import LISTS, InvalidInput, id_placeholder, parse_reference
from engtui.api.redact import MASK
from engtui.host import host
from engtui.screens.lookup import LookupScreen
from engtui.screens.record import RecordScreen
from engtui.screens.record_keys import pane_names
from engtui.textsafe import printable
from engtui.widgets.recent_list import RecentItem


@dataclass(frozen=True)
class Command:
    text: str
    run: Callable[[], object]
    help: str


def lookup_screen(app: App[object]) -> LookupScreen | None:
    """The lookup screen, made the top screen (the screens above it are closed)."""
    lookup = next((s for s in app.screen_stack if isinstance(s, LookupScreen)), None)
    if lookup is not None:
        while app.screen is not lookup and len(app.screen_stack) > 1:
            app.pop_screen()
    return lookup


def open_identifier(app: App[object], text: str) -> None:
    """Look up ``text`` (an id or ARN) as if typed on the lookup screen."""
    lookup = lookup_screen(app)
    if lookup is not None:
        lookup.prefill(text)
        lookup.submit(text)


def open_recent(app: App[object], item: RecentItem) -> None:
    lookup = lookup_screen(app)
    if lookup is not None:
        lookup.open_recent(item)


def switch_catalog(app: App[object], catalog: str) -> None:
    lookup = next((s for s in app.screen_stack if isinstance(s, LookupScreen)), None)
    if lookup is not None:
        lookup.set_catalog(catalog)
        app.notify(f"Catalog {catalog}: the next lookup uses it.", timeout=3, markup=False)


def highlighted(matcher: Matcher, text: str) -> Content:
    """``text`` with the matched letters highlighted, as plain text: a command can carry an
    engagement title, which is API text, and ``Matcher.highlight`` would parse it as markup."""
    content = Content(printable(text))
    if len(content.plain) != len(text):
        return content  # control characters were made visible: offsets no longer line up
    _, offsets = matcher.fuzzy_search.match(matcher.query, text)
    for offset in offsets:
        content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class EngagementCommands(Provider):
    """Open, list, copy, export engagements; catalog and privacy mode."""

    def _app_commands(self) -> list[Command]:
        app = self.app
        commands: list[Command] = []
        for item in host(app).recent.shown[:9]:
            shown = MASK if host(app).redacted else item.title  # privacy mode: masked whole
            title = f" · {shown}" if item.title else ""
            commands.append(Command(
                f"Open recent {item.identifier}{title}", partial(open_recent, app, item),
                f"Reopen this engagement from the {item.catalog} catalog",
            ))
        lookup = next((s for s in app.screen_stack if isinstance(s, LookupScreen)), None)
        if lookup is not None:  # each list's command (`ListKind.key`), with its key
            for spec in LISTS.values():
                if spec.key is not None:
                    key = spec.key.key
                    shown = key.upper() if key[1:].isdigit() else key  # F3, ctrl+l
                    commands.append(Command(spec.key.palette,
                                            partial(lookup.action_open_list, spec.name),
                                            f"{spec.key.palette_help} ({shown})"))
        current = lookup.catalog if lookup is not None else ""
        for catalog in CATALOGS:
            if catalog != current:
                commands.append(Command(f"Switch catalog to {catalog}",
                                        partial(switch_catalog, app, catalog),
                                        "Look up and list engagements in this catalog"))
        state = "off" if host(app).redacted else "on"
        commands.append(Command(f"Privacy mode {state}", partial(app.run_action,
                                                                 "toggle_privacy"),
                                "Mask names, emails, phones, companies, account ids (F9)"))
        return commands

    def _screen_commands(self) -> list[Command]:
        screen = self.screen
        if not isinstance(screen, RecordScreen):
            return []
        kind, ident = screen.kind, screen.record.id
        noun = kind.title.lower()
        commands = [
            Command(f"Copy {noun} id {ident}", screen.action_copy_id, "Copy the id (i)"),
            Command(f"Copy {noun} ARN", screen.action_copy_arn, "Copy the ARN (a)"),
            Command(f"Copy {noun} as JSON", screen.action_copy_json,
                    f"The whole {kind.get_operation} response (Y)"),
            Command(f"Export {noun} as JSON…", screen.action_export,
                    "Save to a file, with the lists loaded (s)"),
        ]
        for key, name in enumerate(pane_names(kind)[1:], start=2):
            related = kind.related_list(name)
            commands.append(Command(f"Show {related.what}",
                                    partial(screen.action_show_pane, name),
                                    f"The {related.what} of this {noun} ({key})"))
        commands.append(Command("Search the tree", screen.action_search,
                                "Labels and values (/)"))
        return commands

    def _commands(self) -> list[Command]:
        return self._screen_commands() + self._app_commands()

    async def discover(self) -> Hits:
        for command in self._commands():
            yield DiscoveryHit(Content(printable(command.text)), command.run,
                               text=command.text, help=command.help)

    async def search(self, query: str) -> Hits:
        typed = query.strip()
        refused = ""
        try:
            ref = parse_reference(typed) if typed else None
        except InvalidInput as error:
            ref, refused = None, str(error)
        if ref is not None:
            text = f"Open {ref.kind.title.lower()} {ref.record_id}"
            yield Hit(1.0, Content(text), partial(open_identifier, self.app, typed), text=text,
                      help="Look it up (the catalog an ARN names is used)")
        matcher = self.matcher(query)
        matched = False
        for command in self._commands():
            score = matcher.match(command.text)
            if score > 0:
                matched = True
                yield Hit(score, highlighted(matcher, command.text), command.run,
                          text=command.text, help=command.help)
        if refused and not matched:  # no command either: say why it opens nothing
            text = printable(refused)
            yield Hit(0.1, Content(text), partial(open_identifier, self.app, typed), text=text,
                      help=f"engtui opens {id_placeholder()}")
