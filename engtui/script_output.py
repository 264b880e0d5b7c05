"""Output for scripts: ``--query`` (JMESPath, as in the aws CLI) and the CSV and table forms
of ``engtui get`` and ``engtui list`` (``--output csv|table``), and the rows of a list
screen's export (`csv_text`).

- **A query** is compiled, and its functions checked against JMESPath's (name and number of
  arguments), before any call: a bad one is one sentence (`QueryError`), exit 2. It runs on
  the JSON form of the data (`engtui.api.jsonout.jsonable`: timestamps as ISO 8601
  strings), so it gives what the same expression gives on ``--json`` output (``jp``/``jq``).
- **Rows** (`rows_of`): a list of objects gives one row per object, the columns being their
  keys in the order first met; anything else (scalars, arrays) gives rows without a header
  (an array is a row of cells, a scalar a row of one cell). A nested value in a cell is its
  JSON on one line; a missing value (``null``) an empty cell.
- **CSV** (`csv_text`): RFC 4180 (Python's `csv`: a value with a comma, a quote or a line
  break is quoted, CRLF between records). A cell that begins with ``=``, ``+``, ``-``,
  ``@``, a tab or a carriage return gets a ``'`` in front (OWASP's advice against CSV
  injection: a spreadsheet would run it as a formula); other control characters are made
  visible (`engtui.textsafe.printable_lines`, line breaks kept). ``—``, the list screens'
  mark of "no value", is an empty cell.
- **A table** (`table_text`): plain-text columns aligned in terminal cells, the widest cut
  with ``…`` until the table fits the width; every cell through `engtui.textsafe.printable`.

No textual, no rich (a command's module): `engtui get` loads this, and jmespath only with
``--query``.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from engtui.api.records import ListKind

NO_VALUE = "—"
"""What a list screen's row shows for a missing value (an empty CSV cell)."""
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""The first characters a spreadsheet takes as a formula (OWASP, "CSV Injection")."""
GAP = 2
"""Blanks between two columns of a table."""
MIN_WIDTH = 6
"""A column is never cut narrower than this (or its title, if shorter)."""
FLEXIBLE_MIN = 20
"""A declared list's flexible column (its title) is never cut narrower than this."""
"""A column is never cut narrower than this (or its title, if shorter)."""


class QueryError(ValueError):
    """A ``--query`` that is not a JMESPath expression, or failed on the data: one sentence."""


class Query:
    """A compiled ``--query``; `Query.compile` refuses a bad one (`QueryError`)."""

    def __init__(self, text: str, parsed: Any) -> None:
        self.text = text
        self._parsed = parsed

    @classmethod
    def compile(cls, text: str) -> Query:
        import jmespath
        from jmespath.exceptions import JMESPathError

        if not text.strip():
            raise QueryError("--query is empty: give a JMESPath expression (Id, [].Id, ...)")
        try:
            parsed = jmespath.compile(text)
        except JMESPathError as error:
            where = getattr(error, "lex_position", None)
            what = getattr(error, "msg", "") or str(error).splitlines()[0]
            if what == "Invalid jmespath expression" and "Incomplete" in str(error):
                what = "incomplete expression"
            at = f" at column {where + 1}" if isinstance(where, int) else ""
            raise QueryError(f"--query {text!r} is not a JMESPath expression: "
                             f"{what[:1].lower() + what[1:]}{at}") from None
        _check_functions(text, parsed.parsed)
        return cls(text, parsed)

    def search(self, data: Any) -> Any:
        """The query's result on ``data`` (its JSON form); `QueryError` when it fails."""
        from jmespath.exceptions import JMESPathError

        from engtui.api.jsonout import jsonable

        try:
            return self._parsed.search(jsonable(data))
        except JMESPathError as error:  # a function given the wrong type of value
            raise QueryError(f"--query {self.text!r} failed: "
                             f"{' '.join(str(error).split())}") from None


