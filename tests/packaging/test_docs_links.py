"""Every link in README.md, CHANGELOG.md and docs/*.md leads somewhere.

- A relative link (``configuration.md#the-config-file``, ``#keys``) must name a file of
  this tree and, with an anchor, a heading of that file (GitHub's anchor rules).
- An absolute link must be a well-formed http(s) URL (there is no network here); one into
  this project's own repository (``github.com/engtui/engtui/blob/main/PATH``,
  ``raw.githubusercontent.com/engtui/engtui/main/PATH``) must name a file of this tree.
- README.md is also the package index page, where relative links break: every link in it
  is absolute, and it links every page of docs/.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
REPO_URLS = (
    "https://github.com/engtui/engtui/blob/main/",
    "https://github.com/engtui/engtui/tree/main/",
    "https://raw.githubusercontent.com/engtui/engtui/main/",
)

INLINE = re.compile(r"!?\[(?:[^\]\[]|\[[^\]]*\])*\]\(([^)]*)\)")
TITLE = re.compile(r'\s+"[^"]*"\s*$')
REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+\"[^\"]*\")?\s*$", re.M)
FENCE = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.M | re.S)
CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1", re.S)
HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$", re.M)


def documents() -> list[Path]:
    return [ROOT / "README.md", ROOT / "CHANGELOG.md", *sorted((ROOT / "docs").glob("*.md"))]


def prose(text: str) -> str:
    """The text without fenced code blocks and code spans (links there are not links)."""
    return CODE_SPAN.sub("", FENCE.sub("", text))


def links(text: str) -> list[str]:
    """Each link's target as written (an optional "title" dropped)."""
    body = prose(text)
    targets = [TITLE.sub("", raw).strip().strip("<>") for raw in INLINE.findall(body)]
    return targets + REFERENCE.findall(body)


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link: its text
    text = text.replace("`", "").strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    seen: dict[str, int] = {}
    result = set()
    for _, heading in HEADING.findall(FENCE.sub("", path.read_text("utf-8"))):
        base = slug(heading)
        count = seen.get(base, 0)
        seen[base] = count + 1
        result.add(base if count == 0 else f"{base}-{count}")
    return result


def problems(document: Path, root: Path = ROOT) -> list[str]:
    """What is wrong with the links of ``document`` (empty: nothing)."""
    found = []
    for target in links(document.read_text("utf-8")):
        where = f"{document.relative_to(root)}: {target}"
        parts = urlsplit(target)
        if parts.scheme in ("http", "https"):
            if not re.fullmatch(r"[A-Za-z0-9.-]+\.[A-Za-z]{2,}(:\d+)?", parts.netloc) or any(
                    c.isspace() for c in target):
                found.append(f"{where}: not a well-formed URL")
                continue
            local = next((target[len(base):] for base in REPO_URLS
                          if target.startswith(base)), None)
            if local is None:
                continue
            path, anchor = (root / unquote(local.split("#")[0])), parts.fragment
        elif parts.scheme == "mailto":
            continue
        elif parts.scheme:
            found.append(f"{where}: unexpected scheme {parts.scheme!r}")
            continue
        else:
            path = (document.parent / unquote(parts.path)) if parts.path else document
            anchor = parts.fragment
        path = path.resolve()
        relative = path.relative_to(root).as_posix() if path.is_relative_to(root) else None
        if relative is None:
            found.append(f"{where}: outside the repository")
        elif not path.exists():
            found.append(f"{where}: no such file {relative}")
        elif anchor and path.suffix == ".md" and anchor not in anchors(path):
            found.append(f"{where}: {relative} has no heading #{anchor}")
    return found


@pytest.mark.parametrize("document", documents(), ids=lambda path: path.name)
def test_every_link_resolves(document: Path) -> None:
    assert problems(document) == []


def test_the_checker_finds_broken_links(tmp_path) -> None:
    """The control: each kind of broken link is reported."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "there.md").write_text("# A page\n\n## Its part\n", "utf-8")
    page = tmp_path / "docs" / "page.md"
    page.write_text(
        "# Page\n\n"
        "[ok](there.md#its-part) [ok](#page) `[not a link](nowhere.md)`\n"
        "[gone](missing.md) [bad anchor](there.md#no-such-part) [self](#nothing)\n"
        "[web](https://exa mple.com) ![img](https://raw.githubusercontent.com/engtui/engtui/"
        "main/docs/nope.svg)\n\n[ref]: ../../outside.md\n\n"
        "```md\n[in code](nowhere-either.md)\n```\n",
        "utf-8",
    )
    found = problems(page, root=tmp_path)
    assert [line.split(": ", 1)[1].split(":")[0] for line in found] == [
        "missing.md", "there.md#no-such-part", "#nothing", "https", "https",
        "../../outside.md",
    ]


def test_slugs_follow_github() -> None:
    assert slug("`engtui get` and its exit codes") == "engtui-get-and-its-exit-codes"
    assert slug("Data file format (`--data FILE`)") == "data-file-format---data-file"
    assert slug("Over SSH, with no keyring") == "over-ssh-with-no-keyring"


def test_readme_links_work_on_the_package_index_too() -> None:
    """No relative link in README.md (they break on the index page), and every page of
    docs/ is linked from it."""
    targets = links((ROOT / "README.md").read_text("utf-8"))
    relative = [t for t in targets if not urlsplit(t).scheme]
    assert relative == []
    linked = {t[len(base):].split("#")[0] for t in targets for base in REPO_URLS
              if t.startswith(base)}
    pages = {path.relative_to(ROOT).as_posix() for path in (ROOT / "docs").glob("*.md")}
    assert pages - linked == set()
    assert {"CHANGELOG.md", "LICENSE", "docs/architecture.md"} <= linked
    images = [t for t in targets if t.endswith(".svg")]
    assert len(images) == len(list((ROOT / "screenshots").glob("*.svg")))
