"""What a record kind is, declared once; and a fetched record.

engtui browses several kinds of record (engagements, invitations, opportunities, AWS
opportunity summaries, resource snapshots, customer accounts: `engtui.api.kinds.KINDS`).
Each kind is a `RecordKind`
*declaration* (one module under `engtui.api.kinds`): its Get operation and the request
member that carries the id, how its ids are recognised and checked, which member is its
title, which of its members is drawn as the tree, the lists shown beside it
(`RelatedList`: members, linked opportunities, ...) and which fields link to which other
kind (`Link`). One record screen and one list screen draw every kind from its declaration
and the botocore output shape; adding a kind adds a declaration, not a screen class.

Nothing here imports boto3 or Textual: a declaration is plain data.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Protocol, Self

if TYPE_CHECKING:
    from engtui.api.list_queries import ListQuery
    from engtui.api.pictures import ListPicture


def _resolve(module: str, name: str) -> Any:
    target: Any = importlib.import_module(module)
    for part in name.split("."):
        target = getattr(target, part)
    return target


def deferred(module: str, name: str) -> Callable[[], Any]:
    """A factory of ``module``'s ``name`` (a dotted path in it: ``"Row.from_api"``), imported
    at the first call: a list's ``make_row`` and ``make_item``. The declarations are imported
    at start-up; the modules that build rows, options and requests load with the first list."""
    return lambda: _resolve(module, name)


def deferred_call(module: str, name: str) -> Callable[..., Any]:
    """``module``'s ``name`` imported at the first call and called with that call's
    arguments: a list's ``make_options``, ``cli_query``, a picture's request (see
    `deferred`)."""
    return lambda *args, **kwargs: _resolve(module, name)(*args, **kwargs)


def deferred_options(module: str, name: str) -> Callable[[int], Options]:
    """A list's ``make_options``: ``module``'s options class ``name`` for a page size,
    imported at the first call (see `deferred`)."""
    return lambda page_size: _resolve(module, name)(page_size=page_size)


def with_article(noun: str) -> str:
    """``a member``, ``an opportunity``, ``an AWS opportunity summary``."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


@dataclass(frozen=True)
class RecordRef:
    """A checked reference to a record: its kind, what to send, and the catalog an ARN
    names (when it names one)."""

    kind: RecordKind
    identifier: str
    record_id: str
    catalog_from_arn: str | None = None
    params: Mapping[str, Any] = field(default_factory=dict)  # extra request members
    normalised: str = ""  # what `parse_reference` changed in the typed text, for the status


@dataclass(frozen=True)
class Column:
    """One column of a related list: its title, the item member it shows, its width
    (``None``: the rest of the width)."""

    title: str
    member: str
    width: int | None = None


LinkTarget = tuple[str, Mapping[str, Any]]
"""What a link opens: the identifier to send and any extra request members."""


@dataclass(frozen=True)
class Link:
    """A member whose value is the id of another record (``kind`` names it): Enter on it
    opens that record. ``when`` restricts the link to items whose member has a value (for
    example an association whose ``ResourceType`` is ``Opportunity``).

    ``target`` builds what to send from the item holding the member and the record shown
    (a snapshot needs its engagement, resource type and template too); without it, the
    member's value is the identifier. ``label`` names the link in the "open linked record"
    dialog (``o``); ``in_tree`` False: the link is only there (an opportunity's AWS summary
    is not a field of it). ``choices`` lists several targets from one record (a
    snapshot's older revisions): (label, identifier, params) for each."""

    member: str
    kind: str
    when: tuple[str, str] | None = None
    target: Callable[[Mapping[str, Any], Mapping[str, Any]], LinkTarget] | None = None
    label: str = ""
    in_tree: bool = True
    choices: Callable[[Mapping[str, Any]], list[tuple[str, LinkTarget]]] | None = None

    def applies_to(self, item: Mapping[str, Any]) -> bool:
        if self.target is None and item.get(self.member) in (None, ""):
            return False  # nothing to open (a failed task names no opportunity)
        if self.when is None:
            return True
        key, value = self.when
        return item.get(key) == value

    def resolve(self, item: Mapping[str, Any], parent: Mapping[str, Any]) -> LinkTarget:
        """The identifier and extra request members ``item``'s link opens."""
        if self.target is not None:
            return self.target(item, parent)
        return str(item.get(self.member) or ""), {}