def _check_functions(text: str, node: Any) -> None:
    """Refuse an unknown function or a wrong number of arguments before anything is sent
    (jmespath only finds them when the function runs, on the data)."""
    from jmespath.functions import Functions

    table = Functions().FUNCTION_TABLE
    stack = [node]
    while stack:
        current = stack.pop()
        if not isinstance(current, dict):
            continue
        if current.get("type") == "function_expression":
            name, args = current.get("value"), current.get("children") or []
            spec = table.get(name)
            if spec is None:
                raise QueryError(f"--query {text!r}: JMESPath has no function {name}() "
                                 "(see jmespath.org/specification.html#built-in-functions)")
            signature = spec["signature"]
            variadic = bool(signature) and signature[-1].get("variadic")
            if len(args) < len(signature) or (not variadic and len(args) > len(signature)):
                wanted = f"{len(signature)}{' or more' if variadic else ''}"
                raise QueryError(f"--query {text!r}: {name}() takes {wanted} argument"
                                 f"{'' if wanted == '1' else 's'}, not {len(args)}")
        stack.extend(child for child in current.get("children") or [] if child is not None)
        value = current.get("value")
        if isinstance(value, dict):
            stack.append(value)


def query_of(text: str | None) -> Query | None:
    """The compiled ``--query`` (None when not given); raises `QueryError`."""
    return None if text is None else Query.compile(text)


# -- rows ---------------------------------------------------------------------------------
def rows_of(values: Sequence[Any]) -> tuple[list[str] | None, list[list[Any]]]:
    """The header (None: no header) and the rows of ``values``, one row per value (see the
    module: objects give columns by key; arrays and scalars rows without a header)."""
    if values and all(isinstance(value, dict) or value is None for value in values):
        columns: dict[str, None] = {}
        for value in values:
            columns.update(dict.fromkeys(str(key) for key in (value or {})))
        names = list(columns)
        return names, [[(value or {}).get(name) for name in names] for value in values]
    return None, [list(value) if isinstance(value, list) else [value] for value in values]


def cell_text(value: Any) -> str:
    """One cell's text: a string as it is, ``null`` empty, ``true``/``false``, a number, a
    nested value as its JSON on one line (timestamps in ISO 8601, as ``--json``)."""
    import datetime as dt

    if isinstance(value, dt.datetime):
        from engtui.api.jsonout import iso8601

        return iso8601(value)
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    from engtui.api.jsonout import dumps

    return dumps(value, indent=None)


def csv_cell(value: Any) -> str:
    """A cell as CSV takes it: `cell_text`, ``—`` empty, a formula start neutralised with
    ``'``, control characters made visible (line breaks kept: the writer quotes them)."""
    from engtui.textsafe import printable_lines

    text = cell_text(value)
    if text == NO_VALUE:
        return ""
    prefix = "'" if text.startswith(FORMULA_START) else ""
    return prefix + "\r\n".join(printable_lines(line) for line in text.split("\r\n"))


