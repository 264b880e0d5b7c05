"""Where in a TOML text a key or a table is, and tomllib's syntax errors with a position.

tomllib keeps no positions, so the config file's checks (:mod:`engtui.profiles.validate`)
find the line and column of what they report here.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from engtui.profiles.model import ConfigError

_TOMLLIB_POSITION = r"\s*\(at line (\d+), column (\d+)\)$|\s*\(at end of document\)$"


def syntax_error(text: str, exc: tomllib.TOMLDecodeError, path: Path) -> ConfigError:
    """A tomllib syntax error as a ConfigError with a 1-based line and column.

    tomllib (3.11) puts the position only in its message: "... (at line 3, column 7)".
    """
    message = str(exc)
    match = re.search(_TOMLLIB_POSITION, message)
    if match is None:
        return ConfigError(f"not valid TOML: {message}", path=path)
    if match.group(1):
        line, column = int(match.group(1)), int(match.group(2))
    else:  # at the end of the document
        line, column = position(text)
    return ConfigError(f"not valid TOML: {message[: match.start()]}", path=path,
                       line=line, column=column)


def position(prefix: str) -> tuple[int, int]:
    """1-based line and column just after ``prefix``."""
    line = prefix.count("\n") + 1
    return line, len(prefix) - (prefix.rfind("\n") + 1) + 1



class Locator:
    """Finds the line and column of a key (or a table header) in TOML text.

    tomllib keeps no positions, so this reads the text line by line, tracking the current
    ``[table]`` header (parsed with tomllib so quoting is handled). Falls back to the
    table's header line, then to line 1.
    """

    _KEY_RE = r"""\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*="""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()

    def find(self, table: tuple[str, ...], key: str | None) -> tuple[int, int]:
        found = self._find(table, key) if key is not None else None
        if found is None and len(table) > 1:  # e.g. profiles = { a = { ... } }
            found = self._find(table[:-1], table[-1])
        return found or self._header(table) or (1, 1)

    def _find(self, table: tuple[str, ...], key: str) -> tuple[int, int] | None:
        current: tuple[str, ...] | None = ()
        for number, raw in enumerate(self.lines, 1):
            if raw.lstrip().startswith("["):
                current = _header_path(raw)
                continue
            if current != table:
                continue
            match = re.match(self._KEY_RE, raw)
            if match and key in match.groups():
                # 1-based column of the key, counting an opening quote as its start
                group = next(i for i in (1, 2, 3) if match.group(i) is not None)
                return number, match.start(group) + (1 if group == 3 else 0)
        return None

    def _header(self, table: tuple[str, ...]) -> tuple[int, int] | None:
        if not table:
            return None
        for number, raw in enumerate(self.lines, 1):
            if raw.lstrip().startswith("[") and _header_path(raw) == table:
                return number, len(raw) - len(raw.lstrip()) + 1
        return None


def _header_path(line: str) -> tuple[str, ...] | None:
    """The key path of a ``[a.b]`` header line, or None if it is not a plain table header."""
    try:
        data: Any = tomllib.loads(line.strip())
    except tomllib.TOMLDecodeError:
        return None
    path: list[str] = []
    while isinstance(data, dict) and len(data) == 1:
        key, data = next(iter(data.items()))
        path.append(key)
        if isinstance(data, list):  # [[array.of.tables]]: not something engtui reads
            return None
    return tuple(path)