@dataclass(frozen=True)
class RelatedList:
    """A list shown beside a record, loaded (every page) the first time it is shown."""

    name: str  # "members"
    title: str  # "Members"
    operation: str  # botocore operation name, "ListEngagementMembers"
    id_param: str  # the request member that carries the record's id
    result_key: str  # the response member holding the items
    item_shape: str  # the model's shape of one item (privacy masking)
    columns: tuple[Column, ...]
    row_link: Link | None = None
    noun: str = ""  # "members", "linked opportunities": for status lines
    row_noun: str = "row"  # one item: "member", "opportunity"
    # The request members (without Catalog) from the record's data; None: its id in id_param.
    params: Callable[[Mapping[str, Any]], dict[str, Any]] | None = None
    # A request member that must not be empty: when it is (an opportunity with no
    # solutions), the list is empty and nothing is sent.
    needs: str = ""
    # The service the operation belongs to ("selling": partnercentral-selling; "benefits":
    # partnercentral-benefits), and the request member that carries the catalog (None: the
    # operation has none, ``ListTagsForResource`` reads it from the ARN).
    service: str = "selling"
    catalog_param: str | None = "Catalog"
    # Other records a row may name beside ``row_link``'s (a task's opportunity, snapshot job
    # and invitation): Enter on a row that names several offers a chooser.
    more_links: tuple[Link, ...] = ()
    # The key an export holds the items under; "" : ``result_key`` (two panes of one kind
    # whose operations share a result member, ``TaskSummaries``, need their own).
    export_as: str = ""

    def request(self, record: Record) -> dict[str, Any]:
        """The request of this list for ``record`` (without ``Catalog`` and paging)."""
        if self.params is not None:
            return self.params(record.data)
        return {self.id_param: record.id}

    @property
    def what(self) -> str:
        return self.noun or self.title.lower()

    def row_links(self, item: Mapping[str, Any]) -> list[Link]:
        """The links of a row that name a record (``row_link`` first)."""
        links = (self.row_link, *self.more_links) if self.row_link else self.more_links
        return [link for link in links if link.applies_to(item)]

    @property
    def export_key(self) -> str:
        """Where an export holds this list's items."""
        return self.export_as or self.result_key


@dataclass(frozen=True)
class ListColumn:
    """One column of a list screen. ``width`` 0 is the flexible column (the title); a
    higher ``keep`` is dropped later as the terminal narrows (the highest never is)."""

    title: str
    width: int
    keep: int
    right: bool = False
    muted: bool = False  # drawn dim (dates)
    filtered: bool = False  # the client-side filter (``/``) looks in this column
    sort_mark: bool = False  # shows the service's sort order (an arrow)
    # Shown only when the list's operation is this one (search results' customer company).
    operation: str = ""


class Options(Protocol):
    """The options of any list (what the service is asked, as plain values): the list screen
    and its summary line use only these. A list's options class subclasses this protocol
    for the defaults below (no keyword search, the list's own crumb).

    ``sort`` is ``DESCENDING`` or ``ASCENDING`` (``s`` flips it); ``toggled(field)`` steps
    the field a switch of the list names (`ListSwitch.field`) to its next value."""

    sort: str

    def query(self) -> ListQuery:
        """The operation, result member and request (raises `InvalidInput` on a conflict)."""
        ...

    def describe(self) -> str:
        """One line for the summary line: ``received · pending · newest first``."""
        ...

    def toggled(self, field: str) -> Self:
        """The next value of the option ``field`` (a switch the list declares)."""
        raise KeyError(field)

    def toggled_sort(self) -> Self:
        """The same options in the other sort order."""
        flipped = "ASCENDING" if self.sort == "DESCENDING" else "DESCENDING"
        return replace(self, sort=flipped)  # type: ignore[type-var]

    @property
    def keyword(self) -> str:
        """The service-side keyword searched for ("" none)."""
        return ""

    def with_keyword(self, keyword: str) -> Self:
        """These options searching for ``keyword`` (only a list with `ListKind.keyword`)."""
        raise TypeError(f"{type(self).__name__} has no keyword search")

    @property
    def crumb(self) -> str:
        """The breadcrumb when the options narrow the list to one record's rows (a group's
        engagements: ``Group Marketing-ready``); "": the list's own (`ListKind.crumb`)."""
        return ""


