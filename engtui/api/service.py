"""The service object: builds the `partnercentral-selling` client and makes the calls.

One client per service per `SellingService`, built lazily and reused (boto3 clients are
thread-safe for calls; building is guarded by a lock). The sibling service
`partnercentral-benefits` (funding: benefit applications, allocations, benefits) gets its
own client from the same botocore session: the same endpoint URL, credentials, call budget,
deadline, read-only hook and reply checks serve both (a kind or related list names its
service, `RecordKind.service`). Importing boto3 and building the client costs a
few hundred milliseconds, so the app calls `warm()` in a worker right after the first frame.
Every failure is raised as an `ApiError`; nothing else escapes.

Every HTTP attempt (a retry too) first takes a token from the profile's one call budget
(`engtui.api.budget`: the service's documented quota, shared by everything the process does,
and its 24-hour count shared with other processes); a ThrottlingException feeds back into it.
Background work runs inside `SellingService.background` and yields to the user's calls.

Retries: botocore's ``standard`` mode (or ``adaptive``/``legacy`` when asked) with a
bounded number of total attempts. Each retry is reported through the ``on_attempt``
callback so the UI can show "retrying (attempt 2 of 4)" instead of looking frozen.

botocore never prompts on the terminal: the assume-role provider's MFA prompt (which would
read from a terminal Textual owns) is replaced by one that raises `MfaRequired`
(`engtui.api.credentials`, which also resolves the credentials under the call's deadline).
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from engtui import __version__
from engtui.api import deadline
from engtui.api.budget import CallBudget, Dropped
from engtui.api.errors import ApiError, ErrorKind, MalformedReply, classify
from engtui.api.records import Record, RecordKind, RelatedList
from engtui.api.settings import AttemptCallback, ClientSettings

if TYPE_CHECKING:  # the listing modules load with the first listing (start-up time)
    from botocore.client import BaseClient

    from engtui.api.paging import PageCallback



def _check_reply_body(
    response_dict: dict[str, Any] | None = None, operation_model: Any = None, **_: Any
) -> None:
    """Refuse a reply engtui could not show (`engtui.api.reply_check`).

    botocore's JSON parser quietly turns a body it cannot decode into an empty result, so a
    garbled or truncated reply (or a proxy's page) would look like an engagement with no
    fields; and it trusts the shape of what it parses. engtui says the reply was malformed.
    """
    if not response_dict:
        return
    from engtui.api.reply_check import parse_body

    success = int(response_dict.get("status_code") or 0) < 300
    shape = getattr(operation_model, "output_shape", None) if success else None
    headers = response_dict.get("headers") or {}
    content_type = str(headers.get("content-type") or headers.get("Content-Type") or "")
    parse_body(response_dict.get("body") or b"", success=success, output_shape=shape,
               content_type=content_type)


def _boto3_package() -> tuple[str, str]:
    """boto3's version and its data folder, read from its package without importing it:
    ``import boto3`` pulls in s3transfer and the resource layer (about a third of
    `engtui get`), and `importlib.metadata` is slower still. Falls back to the import when
    the version line cannot be read."""
    import importlib.util
    import os
    import re

    spec = importlib.util.find_spec("boto3")
    if spec is not None and spec.origin:
        with contextlib.suppress(OSError, UnicodeDecodeError):
            with open(spec.origin, encoding="utf-8") as source:
                match = re.search(r"^__version__ = ['\"]([^'\"]+)['\"]", source.read(), re.M)
            if match:
                return match.group(1), os.path.join(os.path.dirname(spec.origin), "data")
    import boto3

    return str(boto3.__version__), os.path.join(os.path.dirname(boto3.__file__), "data")

def _boto3_style_session(
    *,
    profile_name: str | None,
    region_name: str | None,
    credentials: tuple[str, str, str | None] | None,
) -> Any:
    """A botocore session set up exactly as ``boto3.session.Session(...)`` sets up its own
    (boto3 1.44: the ``Boto3/<version> ... Botocore/<version>`` user agent, the profile, the
    static credentials, the region, boto3's data folder last on the loader's path), without
    importing boto3. What boto3 adds besides (event handlers for S3, DynamoDB and EC2
    clients and resources, the resource factory) never applies to partnercentral-selling.
    Everything else (the credential chain: SSO, ``credential_process``, assume-role; the
    ``AWS_*`` variables; ``~/.aws/models``; retry modes) is botocore's, as under boto3."""
    import botocore.session

    version, data = _boto3_package()
    session = botocore.session.get_session()
    if session.user_agent_name == "Botocore":
        botocore_info = f"Botocore/{session.user_agent_version}"
        if session.user_agent_extra:
            session.user_agent_extra += f" {botocore_info}"
        else:
            session.user_agent_extra = botocore_info
        session.user_agent_name = "Boto3"
        session.user_agent_version = version
    if profile_name is not None:
        session.set_config_variable("profile", profile_name)
    if credentials is not None and any(credentials):
        session.set_credentials(*credentials)
    if region_name is not None:
        session.set_config_variable("region", region_name)
    session.get_component("data_loader").search_paths.append(data)
    return session


class SellingService:
    """Calls the Partner Central Selling API (read-only operations) for one set of
    connection settings."""

    def __init__(self, settings: ClientSettings) -> None:
        self.settings = settings.resolved()
        self._clients: dict[str, BaseClient] = {}  # by short service name ("selling")
        self._session: Any = None  # the botocore session every client is made from
        self._credential_method: str | None = None  # how the client's credentials were found
        self._lock = threading.Lock()
        self._local = threading.local()
        # MaxResults for the member and association listings; None asks for the service's
        # largest page. Tests set it small to see several pages.
        self.page_size: int | None = None

    # -- the client -------------------------------------------------------------------
    def warm(self) -> None:
        """Import boto3 and build the client now, so the first lookup does not wait."""
        with contextlib.suppress(ApiError), deadline.limit(self.settings.deadline):
            self._get_client()  # a failure is reported by the first real call

    def _get_client(self, service: str = "selling") -> BaseClient:
        with self._lock:
            client = self._clients.get(service)
            if client is None:
                try:
                    client = self._clients[service] = self._build_client(service)
                except Exception as exc:
                    raise self._classify(exc) from None
            return client

    def _build_session(self) -> Any:
        """The botocore session of every client, with its credentials resolved (once)."""
        from engtui.api import timestamps

        settings = self.settings
        credentials = settings.credentials
        if credentials is None and settings.credentials_loader is not None:
            credentials = settings.credentials_loader()  # may read the keyring: a worker
        if credentials is not None:  # no log line may ever hold them (engtui.api.call_log)
            from engtui.api import call_log

            call_log.register_secret(credentials.secret_access_key, credentials.session_token)
        session = _boto3_style_session(
            profile_name=settings.aws_profile if credentials is None else None,
            region_name=settings.region,
            credentials=(
                (credentials.access_key_id, credentials.secret_access_key,
                 credentials.session_token) if credentials else None
            ),
        )
        timestamps.install(session)
        from engtui.api.credentials import resolve

        # Credentials are resolved now, under the call's deadline (engtui.api.credentials).
        self._credential_method = resolve(session, aws_profile=settings.aws_profile,
                                          endpoint=self.endpoint)
        return session

    def _build_client(self, service: str = "selling") -> BaseClient:
        from botocore.config import Config

        from engtui.api.model import SERVICES

        settings = self.settings
        if self._session is None:
            self._session = self._build_session()
        session = self._session
        name = SERVICES[service]
        config = Config(
            connect_timeout=settings.connect_timeout,
            read_timeout=settings.read_timeout,
            retries={"mode": settings.retry_mode, "total_max_attempts": settings.max_attempts},
            user_agent_appid="engtui",
            user_agent_extra=f"engtui/{__version__}",
        )
        client = session.create_client(
            name,
            region_name=settings.region,
            endpoint_url=settings.endpoint_url,
            config=config,
        )
        from engtui.api import model

        model.adopt(client.meta.service_model)  # one parse of the model per process
        from engtui.api.read_only import refuse_writes

        events = client.meta.events
        events.register(f"before-parameter-build.{name}", refuse_writes)
        events.register(f"before-send.{name}", self._before_send)
        events.register(f"before-parse.{name}", _check_reply_body)
        from engtui.api.unknown_members import after_call

        events.register(f"after-call.{name}", after_call)
        return client

    def budget(self, catalog: str | None = None) -> CallBudget:
        """The call budget of this profile in ``catalog`` (the settings' by default)."""
        from engtui.api import budget

        settings = self.settings
        account = f"{settings.label}\0{settings.endpoint_url or ''}"
        return budget.budget_for(account, catalog or settings.catalog,
                                 settings.reads_per_second or budget.DEFAULT_RATE,
                                 settings.reads_per_day or budget.DEFAULT_DAILY)

    @contextlib.contextmanager
    def background(self, *, drop: bool = False) -> Iterator[None]:
        """Calls made in this thread inside the block are background work (prefetch,
        watch): they wait while the user's calls wait and leave them a reserve; with
        ``drop`` they fail with `engtui.api.budget.Dropped` instead of waiting."""
        previous = getattr(self._local, "background", None)
        self._local.background = (drop,)
        try:
            yield
        finally:
            self._local.background = previous

    @property
    def prefetching(self) -> bool:
        """Whether the TUI prefetches the record under a resting cursor (``prefetch``)."""
        return self.settings.prefetch

    def check_credentials(self) -> str:
        """Resolve the credentials exactly as the first call does (the same client build,
        the same deadline) without calling Partner Central: `engtui doctor`. Returns how they
        were found (botocore's method: ``sso``, ``assume-role``, ``custom-process``, ...);
        raises the `ApiError` a call would."""
        with deadline.limit(self.settings.deadline):
            self._get_client()
        if self._credential_method is None:
            from botocore.exceptions import NoCredentialsError

            raise self._classify(NoCredentialsError())
        return self._credential_method

    def _before_send(self, request: Any = None, **_: Any) -> None:
        deadline.before_attempt()  # no retry once the call's deadline or size budget is spent
        budget: CallBudget | None = getattr(self._local, "budget", None)
        if budget is not None:  # one token per request the service sees, retries too
            background = getattr(self._local, "background", None)
            left = deadline.current()
            budget.acquire(background=background is not None,
                           drop=bool(background and background[0]),
                           limit=left.remaining() if left else None)
        callback: AttemptCallback | None = getattr(self._local, "on_attempt", None)
        self._local.attempt = getattr(self._local, "attempt", 0) + 1  # counted for the log too
        if callback is None:
            return
        callback(self._local.attempt, self.settings.max_attempts)

    @property
    def endpoint(self) -> str:
        """The URL calls go to (known once the client is built)."""
        client = self._clients.get("selling")
        if client is not None:
            return str(client.meta.endpoint_url)
        return self.settings.endpoint_url or (
            f"https://partnercentral-selling.{self.settings.region}.api.aws"
        )

    def _classify(self, exc: BaseException) -> ApiError:
        from engtui.api.kinds import asked_for

        return classify(exc, aws_profile=self.settings.aws_profile, endpoint=self.endpoint,
                        asked=asked_for(getattr(exc, "operation_name", None)))

    def _call(self, operation: str, on_attempt: AttemptCallback | None, *,
              service: str = "selling", **params: Any) -> dict:
        """One call of ``operation`` (botocore's snake_case name) of ``service`` ("selling",
        "benefits"): under the call's deadline, one budget token per attempt, logged."""
        from engtui.api import call_log

        self._local.on_attempt = on_attempt
        self._local.attempt = 0
        self._local.budget = budget_of_call = self.budget(params.get("Catalog"))
        started = time.monotonic()
        budget = None
        client = None
        try:
            # The deadline covers the whole call: building the client resolves credentials
            # (a credential_process helper, STS, the SSO portal) before any request.
            with deadline.limit(self.settings.deadline) as budget:
                client = self._get_client(service)
                response = getattr(client, operation)(**params)
            call_log.log_call(operation, params, "ok", self._local.attempt,
                          time.monotonic() - started, response)
            return response
        except Exception as exc:
            if isinstance(exc, Dropped):
                raise
            error = (budget and deadline.error_for(budget)) or self._classify(exc)
            if error.kind is ErrorKind.THROTTLED and exc is not error:
                budget_of_call.throttled()  # the service's own word: slow down
            call_log.log_call(operation, params, f"{error.kind.name}: {error.one_line()}",
                          self._local.attempt, time.monotonic() - started)
            if error.kind is ErrorKind.CREDENTIALS and client is not None:
                self._forget_client(client)
            raise error from None
        finally:
            self._local.on_attempt = None
            self._local.budget = None

    def _forget_client(self, client: BaseClient) -> None:
        """Drop a client whose credentials failed (and the session and clients of every
        service made with the same credentials), so the next call builds a new one and
        resolves credentials afresh: after `aws sso login` in another terminal, a fixed
        ``~/.aws/credentials`` or a secret entered on the profiles screen, retry works
        without restarting engtui. (botocore keeps a chain's "no credentials" answer, and
        the static-key loader runs only when the client is built.) The old clients are left
        to other threads still using them, not closed."""
        with self._lock:
            if client in self._clients.values():
                self._clients.clear()
                self._session = None

    # -- operations -------------------------------------------------------------------
    def get_record(
        self,
        kind: RecordKind,
        catalog: str,
        identifier: str,
        *,
        params: Mapping[str, Any] | None = None,
        on_attempt: AttemptCallback | None = None,
    ) -> Record:
        """Fetch one record of ``kind`` with its Get operation (``GetEngagement``, ...);
        ``params``: extra request members (a snapshot's engagement, type, template,
        revision)."""
        from botocore import xform_name

        response = self._call(
            xform_name(kind.get_operation), on_attempt, service=kind.service,
            **kind.request(catalog, identifier, params),
        )
        if not response.get(kind.id_member):
            raise ApiError(
                ErrorKind.MALFORMED,
                f"The reply has no {kind.title.lower()} {kind.id_member}; it is not a "
                f"{kind.get_operation} answer.",
                "Check --endpoint-url; a proxy may be answering instead of the service.",
            )
        from engtui.api.reply_check import check_identity

        try:
            check_identity(kind, response, catalog, identifier, params)
        except MalformedReply as wrong:
            raise ApiError(
                ErrorKind.MALFORMED,
                f"Not the {kind.title.lower()} asked for: {wrong}.",
                "Nothing was shown or saved. Check --endpoint-url; a proxy or a faulty "
                "server may be answering instead of the service.",
            ) from None
        return Record.from_response(kind, response, catalog, params)

    def list_pages(
        self,
        operation: str,
        result_key: str,
        catalog: str,
        params: Mapping[str, Any],
        *,
        on_attempt: AttemptCallback | None = None,
        should_stop: Callable[[], bool] | None = None,
        service: str = "selling",
    ) -> Iterator[tuple[int, list[dict[str, Any]], bool]]:
        """Yield ``(page number, items, more follow)`` of any list operation of ``service``
        (``ListEngagementInvitations``, ``SearchEngagements``, ...), one page as it arrives,
        as the API's own dicts. A generator, so the caller shows a page before the next is asked
        for and stops between pages by no longer iterating (or through ``should_stop``, checked
        before each request). Every failure is an `ApiError`, raised when the page is asked for."""
        from botocore import xform_name

        from engtui.api.paging import iter_pages

        method = xform_name(operation)
        request = {"Catalog": catalog, **params}

        def fetch(token: str | None) -> dict[str, Any]:
            return self._call(method, on_attempt, service=service,
                              **({**request, "NextToken": token} if token else request))

        pages = iter_pages(fetch, result_key, required=True, should_stop=should_stop,
                           operation=operation)
        for number, (items, more) in enumerate(pages, start=1):
            yield number, items, more

    def list_related(
        self,
        related: RelatedList,
        catalog: str,
        identifier: str,
        *,
        params: Mapping[str, Any] | None = None,
        on_page: PageCallback | None = None,
        should_stop: Callable[[], bool] | None = None,
    ) -> list[dict[str, Any]]:
        """Every item of a record's related list (``ListEngagementMembers``, ...), all
        pages, as the API's own dicts. ``params``: the whole request but ``Catalog``
        (`RelatedList.request`); without it, ``identifier`` in the list's id member."""
        from botocore import xform_name

        from engtui.api.paging import collect_pages

        operation = xform_name(related.operation)
        params = dict(params or {related.id_param: identifier})
        if related.catalog_param:  # ListTagsForResource has none: its ARN names the catalog
            params = {related.catalog_param: catalog, **params}
        if related.needs and not params.get(related.needs):
            return []  # nothing to ask for (an opportunity with no solutions)
        return collect_pages(
            lambda token: self._call(operation, None, service=related.service,
                                     **self._page(params, token)),
            related.result_key, on_page=on_page, should_stop=should_stop,
            operation=related.operation,
        )

    def _page(self, params: dict[str, Any], token: str | None) -> dict[str, Any]:
        """One page's request: ``MaxResults`` when `page_size` is set, ``NextToken`` after
        the first page."""
        page = dict(params)
        if self.page_size is not None:
            page["MaxResults"] = self.page_size
        if token:
            page["NextToken"] = token
        return page

    def read(self, operation: str, catalog: str, params: Mapping[str, Any], *,
             on_attempt: AttemptCallback | None = None) -> dict[str, Any]:
        """One call of a read that is neither a record nor a list's pages (the customer
        accounts' ``GetCustomerAccountStatistics``), as the API's own dict. Raises the
        `ApiError` of any call."""
        from botocore import xform_name

        response = self._call(xform_name(operation), on_attempt, Catalog=catalog, **params)
        return {key: value for key, value in response.items() if key != "ResponseMetadata"}

    def selling_system_settings(self, catalog: str | None = None) -> dict[str, Any]:
        """``GetSellingSystemSettings`` of ``catalog`` (the settings' by default): the role
        resource snapshot jobs need (``ResourceSnapshotJobRoleArn``); `engtui doctor`'s one
        read call. Raises the `ApiError` of any call."""
        response = self._call("get_selling_system_settings", None,
                              Catalog=catalog or self.settings.catalog)
        return {key: value for key, value in response.items() if key != "ResponseMetadata"}

    def report_url(self, job_type: str, catalog: str, job: str,
                   report_type: str = "FAILED_RECORDS") -> dict[str, Any]:
        """A bulk job's report URL (``Get…BulkJobReportUrl``, `engtui.api.report_urls`), the
        reply without its metadata; never fetched by engtui. Raises the `ApiError` of any
        call."""
        from botocore import xform_name

        from engtui.api.report_urls import report_request

        operation, params = report_request(job_type, job, report_type)
        response = self._call(xform_name(operation), None, Catalog=catalog, **params)
        return {key: value for key, value in response.items() if key != "ResponseMetadata"}

    def close(self) -> None:
        """Close the clients' connections."""
        with self._lock:
            for client in self._clients.values():
                client.close()
            self._clients.clear()
            self._session = None
