"""What a screen or widget may ask of the app: the `Host` protocol.

Screens never reach into the app's private parts (`app._lookup`) or guess at its attributes
(`hasattr(app, "redacted")`): everything a screen uses of the app is declared here, and
`host(widget)` returns the running app typed as this protocol. The app (`engtui.app`)
implements it; a test can hand a screen any object that does.

The service itself is not part of the protocol (UI modules never import the API client):
screens get *fetch functions* (`RecordSource`) that run blocking calls, which they call in
their own workers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any, Protocol, cast

if TYPE_CHECKING:
    from pathlib import Path

    from textual.dom import DOMNode
    from textual.signal import Signal

    from engtui.api.paging import PageCallback
    from engtui.api.records import Record, RecordKind, RelatedList
    from engtui.api.settings import AttemptCallback
    from engtui.profiles.manager import ProfileManager
    from engtui.profiles.view import KeyringView
    from engtui.recent import RecentHistory
    from engtui.screens.opening import Fetched, OpenRequest
    from engtui.screens.prefetch import Prefetcher
    from engtui.widgets.connection_bar import ConnectionInfo

class RecordSource(Protocol):
    """The blocking calls the screens run in their workers (the active profile's client)."""

    def get_record(
        self, kind: RecordKind, catalog: str, identifier: str, *,
        params: Mapping[str, Any] | None = None, on_attempt: AttemptCallback | None = None,
    ) -> Record: ...

    def list_related(
        self, related: RelatedList, catalog: str, identifier: str, *,
        params: Mapping[str, Any] | None = None, on_page: PageCallback | None = None,
        should_stop: Callable[[], bool] | None = None,
    ) -> list[dict[str, Any]]: ...

    def list_pages(
        self, operation: str, result_key: str, catalog: str, params: Mapping[str, Any], *,
        on_attempt: AttemptCallback | None = None,
        should_stop: Callable[[], bool] | None = None, service: str = "selling",
    ) -> Iterator[tuple[int, list[dict[str, Any]], bool]]: ...

    def read(
        self, operation: str, catalog: str, params: Mapping[str, Any], *,
        on_attempt: AttemptCallback | None = None,
    ) -> dict[str, Any]: ...  # one call of a read (GetCustomerAccountStatistics)

    def report_url(self, job_type: str, catalog: str, job: str,
                   report_type: str = ...) -> dict[str, Any]: ...  # a bulk job's report URL

    def background(self, *, drop: bool = False) -> AbstractContextManager[None]: ...
    # calls in the block are background work (prefetch): they yield to the user's calls

    @property
    def prefetching(self) -> bool: ...  # prefetch is on (``prefetch = false``: off)

class RecordStack(Protocol):
    """The app's stack of record screens, as the screens use it (the app holds an
    `engtui.screens.navigator.Navigator`)."""

    def remembered(self, request: OpenRequest) -> Fetched | None: ...  # seen in this run

    def remember(self, fetched: Fetched) -> None: ...

    def show(self, fetched: Fetched, *, refresh: bool = False) -> None: ...  # push its screen

    def prepare(self, kind: RecordKind) -> None: ...  # load its screen's class ahead

    def prepare_screen(self, kind: RecordKind, catalog: str) -> None: ...  # build it ahead

    def trail(self) -> list[str]: ...  # the breadcrumb: the crumbs of the stack

    @property
    def prefetch(self) -> Prefetcher: ...  # the record under a resting cursor

    async def join_prefetch(self, request: OpenRequest) -> Fetched | None: ...


class Host(Protocol):
    """The app as the screens see it."""

    redacted: bool  # reactive: privacy mode (F9, --redact)
    connection: ConnectionInfo  # reactive: what the connection bar shows
    navigator: RecordStack
    recent: RecentHistory
    profiles: ProfileManager  # blocking calls: run them in a worker
    keyring_known: Signal[KeyringView]  # published when the keyring probe is done
    profile_switched: Signal[str | None]  # published after a profile switch
    last_export_folder: Path | None  # the folder of this run's last export (in memory)

    @property
    def records(self) -> RecordSource: ...  # the client of the moment (profiles switch)

    def now(self) -> dt.datetime: ...

    def activate_profile(self, name: str | None, *, quiet: bool = False) -> None: ...

    @property
    def demo_settings(self) -> object | None: ...  # set when started with --demo

    def activate_demo(self) -> None: ...  # back to the --demo endpoint

    def use_catalog(self, catalog: str) -> None: ...  # the lookup screen's catalog switch

    def refresh_connection(self) -> None: ...


def host(node: DOMNode) -> Host:
    """The running app of ``node``, as the `Host` it implements."""
    return cast("Host", node.app)