@dataclass(frozen=True)
class ListSwitch:
    """A key of the list screen that steps one option to its next value and reloads (the
    inbox's ``p``: received or sent). ``key`` is a key name (``"p"``, ``"f"``), bound by the
    UI; ``label`` the key bar's word; ``help`` the sentence the help screen shows."""

    field: str  # the options field `Options.toggled` steps ("participant")
    key: str
    label: str
    help: str


@dataclass(frozen=True)
class ListKey:
    """Where a list opens from the lookup screen (and the command palette). ``key`` is a key
    name (``"f3"``, ``"ctrl+l"``), ``label`` the key bar's word (``"Inbox"``), ``help`` the
    sentence of the help screen; ``palette`` the command's text in the palette and
    ``palette_help`` its line there (the key is added). ``first``: the key bar shows it
    before the profile key (a narrow key bar drops keys from the end)."""

    key: str
    label: str
    help: str
    palette: str
    palette_help: str
    first: bool = False


@dataclass(frozen=True)
class ListFlag:
    """An option of ``engtui list NAME``: its flag, the keyword argument of the list's
    `ListKind.cli_query` it gives (``param``), its help. ``enum`` names the model's input
    member (or, for a value inside a filter tree, the model's shape: ``EnrichmentStatus``)
    whose enum are the values it takes, as (operation, member): they are listed in
    the help and offered by shell completion; the query checks a value against them, case
    forgiven (`engtui.api.list_queries.checked_values`). ``repeat``: given several times, a
    list of values; ``switch``: a flag without a value (True when given). Several lists may
    declare the same flag (``--ascending``): it is one option of ``engtui list``, refused
    for the lists that do not declare it."""

    flag: str  # "--status"
    param: str  # "status"
    help: str
    metavar: str = ""
    repeat: bool = False
    switch: bool = False
    enum: tuple[str, str] | None = None

    def choices(self) -> tuple[str, ...]:
        """The model's values for this flag (``()`` when it names no enum)."""
        if self.enum is None:
            return ()
        from engtui.api.list_queries import has_operation, model_enum

        return model_enum(*self.enum) if has_operation(self.enum[0]) else ()


@dataclass(frozen=True)
class ListKind:
    """A list engtui pages through and shows as a table, declared once: what its rows
    show (``make_row()`` returns the function from an item to its display strings, made
    printable: a factory, so the module that builds rows loads with the first list), the id
    of an item, and the record kind Enter opens. The list screen and its table draw every
    list from this; the lookup screen's keys, the palette's commands and ``engtui list``
    are made from it too (`key`, `cli_flags`)."""

    name: str  # "engagements"
    title: str  # "Engagements"
    noun: str  # "engagement"
    opens: str  # the record kind Enter opens ("engagement")
    columns: tuple[ListColumn, ...]
    make_row: Callable[[], Callable[[Any], tuple[str, ...]]]
    item_id: Callable[[Any], str]
    crumb: str = "List"
    # The engagement options dialog (``o``): only the list whose options are `ListOptions`.
    has_options: bool = False
    # Its own options switched by a key (the inbox's ``participant`` p, ``status`` f).
    switches: tuple[ListSwitch, ...] = ()
    # Where its pages come from: the default options for a page size (their type is the
    # list's options type), the request those options describe (operation, result member,
    # parameters; from `engtui.api.list_queries`), and the row object of one API item
    # (``make_item()`` returns ``(item, now) -> row``, a factory like ``make_row``).
    make_options: Callable[[int], Options] | None = None
    query: Callable[[Any], ListQuery] | None = None
    make_item: Callable[[], Callable[[Any, dt.datetime], Any]] | None = None
    # Enter opens another list instead of a record (a group's engagements): its name and
    # options, from the item and the page size; None for a row that opens a record (a
    # customer-account bulk job, beside opportunity bulk jobs whose rows are a list).
    opens_list: Callable[[Any, int], tuple[str, Options] | None] | None = None
    # Rows that name different records (a task names its opportunity, engagement,
    # invitation, snapshot job): (kind name, id) of each, from the row; Enter opens the one,
    # or offers a chooser for several. None: every row opens ``opens`` by ``item_id``.
    row_targets: Callable[[Any], list[tuple[str, str]]] | None = None
    # Rows with a report URL (a bulk job's): (job type, job id) of the row, or None; the
    # list screen's ``u`` shows it with its expiry and copies it (never downloads it).
    row_report: Callable[[Any], tuple[str, str] | None] | None = None
    # The operation of the server-side keyword search (``ctrl+f``; its help names it);
    # "": the list has none.
    keyword: str = ""
    # The lookup screen's key (and palette command) that opens it; None: opened from
    # another list only.
    key: ListKey | None = None
    # ``engtui list NAME``: NAME ("" the list's name), its flags, and the request from the
    # flags given (each flag's ``param`` a keyword argument; flags not given are left out).
    cli_name: str = ""
    cli_flags: tuple[ListFlag, ...] = ()
    cli_query: Callable[..., ListQuery] | None = None
    # Other words for it on the ``:`` command line (``inbox``): its name and these open it
    # (`engtui.api.jump`); unique across every kind and list.
    aliases: tuple[str, ...] = ()
    # Its picture as bars (``g``: the opportunities by stage, the accounts' statistics;
    # `engtui.api.pictures.ListPicture`); None: it has none.
    picture: ListPicture | None = None
    # Does the service sort it (``s`` flips newest / oldest first)? False: the model has no
    # sort for its operations (bulk jobs, a job's rows, the benefits lists): no ``s`` key.
    sortable: bool = True

    @property
    def command(self) -> str:
        """Its name in ``engtui list NAME``."""
        return self.cli_name or self.name


