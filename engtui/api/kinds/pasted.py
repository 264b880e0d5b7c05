"""What a pasted or mistyped reference could have meant: the forms engtui normalises.

`parse_reference` first checks the text exactly as typed. Only when that is refused does it
try these candidates, each with a note the screen shows (the user sees what was changed):

- a URL of a Partner Central console page (``https://…/engagements/eng-…``; its host one of
  `CONSOLE_HOSTS`): an ARN in its path (which keeps the catalog it names), else the last
  part of its path that is an id of a known kind. Never its query string or fragment
  (``?returnTo=eng-…`` names another page, not this one), except a fragment that is a page
  route (``#/engagements/eng-…``: how the AWS console's single-page apps write their
  path). A URL of any other host is refused (`refusal_of_url`): it is not a Partner
  Central page;
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
        if refusal_of_url(value):
            return []
        url = urlsplit(value)
        path = url.path
        if url.fragment.startswith("/"):  # a console's page route (``#/engagements/eng-…``)
            path = f"{path}/{url.fragment}"
        found = []
        for arn in _arns_in(unquote(path)):
            found.append((arn, f"read {_shown(arn)} from the pasted URL"))
        parts = [unquote(part) for part in _PARTS.split(path)]
        for part in reversed([part for part in parts if part]):
            for candidate in (part, *(recased for recased, _ in _recased(part))):
                found.append((candidate, f"read {_shown(candidate)} from the pasted URL"))
        return found
    return _recased(value)


CONSOLE_HOSTS = ("console.aws.amazon.com", "partnercentral.awspartner.com")
"""The hosts of the pages a reference may be pasted from (and their sub-domains: a region's
``us-east-1.console.aws.amazon.com``)."""


def refusal_of_url(text: str) -> str:
    """Why the URL ``text`` is not read (its host is not a console's), or ""."""
    try:
        host = (urlsplit(text.strip()).hostname or "").lower().rstrip(".")
    except ValueError:  # an unclosed [ in the host
        host = ""
    if any(host == known or host.endswith(f".{known}") for known in CONSOLE_HOSTS):
        return ""
    return (f"“{_shown(text.strip())}” is not a Partner Central console URL (its host is "
            f"not {' or '.join(CONSOLE_HOSTS)}); paste the id or the ARN instead.")


def _arns_in(path: str) -> list[str]:
    """An ARN written in a URL's path (``…/arn:aws:…/engagement/eng-…/details``): from
    ``arn:`` to the end, then without each trailing part in turn."""
    start = path.find("arn:")
    if start < 0:
        return []
    tail = path[start:].rstrip("/")
    found = []
    while "/" in tail:
        found.append(tail)
        tail = tail.rsplit("/", 1)[0]
    return found


def is_url(text: str) -> bool:
    return re.match(r"\s*https?://", text, re.IGNORECASE) is not None


def no_id_in_url(text: str) -> str:
    """The refusal of a URL that holds no id engtui can open (or is not a console's)."""
    refusal = refusal_of_url(text)
    if refusal:
        return refusal
    from engtui.api.kinds import id_placeholder

    return (f"“{_shown(text.strip())}” is a URL with no id engtui can open in it "
            f"({id_placeholder()}).")