def csv_text(columns: Sequence[str] | None, rows: Sequence[Sequence[Any]]) -> str:
    """The CSV document (RFC 4180, CRLF line ends) of a header (None: none) and rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if columns is not None:
        writer.writerow([csv_cell(title) for title in columns])
    writer.writerows([csv_cell(value) for value in row] for row in rows)
    return buffer.getvalue()


# -- table --------------------------------------------------------------------------------
def cells(text: str) -> int:
    """How many terminal cells ``text`` takes (wide characters two, combining marks none)."""
    if text.isascii():
        return len(text)
    width = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def fit(text: str, width: int) -> str:
    """``text`` cut with ``…`` or padded with blanks to exactly ``width`` cells."""
    if cells(text) <= width:
        return text + " " * (width - cells(text))
    kept, used = [], 0
    for char in text:
        size = cells(char)
        if used + size > width - 1:
            break
        kept.append(char)
        used += size
    return "".join(kept) + "…" + " " * (width - 1 - used)


def table_text(columns: Sequence[str] | None, rows: Sequence[Sequence[Any]], width: int,
               floors: Sequence[int] | None = None, keep: Sequence[int] | None = None,
               ) -> str:
    """Aligned plain-text columns within ``width`` cells: a header and a rule when there is
    a header. The widest column is cut first (with ``…``), none below its floor (``floors``;
    by default `MIN_WIDTH` or its title); when that is not enough, the column with the
    lowest ``keep`` is left out (a declared list's, as its screen drops them), never the
    most important one; with no ``keep``, the lines are left longer. Every cell passes
    `printable`."""
    from engtui.textsafe import printable

    count = max([len(columns or [])] + [len(row) for row in rows])
    if not count:
        return ""
    head = [printable(str(title)) for title in columns] if columns is not None else None
    body = [[printable(cell_text(row[i])) if i < len(row) else "" for i in range(count)]
            for row in rows]
    natural = [max([cells(head[i]) if head else 0] + [cells(row[i]) for row in body])
               for i in range(count)]
    least = [min(natural[i], floors[i] if floors is not None
                 else max(MIN_WIDTH, cells(head[i]) if head else 0)) for i in range(count)]
    shown = list(range(count))
    sizes = list(natural)
    while sum(sizes[i] for i in shown) + GAP * (len(shown) - 1) > width:
        cuttable = [i for i in shown if sizes[i] > least[i]]
        if cuttable:
            sizes[max(cuttable, key=lambda i: (sizes[i], -i))] -= 1
            continue
        droppable = [i for i in shown if keep is not None and keep[i] < max(keep)]
        if not droppable:
            break  # every column at its least: the lines are longer than the width
        shown.remove(min(droppable, key=lambda i: keep[i]))  # type: ignore[index]
        sizes = list(natural)  # the room left is shared again
    lines = []
    if head is not None:
        lines.append(_line([head[i] for i in shown], [sizes[i] for i in shown]))
        lines.append(_line(["-" * sizes[i] for i in shown], [sizes[i] for i in shown]))
    lines += [_line([row[i] for i in shown], [sizes[i] for i in shown]) for row in body]
    return "\n".join(lines) + "\n"


def _line(values: Sequence[str], sizes: Sequence[int]) -> str:
    return (" " * GAP).join(fit(value, size) for value, size in zip(values, sizes, strict=True)
                            ).rstrip()


# -- a declared list's rows ---------------------------------------------------------------
def declared_columns(spec: ListKind, operation: str) -> list[int]:
    """The indices of the columns list ``spec`` shows for ``operation`` (a column declared
    for another operation, `ListColumn.operation`, is left out), in screen order."""
    return [index for index, column in enumerate(spec.columns)
            if not column.operation or column.operation == operation]


def declared_table(spec: ListKind, operation: str) -> tuple[list[int], list[int]]:
    """The floors and priorities of a declared list's columns in a table (`table_text`):
    each fixed column as wide as on screen, the flexible one `FLEXIBLE_MIN`, and the
    screen's ``keep``."""
    shown = [spec.columns[index] for index in declared_columns(spec, operation)]
    return [column.width or FLEXIBLE_MIN for column in shown], [column.keep for column in shown]


def declared_rows(spec: ListKind, operation: str, items: Sequence[dict[str, Any]],
                  ) -> tuple[list[str], list[list[str]]]:
    """The titles of the list's columns and each API item's row, as the list screen shows
    them (the declaration's ``make_item`` and ``make_row``, with the clock of now)."""
    import datetime as dt

    if spec.make_item is None:
        raise TypeError(f"the list {spec.name!r} declares no make_item")
    shown = declared_columns(spec, operation)
    build, row_of = spec.make_item(), spec.make_row()
    now = dt.datetime.now(dt.UTC)
    rows = [row_of(build(item, now)) for item in items]
    return ([spec.columns[index].title for index in shown],
            [[row[index] for index in shown] for row in rows])