@dataclass(frozen=True)
class RecordKind:
    """One kind of record, declared once."""

    name: str  # "engagement"
    title: str  # "Engagement"
    get_operation: str  # "GetEngagement"
    id_param: str  # "Identifier"
    parse: Callable[[str], RecordRef]  # check typed text (raises InvalidInput)
    recognises: Callable[[str], bool]  # does this text look like one of ours?
    id_member: str = "Id"
    title_member: str = "Title"
    arn_member: str = "Arn"
    tree_member: str | None = None  # drawn as the tree ("Contexts"); None: the whole record
    tree_title: str = "Fields"
    header_pairs: Mapping[str, str] = field(default_factory=dict)
    header_members: tuple[str, ...] = ()  # a kind drawn whole: the scalars its header shows
    related: tuple[RelatedList, ...] = ()
    links: tuple[Link, ...] = ()
    catalog_param: str | None = "Catalog"
    # The start of the kind's ids as typed ("eng-", "O"); "" for a kind opened only by its
    # ARN or through another record. `engtui.api.kinds.id_forms` lists them for the user.
    prefix: str = ""
    # A title made from the data, for kinds with no title member (an opportunity's project).
    title_of: Callable[[Mapping[str, Any]], str] | None = None
    # What the breadcrumb shows; None: the record's id ("O6100001 rev 2" for a snapshot).
    crumb_of: Callable[[Mapping[str, Any]], str] | None = None
    # The extra request members that name this record in its data (a snapshot's revision,
    # engagement, resource type and template), so a refresh fetches the same one.
    params_of: Callable[[Mapping[str, Any]], dict[str, Any]] | None = None
    # The request members of ``params_of`` a reply must give back as sent (a snapshot's
    # revision and engagement): `engtui.api.reply_check.check_identity` compares them.
    identity_params: tuple[str, ...] = ()
    # How an id (and request members) taken from data, a list row or a link, is checked
    # before it is sent: raises `InvalidInput`. None: the kind's ``parse``.
    target_check: Callable[[str, Mapping[str, Any]], None] | None = None
    # The service its Get operation belongs to: "selling" (partnercentral-selling) or
    # "benefits" (partnercentral-benefits); one client each, one endpoint, budget and checks.
    service: str = "selling"
    # The record's page in the Partner Central console, ``{id}`` standing for its id: only
    # for kinds whose URL can be cited (a comment beside each says where from); "" for
    # none. Only records of the AWS catalog have one (`console_link`).
    console_url: str = ""
    # Short words for it on the ``:`` command line (``opp``): ``:opp O6100001`` opens that
    # opportunity, ``:opp`` alone the list of its kind (`engtui.api.jump`); its name works
    # too. Unique across every kind and list (a conformance test checks).
    aliases: tuple[str, ...] = ()
    # A report URL of the record (a bulk job's failed rows): (bulk-job type, job id) from
    # its data, for ``u`` on its record screen (`engtui.api.report_urls`); None: no ``u``.
    report: Callable[[Mapping[str, Any]], tuple[str, str] | None] | None = None

    @property
    def noun(self) -> str:
        """The kind in running text: ``customer account``; a title that starts with an
        acronym is kept (``AWS opportunity summary``)."""
        return self.title if self.title[:2].isupper() else self.title[:1].lower() + self.title[1:]

    def console_link(self, catalog: str, record_id: str) -> str | None:
        """The console page of the record ``record_id`` of ``catalog``; None when the kind
        has none, the catalog is not ``AWS`` (Sandbox records do not resolve in the
        console), or the id is not one of the kind's (the id is data: checked before it is
        put in a URL)."""
        from engtui.api.identifiers import InvalidInput

        if not self.console_url or catalog != "AWS":
            return None
        try:
            self.check_target(record_id)
        except InvalidInput:
            return None
        return self.console_url.format(id=record_id)

    def check_target(self, identifier: str, params: Mapping[str, Any] | None = None) -> None:
        """Raise `engtui.api.identifiers.InvalidInput` unless ``identifier`` (with
        ``params``) names a record of this kind in the form its ids take: an id from a list
        row, a link or the history file is data, checked like typed text before it is sent."""
        if self.target_check is not None:
            self.target_check(identifier, params or {})
        else:
            self.parse(identifier)

    def related_list(self, name: str) -> RelatedList:
        return next(r for r in self.related if r.name == name)

    def row_links(self, item: Mapping[str, Any]) -> list[Link]:
        """The links of a row that name a record (``row_link`` first)."""
        links = (self.row_link, *self.more_links) if self.row_link else self.more_links
        return [link for link in links if link.applies_to(item)]

    @property
    def export_key(self) -> str:
        """What an export calls the record: its Get operation's noun (``Engagement``,
        ``EngagementInvitation``, ``AwsOpportunitySummary``), the API's own name for it."""
        return self.get_operation.removeprefix("Get")

    def request(
        self, catalog: str, identifier: str, params: Mapping[str, Any] | None = None
    ) -> dict[str, Any]:
        request: dict[str, Any] = {self.id_param: identifier, **(params or {})}
        if self.catalog_param:
            request[self.catalog_param] = catalog
        return request


