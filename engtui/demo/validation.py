"""Check a value against a botocore shape, generically, by walking the shape.

One walker serves two purposes:

* ``Mode.INPUT`` checks request parameters the way the service does before it runs an
  operation: required members, ``pattern`` (a full match: AWS anchors every pattern),
  ``enum``, ``min``/``max`` length of strings and lists, ``min``/``max`` of numbers, and JSON
  types. Members the model does not know are ignored, as AWS ignores them.
* ``Mode.STORED`` checks demo data that the server will send back. Enums are open there
  (a newer service may return a value this client model does not list) and members the
  model does not know are passed through untouched: that is how a data file serves a
  context payload that only a newer model describes.

Both modes return a converted copy in which timestamps are timezone-aware ``datetime``
objects, plus the list of issues found. Each issue carries the field path (``Sort.SortBy``,
``EngagementIdentifier[2]``), a ``ValidationExceptionErrorCode`` from the model's enum and a
message in the wording AWS services use ("Member must satisfy regular expression
pattern: ..."). Values of members the model marks ``sensitive`` are never quoted.
"""

from __future__ import annotations

import enum
import functools
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from botocore.model import Shape

__all__ = ["Issue", "Mode", "PreciseTimestamp", "check", "parse_iso8601", "summarize"]

# Codes of the model's ValidationExceptionErrorCode enum.
REQUIRED_FIELD_MISSING = "REQUIRED_FIELD_MISSING"
INVALID_ENUM_VALUE = "INVALID_ENUM_VALUE"
INVALID_STRING_FORMAT = "INVALID_STRING_FORMAT"
INVALID_VALUE = "INVALID_VALUE"
NOT_ENOUGH_VALUES = "NOT_ENOUGH_VALUES"
TOO_MANY_VALUES = "TOO_MANY_VALUES"
VALUE_OUT_OF_RANGE = "VALUE_OUT_OF_RANGE"

_QUOTE_LIMIT = 60


class Mode(enum.Enum):
    """What is being checked: a request (strict) or stored data (open enums)."""

    INPUT = "input"
    STORED = "stored"


@dataclass(frozen=True)
class Issue:
    """One problem found at ``field`` (a dotted path; empty for the value itself).

    ``constraint`` is the rule that failed; ``shown`` the offending value as quoted in
    messages, or ``None`` when it is not shown (sensitive, or not a string).
    """

    field: str
    code: str
    constraint: str
    shown: str | None = None

    def describe(self) -> str:
        """Return the issue in the service's wording, naming the field."""
        value = f"Value {self.shown} " if self.shown is not None else "Value "
        where = self.field or "the request"
        return f"{value}at '{where}' failed to satisfy constraint: {self.constraint}"


def summarize(issues: list[Issue]) -> str:
    """Return the one-line message AWS puts on a ValidationException for ``issues``."""
    count = len(issues)
    noun = "error" if count == 1 else "errors"
    details = "; ".join(issue.describe() for issue in issues)
    return f"{count} validation {noun} detected: {details}"


def parse_iso8601(text: str) -> datetime:
    """Parse an ISO 8601 timestamp (``Z`` or an offset; naive means UTC) to aware UTC.

    Raises ``ValueError`` when ``text`` is not one.
    """
    if not isinstance(text, str) or len(text) < 10:
        raise ValueError(f"not an ISO 8601 timestamp: {text!r}")
    value = datetime.fromisoformat(text)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


_FINE_FRACTION = re.compile(r"T[0-9:]+\.[0-9]{4,}")


class PreciseTimestamp(datetime):
    """A stored timestamp that is served exactly as written (``wire``).

    The real service sends up to nine fractional digits (``...T19:58:11.520786314Z``);
    a ``datetime`` keeps six, so the text is kept beside it. It compares and sorts as the
    ``datetime`` it is.
    """

    wire: str

    @classmethod
    def of(cls, value: datetime, text: str) -> PreciseTimestamp:
        """Return ``value`` carrying its original ``text``."""
        stamped = cls(
            value.year, value.month, value.day, value.hour, value.minute, value.second,
            value.microsecond, tzinfo=value.tzinfo,
        )
        stamped.wire = text
        return stamped


@functools.lru_cache(maxsize=512)
def _compiled(pattern: str) -> re.Pattern[str] | None:
    try:
        return re.compile(pattern)
    except re.error:  # a Java-only construct: the model is the authority, do not guess
        return None


def check(shape: Shape, value: Any, mode: Mode, path: str = "") -> tuple[Any, list[Issue]]:
    """Check ``value`` against ``shape``; return ``(converted copy, issues)``."""
    issues: list[Issue] = []
    converted = _Walker(mode, issues).walk(shape, value, path)
    return converted, issues


