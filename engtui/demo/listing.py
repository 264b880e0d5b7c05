"""Every list operation as a declaration: its records, filters, sort keys and summary.

``ListSpec`` names where an operation's records come from (an index lookup, never a walk
of the whole set), the request members that filter them, the ``Sort.SortBy`` values and
their keys, and how a record becomes the summary the response lists. ``run`` answers a
request from it:

* without a filter or sort, the page is a slice of the indexed list;
* otherwise the selection is computed once for the query and cached by its fingerprint
  (``index.DatasetIndex.selection``);
* ``MaxResults`` defaults to the largest page the model allows for the operation;
  ``NextToken`` is opaque, carries the offset and is bound to the operation and its
  filters: a token that was not issued for the same query is a ``ValidationException``
  on ``NextToken``.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from engtui.demo import model
from engtui.demo.protocol import invalid_value

if TYPE_CHECKING:
    from botocore.model import Shape

    from engtui.demo.data import DemoDataset

__all__ = ["Filter", "ListSpec", "handler", "project", "run", "summary_of"]

Record = dict[str, Any]
Params = dict[str, Any]


@dataclass(frozen=True)
class Filter:
    """A request member that narrows the records.

    ``values`` gives a record's values for it. ``test``: ``any`` keeps a record having any
    of the listed values, ``none`` drops those, ``equals`` compares with a single value,
    ``range`` reads ``After<field>``/``Before<field>`` bounds from a structure. ``wanted``
    turns the request's list into the values to look for (ids from ARNs, for instance).
    """

    param: str
    values: Callable[[Record], Iterable[Any]]
    test: str = "any"
    field_name: str = ""
    wanted: Callable[[list[Any], Params], Iterable[Any]] | None = None

    def predicate(self, params: Params) -> Callable[[Record], bool] | None:
        given = params.get(self.param)
        if given is None or given == []:
            return None
        if self.test == "range":
            after = given.get(f"After{self.field_name}")
            before = given.get(f"Before{self.field_name}")
            return lambda record: any(
                (after is None or value > after) and (before is None or value < before)
                for value in self.values(record)
                if value is not None
            )
        if self.test == "equals":
            return lambda record: given in set(self.values(record))
        wanted = set(self.wanted(given, params) if self.wanted else given)
        if self.test == "none":
            return lambda record: not wanted.intersection(self.values(record))
        return lambda record: bool(wanted.intersection(self.values(record)))


@dataclass(frozen=True)
class ListSpec:
    """One list operation (see the module docstring)."""

    operation: str
    result_key: str
    source: Callable[[DemoDataset, Params], Sequence[Record]]
    summary: Callable[[Record], Record] | None = None
    filters: tuple[Filter, ...] = ()
    sorts: dict[str, Callable[[Record], Any]] = field(default_factory=dict)
    default_sort: tuple[str, str] | None = None
    predicate: Callable[[DemoDataset, Params], Callable[[Record], bool] | None] | None = None
    service: str = model.SERVICE_NAME
    # Where the request's filters are (``ListCustomerAccountBulkJobs``' ``Filter``); "": top.
    filter_member: str = ""


def run(spec: ListSpec, dataset: DemoDataset, params: Params) -> dict[str, Any]:
    """Answer a request to ``spec``'s operation with one page."""
    fingerprint = _fingerprint(spec.operation, params)
    given = (params.get(spec.filter_member) or {}) if spec.filter_member else params
    tests = [test for f in spec.filters if (test := f.predicate(given)) is not None]
    extra = spec.predicate(dataset, params) if spec.predicate else None
    if extra is not None:
        tests.append(extra)
    sort = params.get("Sort")
    order = (sort["SortBy"], sort["SortOrder"]) if sort else spec.default_sort
    items = spec.source(dataset, params)
    if tests or order:
        items = dataset.index().selection(
            fingerprint, lambda: _select(items, tests, spec.sorts.get(order[0]) if order else None,
                                         bool(order and order[1] == "DESCENDING"))
        )
    return _page(spec.operation, params, items, spec.result_key, spec.summary, fingerprint,
                 spec.service)


def handler(spec: ListSpec) -> Callable[[DemoDataset, Params], dict[str, Any]]:
    """The operation handler that answers requests to ``spec``'s operation."""
    return lambda dataset, params: run(spec, dataset, params)


def _select(
    items: Sequence[Record],
    tests: list[Callable[[Record], bool]],
    key: Callable[[Record], Any] | None,
    descending: bool,
) -> Sequence[Record]:
    selected = [item for item in items if all(test(item) for test in tests)] if tests else items
    if key is None:
        return selected
    return sorted(selected, key=lambda item: _sort_key(key(item)), reverse=descending)


def _sort_key(value: Any) -> tuple[bool, Any]:
    """Missing values sort after present ones (ascending)."""
    return (value is None, value if value is not None else 0)


def project(shape: Shape, value: Any) -> Any:
    """Keep only the members of ``shape`` (recursively): a record as a summary lists it."""
    if value is None:
        return None
    if shape.type_name == "structure" and isinstance(value, dict):
        members = shape.members
        return {name: project(members[name], item) for name, item in value.items()
                if name in members}
    if shape.type_name == "list" and isinstance(value, list):
        return [project(shape.member, item) for item in value]
    return value


def summary_of(shape_name: str, service: str = model.SERVICE_NAME) -> Callable[[Record], Record]:
    """A summary function projecting records onto the named shape."""
    def summarize(record: Record) -> Record:
        return project(model.shape(shape_name, service), record)  # type: ignore[no-any-return]

    return summarize


# -- pages and tokens ---------------------------------------------------------------------
def _page(
    operation: str,
    params: Params,
    items: Sequence[Any],
    result_key: str,
    convert: Callable[[Any], Any] | None,
    fingerprint: str,
    service: str = model.SERVICE_NAME,
) -> dict[str, Any]:
    limit = params.get("MaxResults") or _max_page_size(operation, service)
    start = 0
    token = params.get("NextToken")
    if token:
        start = _decode_token(token, fingerprint)
    end = start + limit
    page = items[start:end]
    result: dict[str, Any] = {result_key: [convert(i) for i in page] if convert else list(page)}
    if end < len(items):
        result["NextToken"] = _encode_token(fingerprint, end)
    return result


def _max_page_size(operation: str, service: str = model.SERVICE_NAME) -> int:
    shape = model.operation_model(operation, service).input_shape.members["MaxResults"]
    return int(shape.metadata["max"])


def _fingerprint(operation: str, params: Params) -> str:
    query = {k: v for k, v in params.items() if k not in ("NextToken", "MaxResults")}
    text = json.dumps([operation, query], sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _encode_token(fingerprint: str, offset: int) -> str:
    raw = json.dumps({"q": fingerprint, "o": offset}, separators=(",", ":")).encode("ascii")
    return base64.urlsafe_b64encode(raw).decode("ascii")


def _decode_token(token: str, fingerprint: str) -> int:
    try:
        decoded = json.loads(base64.urlsafe_b64decode(token.encode("ascii")))
        offset = decoded["o"]
        valid = decoded["q"] == fingerprint and isinstance(offset, int) and offset >= 0
    except (ValueError, TypeError, KeyError, binascii.Error, UnicodeError):
        valid = False
    if not valid:
        raise invalid_value(
            "NextToken", "Member must be a token returned by a previous call with the same query"
        )
    return int(offset)