@dataclass(frozen=True)
class Record:
    """A fetched record: the response (without ``ResponseMetadata``), its kind and where it
    came from, plus the related lists loaded so far (by `RelatedList.name`)."""

    kind: RecordKind
    catalog: str
    data: dict[str, Any]
    fetched_at: dt.datetime
    request_id: str | None = None
    related: Mapping[str, list[dict[str, Any]]] = field(default_factory=dict, compare=False)
    # The extra request members it was fetched with (a snapshot's revision): a refresh
    # sends them again.
    request_params: Mapping[str, Any] = field(default_factory=dict, compare=False)

    @property
    def id(self) -> str:
        return str(self.data.get(self.kind.id_member) or "")

    @property
    def crumb(self) -> str:
        return self.kind.crumb_of(self.data) if self.kind.crumb_of else self.id

    @property
    def arn(self) -> str:
        return str(self.data.get(self.kind.arn_member) or "")

    @property
    def title(self) -> str:
        if self.kind.title_of is not None:
            return self.kind.title_of(self.data)
        return str(self.data.get(self.kind.title_member) or "")

    @classmethod
    def from_response(
        cls, kind: RecordKind, response: dict[str, Any], catalog: str,
        params: Mapping[str, Any] | None = None,
    ) -> Record:
        data = {key: value for key, value in response.items() if key != "ResponseMetadata"}
        metadata = response.get("ResponseMetadata") or {}
        if kind.params_of is not None:  # what names this record, from its data
            params = {**kind.params_of(data), **(params or {})}
        return cls(kind, catalog, data, dt.datetime.now(dt.UTC), metadata.get("RequestId"),
                   request_params=dict(params or {}))

    def with_related(self, name: str, items: list[dict[str, Any]]) -> Record:
        """This record with one related list loaded (records are immutable)."""
        from dataclasses import replace

        return replace(self, related={**self.related, name: items})
