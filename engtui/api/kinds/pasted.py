"""What a pasted or mistyped reference could have meant: the forms engtui normalises.

`parse_reference` first checks the text exactly as typed. Only when that is refused does it
try these candidates, each with a note the screen shows (the user sees what was changed):

- a URL, such as a Partner Central console page (``https://…/engagements/eng-…``): the
  last part of its path, fragment or query that is itself an id or ARN of a known kind;
- an id in the wrong case: ``ENG-A1B2…`` is ``eng-a1b2…`` (ids are lower case), and
  ``o1234567890`` is ``O1234567890`` (an opportunity id starts with a capital O).

A candidate is only used when a kind accepts it, so nothing here can make a wrong id pass.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from engtui.textsafe import printable

_PARTS = re.compile(r"[/#?&=;,\s]+")


def _shown(text: str) -> str:
    return printable(text, limit=40)


def _recased(value: str) -> list[tuple[str, str]]:
    found = []
    for candidate in (value.lower(), value[:1].upper() + value[1:]):
        if candidate != value and (candidate, "") not in found:
            found.append((candidate, f"{_shown(value)} read as {_shown(candidate)}"))
    return found


def candidates(text: str) -> list[tuple[str, str]]:
    """The texts ``text`` could have meant, in the order to try them, each with a note."""
    value = text.strip()
    if not value:
        return []
    if is_url(value):
        url = urlsplit(value)
        parts = [unquote(part) for part in _PARTS.split(f"{url.path}#{url.fragment}?{url.query}")]
        found = []
        for part in reversed([part for part in parts if part]):
            for candidate in (part, *(recased for recased, _ in _recased(part))):
                found.append((candidate, f"read {_shown(candidate)} from the pasted URL"))
        return found
    return _recased(value)


def is_url(text: str) -> bool:
    return re.match(r"\s*https?://", text, re.IGNORECASE) is not None


def no_id_in_url(text: str) -> str:
    """The refusal of a URL that holds no id engtui can open."""
    from engtui.api.kinds import id_placeholder

    return (f"“{_shown(text.strip())}” is a URL with no id engtui can open in it "
            f"({id_placeholder()}).")