class _Walker:
    def __init__(self, mode: Mode, issues: list[Issue]) -> None:
        self.mode = mode
        self.issues = issues

    def add(self, path: str, code: str, constraint: str, shown: str | None = None) -> None:
        self.issues.append(Issue(path, code, constraint, shown))

    def walk(self, shape: Shape, value: Any, path: str) -> Any:
        handler = getattr(self, f"_{shape.type_name}", self._scalar)
        return handler(shape, value, path)

    # -- containers -------------------------------------------------------------------
    def _structure(self, shape: Shape, value: Any, path: str) -> Any:
        if not isinstance(value, dict):
            self.add(path, INVALID_VALUE, "Member must be an object")
            return value
        members = shape.members
        for name in shape.required_members:
            if value.get(name) is None:
                self.add(_join(path, name), REQUIRED_FIELD_MISSING, "Member must not be null")
        out: dict[str, Any] = {}
        for name, item in value.items():
            member = members.get(name)
            if member is None or item is None:
                # Unknown to this model: ignored on input, passed through when stored.
                if self.mode is Mode.STORED:
                    out[name] = item
                continue
            out[name] = self.walk(member, item, _join(path, name))
        if shape.is_tagged_union:
            present = [name for name, item in value.items() if item is not None]
            if len(present) != 1:
                self.add(path, INVALID_VALUE, "Member must have exactly one member set")
        return out

    def _list(self, shape: Shape, value: Any, path: str) -> Any:
        if not isinstance(value, list):
            self.add(path, INVALID_VALUE, "Member must be a list")
            return value
        self._length(shape, len(value), path, NOT_ENOUGH_VALUES, TOO_MANY_VALUES)
        return [self.walk(shape.member, item, f"{path}[{i}]") for i, item in enumerate(value)]

    def _map(self, shape: Shape, value: Any, path: str) -> Any:
        if not isinstance(value, dict):
            self.add(path, INVALID_VALUE, "Member must be an object")
            return value
        self._length(shape, len(value), path, NOT_ENOUGH_VALUES, TOO_MANY_VALUES)
        return {
            self.walk(shape.key, key, f"{path}.{key}"): self.walk(
                shape.value, item, f"{path}.{key}"
            )
            for key, item in value.items()
        }

    # -- scalars ----------------------------------------------------------------------
    def _string(self, shape: Shape, value: Any, path: str) -> Any:
        if not isinstance(value, str):
            self.add(path, INVALID_VALUE, "Member must be of type string")
            return value
        choices = shape.enum
        if choices and self.mode is Mode.INPUT and value not in choices:
            self.add(
                path,
                INVALID_ENUM_VALUE,
                f"Member must satisfy enum value set: [{', '.join(choices)}]",
                self._quote(shape, value),
            )
            return value
        self._length(shape, len(value), path, INVALID_STRING_FORMAT, INVALID_STRING_FORMAT)
        pattern = shape.metadata.get("pattern")
        compiled = _compiled(pattern) if pattern else None
        if compiled is not None and compiled.fullmatch(value) is None:
            self.add(
                path,
                INVALID_STRING_FORMAT,
                f"Member must satisfy regular expression pattern: {pattern}",
                self._quote(shape, value),
            )
        return value

    def _integer(self, shape: Shape, value: Any, path: str) -> Any:
        if isinstance(value, bool) or not isinstance(value, int):
            self.add(path, INVALID_VALUE, f"Member must be of type {shape.type_name}")
            return value
        return self._range(shape, value, path)

    _long = _integer

    def _float(self, shape: Shape, value: Any, path: str) -> Any:
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.add(path, INVALID_VALUE, f"Member must be of type {shape.type_name}")
            return value
        return self._range(shape, value, path)

    _double = _float

    def _boolean(self, shape: Shape, value: Any, path: str) -> Any:
        if not isinstance(value, bool):
            self.add(path, INVALID_VALUE, "Member must be of type boolean")
        return value

    def _timestamp(self, shape: Shape, value: Any, path: str) -> Any:
        if isinstance(value, datetime):
            return value if value.tzinfo else value.replace(tzinfo=UTC)
        if (
            self.mode is Mode.INPUT
            and isinstance(value, int | float)
            and not isinstance(value, bool)
        ):
            return datetime.fromtimestamp(value, UTC)
        try:
            parsed = parse_iso8601(value)
        except (TypeError, ValueError):
            self.add(path, INVALID_VALUE, "Member must be an ISO 8601 timestamp", repr(value)[:60])
            return value
        if self.mode is Mode.STORED and _FINE_FRACTION.search(value):
            return PreciseTimestamp.of(parsed, value)
        return parsed

    def _scalar(self, shape: Shape, value: Any, path: str) -> Any:
        return value  # blob, document: nothing this service's read operations use

    # -- shared constraints -----------------------------------------------------------
    def _length(self, shape: Shape, length: int, path: str, low: str, high: str) -> None:
        minimum = shape.metadata.get("min")
        maximum = shape.metadata.get("max")
        if minimum is not None and length < minimum:
            self.add(path, low, f"Member must have length greater than or equal to {minimum}")
        if maximum is not None and length > maximum:
            self.add(path, high, f"Member must have length less than or equal to {maximum}")

    def _range(self, shape: Shape, value: float, path: str) -> Any:
        minimum = shape.metadata.get("min")
        maximum = shape.metadata.get("max")
        if minimum is not None and value < minimum:
            constraint = f"Member must have value greater than or equal to {minimum}"
            self.add(path, VALUE_OUT_OF_RANGE, constraint, repr(value))
        if maximum is not None and value > maximum:
            constraint = f"Member must have value less than or equal to {maximum}"
            self.add(path, VALUE_OUT_OF_RANGE, constraint, repr(value))
        return value

    @staticmethod
    def _quote(shape: Shape, value: str) -> str | None:
        if shape.metadata.get("sensitive"):
            return None
        shown = value if len(value) <= _QUOTE_LIMIT else value[:_QUOTE_LIMIT] + "..."
        return repr(shown)


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name
