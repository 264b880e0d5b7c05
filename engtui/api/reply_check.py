"""Read each reply body once, and refuse one that engtui could not show, before botocore parses it.

botocore's JSON parser trusts the shape of what it is given: a ``Contexts`` sent as an object,
a timestamp of ``1e400`` or a body nested 100,000 deep ends in an exception from deep inside
botocore, Python's recursion limit or the datetime module, which engtui would call a bug. Every
such reply is a `MalformedReply` instead (exit 10 in ``engtui get``, an error state in the
TUI), raised here with the place and the reason:

- the body is not JSON, or (a success) not an object;
- it is larger than `engtui.api.deadline.MAX_REPLY_BYTES` (reading is already stopped at that
  size by the socket guard; this is the check for a body that got here another way);
- it is nested deeper than `MAX_DEPTH` (the deepest member of the service model is about 10
  levels down; 100 leaves room for unknown members, and keeps every recursive walk after this
  one, botocore's parser, the tree builder, the JSON encoder, far from Python's recursion
  limit of 1,000 frames);
- a number is not finite (``NaN``, ``Infinity``, ``1e400``): not JSON, nothing to show;
- a value has the wrong kind for its member in the output shape: an object or a list where
  the model has a scalar, a scalar where it has an object or a list, a list where it has an
  object, or a timestamp that is neither a string nor a number of seconds within years 1 to
  9999. Members the model does not know are only checked for depth and numbers.

Strings are never refused: any text, lone surrogates included, is shown through
`engtui.textsafe.printable` and written through `engtui.api.jsonout`.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from engtui.api.deadline import MAX_REPLY_BYTES
from engtui.api.errors import MalformedReply

if TYPE_CHECKING:
    from engtui.api.records import RecordKind

MAX_DEPTH = 100
"""How deep a reply may nest (objects and lists)."""

# Seconds since the epoch that datetime can hold (0001-01-01 to 9999-12-31).
_EPOCH_RANGE = (-62_135_596_800.0, 253_402_300_799.0)
_CONTAINERS = {"structure": dict, "map": dict, "list": list}


def parse_body(
    body: bytes, *, success: bool, output_shape: Any = None, content_type: str = ""
) -> Any:
    """Parse a reply body (``{}`` when empty) and check it; raise `MalformedReply` when
    engtui could not show it. ``content_type`` (the reply's header) names what came instead
    of JSON, when it says so."""
    if len(body) > MAX_REPLY_BYTES:
        raise MalformedReply(f"the reply is larger than {MAX_REPLY_BYTES // (1024 * 1024)} MB")
    try:
        parsed = json.loads(body) if body else {}
    except RecursionError:
        raise MalformedReply(f"the reply is nested more than {MAX_DEPTH} levels deep") from None
    except ValueError:
        if not success:
            return None  # an error page that is not JSON: botocore reports its status
        media = content_type.split(";")[0].strip().lower()
        if media and "json" not in media:
            raise MalformedReply(f"the reply is {media[:60]} instead of JSON") from None
        raise MalformedReply("the reply body is not JSON") from None
    if success and not isinstance(parsed, dict):
        raise MalformedReply("the reply body is not a JSON object")
    check(parsed, output_shape if success else None)
    return parsed


def check(value: Any, shape: Any = None) -> None:
    """Walk ``value`` (iteratively: no recursion limit) against ``shape`` (botocore's)."""
    stack: list[tuple[Any, Any, str, int]] = [(value, shape, "", 1)]
    while stack:
        item, item_shape, path, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise MalformedReply(f"the reply is nested more than {MAX_DEPTH} levels deep")
        if item is None:
            continue
        kind = getattr(item_shape, "type_name", None)
        if kind is not None:
            _check_kind(item, item_shape, kind, path)
        if isinstance(item, float) and not math.isfinite(item):
            raise MalformedReply(f"{_where(path)} is not a finite number")
        if isinstance(item, dict):
            members = getattr(item_shape, "members", {}) if kind == "structure" else {}
            value_shape = getattr(item_shape, "value", None) if kind == "map" else None
            for key, member in item.items():
                stack.append((member, members.get(key, value_shape), f"{path}.{key}", depth + 1))
        elif isinstance(item, list):
            member_shape = getattr(item_shape, "member", None) if kind == "list" else None
            for index, member in enumerate(item):
                stack.append((member, member_shape, f"{path}[{index}]", depth + 1))


def _check_kind(item: Any, shape: Any, kind: str, path: str) -> None:
    expected = _CONTAINERS.get(kind)
    if expected is not None:
        if getattr(shape, "is_document_type", False):
            return
        if not isinstance(item, expected):
            raise MalformedReply(
                f"{_where(path)} should be {_NAMES[expected]}, not {_name_of(item)}"
            )
        return
    if isinstance(item, dict | list):
        raise MalformedReply(f"{_where(path)} should be a {kind}, not {_name_of(item)}")
    if kind == "timestamp":
        if isinstance(item, bool) or not isinstance(item, int | float | str):
            raise MalformedReply(f"{_where(path)} is not a timestamp")
        if isinstance(item, int | float) and not (_EPOCH_RANGE[0] <= item <= _EPOCH_RANGE[1]):
            raise MalformedReply(f"{_where(path)} is a timestamp out of range ({item:g})")


_NAMES = {dict: "an object", list: "a list"}


def _name_of(item: Any) -> str:
    if isinstance(item, dict | list):
        return _NAMES[type(item)]
    if isinstance(item, bool):
        return "true/false"
    if isinstance(item, int | float):
        return "a number"
    return "a string"


def _where(path: str) -> str:
    from engtui.textsafe import printable

    return f"`{printable(path.lstrip('.'), limit=80)}`" if path else "the reply"


# -- is the reply about the record asked for? ----------------------------------------------------
# A Partner Central ARN: its catalog and the resource path after it. The account may be empty
# (the real service's engagement and task ARNs have none).
_ARN = re.compile(r"arn:[^:]*:partnercentral[^:]*:[^:]*:[^:]*:(?:catalog/)?"
                  r"(?P<catalog>[^/]+)/(?P<path>.+)", re.DOTALL)


def id_in(identifier: str) -> str:
    """The id a request names: the identifier itself, or the id at the end of an ARN (the
    user typed an ARN)."""
    if identifier.lower().startswith("arn:"):
        return identifier.rsplit("/", 1)[-1]
    return identifier


def check_identity(
    kind: RecordKind, reply: Mapping[str, Any], catalog: str, identifier: str,
    params: Mapping[str, Any] | None = None,
) -> None:
    """Raise `MalformedReply` unless ``reply`` is the record asked for: its id member (the
    kind's ``id_member``) is the id sent (compared exactly: ids are case-sensitive), its
    ``Catalog`` (when the reply has one) is the catalog sent, its ARN (the kind's
    ``arn_member``, when it is a Partner Central ARN) names that catalog and id, and every
    request member the kind names in ``identity_params`` (a snapshot's revision and
    engagement) is read back unchanged from the reply (through the kind's ``params_of``).

    Driven by the declaration only, so a new kind is checked without code here. Members the
    real service leaves out are not required (only the id is); an ARN in another form is data,
    not a claim about which record this is."""
    from engtui.textsafe import printable

    def shown(value: object) -> str:
        return f"“{printable(str(value), limit=60)}”"

    noun = kind.title.lower()
    asked = id_in(identifier)
    got = reply.get(kind.id_member)
    if isinstance(got, str) and got and got != asked:
        raise MalformedReply(f"the reply is about {noun} {shown(got)}, not {shown(asked)} "
                             "that was asked for")
    if kind.catalog_param:
        got_catalog = reply.get("Catalog")
        if isinstance(got_catalog, str) and got_catalog and got_catalog != catalog:
            raise MalformedReply(f"the reply is from catalog {shown(got_catalog)}, not the "
                                 f"{shown(catalog)} catalog that was asked")
    arn = reply.get(kind.arn_member) if kind.arn_member else None
    match = _ARN.fullmatch(arn) if isinstance(arn, str) else None
    if match is not None:
        if kind.catalog_param and match["catalog"] != catalog:
            raise MalformedReply(f"the reply's ARN names catalog {shown(match['catalog'])}, "
                                 f"not {shown(catalog)}")
        if asked not in match["path"].split("/"):
            raise MalformedReply(f"the reply's ARN {shown(arn)} does not name {noun} "
                                 f"{shown(asked)}")
    if kind.identity_params and kind.params_of is not None and params:
        read_back = kind.params_of(reply)
        for member in kind.identity_params:
            sent, back = params.get(member), read_back.get(member)
            if sent is None or back is None:
                continue
            if isinstance(sent, str):
                sent = id_in(sent)
            if back != sent:
                raise MalformedReply(f"the reply's {member.removesuffix('Identifier')} is "
                                     f"{shown(back)}, not {shown(sent)} that was asked for")
