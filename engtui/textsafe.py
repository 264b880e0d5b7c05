"""Make text from the API safe to show in a terminal, to paste, and to name a file.

Strings that come from the server are data. Rich and Textual never parse them as markup
(we build `Text`/`Content` objects from them), but the characters themselves can still be
hostile: an ESC byte starts a terminal control sequence (colours, window title, OSC 8 links,
OSC 52 clipboard writes), other C0/C1 controls move the cursor or ring the bell, and
bidirectional overrides, zero-width characters, tag characters and invisible fillers make
text read differently from what it is.

Three gates, one table of what is neutralised (`NEUTRALISED`):

- `printable`: what is drawn, written to stderr or to a log line. Every such character is
  replaced with a visible placeholder (``\\e``, ``\\x9b``, ``<U+202E>``).
- `paste_safe`: what is put on the clipboard. The same placeholders, except that a tab is
  kept and line breaks become spaces (a pasted newline runs a command), and whether anything
  changed, so the user can be told.
- `safe_file_name`: a file name made from an API value: only ``[A-Za-z0-9._-]``.

Export files keep the exact values (they are JSON, escaped by the encoder).
"""

from __future__ import annotations

import re
from collections.abc import Callable

# C0 controls (tab and newline are replaced too: values are drawn on one line), DEL, C1.
_CONTROL = {code: f"\\x{code:02x}" for code in (*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0))}
_CONTROL[0x1B] = "\\e"
_CONTROL[0x09] = "\\t"
_CONTROL[0x0A] = "\\n"
_CONTROL[0x0D] = "\\r"

# Characters that change how text reads without being visible (Unicode's
# Default_Ignorable_Code_Point set, every format character of category Cf, the separators
# and a few more), shown as <U+XXXX>. Kept as they are, because real text needs them and they
# only choose a glyph for the character before them: the variation selectors (U+FE00-FE0F,
# the emoji presentation selector among them; U+E0100-E01EF; the Mongolian U+180B-180D,
# U+180F), and the prepended concatenation marks (U+0600-0605, U+06DD, U+070F, U+0890-0891,
# U+08E2, U+110BD, U+110CD), which are visible signs. A test checks this table against
# `unicodedata` (tests/test_reliability_round2.py).
INVISIBLE_RANGES: tuple[tuple[int, int], ...] = (
    (0x00AD, 0x00AD),  # soft hyphen
    (0x034F, 0x034F),  # combining grapheme joiner
    (0x061C, 0x061C),  # Arabic letter mark
    (0x115F, 0x1160),  # Hangul choseong/jungseong fillers
    (0x17B4, 0x17B5),  # Khmer inherent vowels
    (0x180E, 0x180E),  # Mongolian vowel separator
    (0x200B, 0x200F),  # zero-width space, (non-)joiners, LRM, RLM
    (0x2028, 0x202E),  # line/paragraph separators, bidi embeddings and overrides
    (0x2060, 0x206F),  # word joiner, invisible operators, bidi isolates, deprecated formats
    (0x3164, 0x3164),  # Hangul filler
    (0xD800, 0xDFFF),  # lone surrogates (a JSON "\ud800"): not text, cannot be encoded
    (0xFEFF, 0xFEFF),  # zero-width no-break space (BOM)
    (0xFFA0, 0xFFA0),  # halfwidth Hangul filler
    (0xFFF0, 0xFFFB),  # unassigned specials, interlinear annotation
    (0xFFFE, 0xFFFF),  # noncharacters
    (0x13430, 0x1343F),  # Egyptian hieroglyph format controls
    (0x1BCA0, 0x1BCA3),  # shorthand format controls
    (0x1D173, 0x1D17A),  # musical symbol format controls
    (0xE0000, 0xE00FF),  # tag characters (and the unassigned rest of their block)
    (0xE01F0, 0xE0FFF),  # the rest of the ignorable plane-14 range
)

NEUTRALISED: frozenset[str]  # every character `printable` replaces (built when asked for)


def __getattr__(name: str) -> object:
    if name == "NEUTRALISED":  # ~6,000 characters: built on first use, not at start-up
        codes = [*_CONTROL, *(c for a, b in INVISIBLE_RANGES for c in range(a, b + 1))]
        value = frozenset(map(chr, codes))
        globals()[name] = value
        return value
    raise AttributeError(name)


def _class(ranges: list[tuple[int, int]]) -> str:
    return "".join(
        re.escape(chr(start)) if start == end else f"{re.escape(chr(start))}-{re.escape(chr(end))}"
        for start, end in ranges
    )


_CONTROL_RANGES = [(0x00, 0x1F), (0x7F, 0x9F)]
_NEEDS_WORK = re.compile(f"[{_class([*_CONTROL_RANGES, *INVISIBLE_RANGES])}]")
# Most text (an id, most titles) is ASCII: a small class is several times faster.
_ASCII_NEEDS_WORK = re.compile("[\x00-\x1f\x7f]")

# On the clipboard a tab stays; CR LF, CR, LF and the other line breaks become one space.
_LINE_BREAK = re.compile("\r\n|[\r\n\x0b\x0c\x85\u2028\u2029]")


def _placeholder(match: re.Match[str]) -> str:
    code = ord(match.group())
    return _CONTROL.get(code) or f"<U+{code:04X}>"


def _paste_placeholder(match: re.Match[str]) -> str:
    return "\t" if match.group() == "\t" else _placeholder(match)


def _neutralise(value: str, replace: Callable[[re.Match[str]], str] = _placeholder) -> str:
    pattern = _ASCII_NEEDS_WORK if value.isascii() else _NEEDS_WORK
    return pattern.sub(replace, value)


_GATE = object()  # only this module holds it: only this module makes a `SafeText`


class SafeText(str):
    """Text that went through the gate: `printable` (or `printable_lines`) made it, so it
    holds no control or invisible character (only the meant line breaks of
    `printable_lines`). Nothing else can make one (``SafeText("x")`` raises `TypeError`);
    joining it with other text gives a plain `str` again, which must pass the gate anew.

    The widgets that show API text take it (`engtui.widgets.lookup_status.LookupStatus`,
    `engtui.widgets.plain.safe_text`, ...) and pass anything else through `printable` at
    their door, so a caller that forgets cannot put a raw string on the terminal."""

    __slots__ = ()

    def __new__(cls, value: str, gate: object = None) -> SafeText:
        if gate is not _GATE:
            raise TypeError("a SafeText is made by engtui.textsafe.printable only")
        return super().__new__(cls, value)

    def __reduce__(self) -> tuple[object, tuple[str]]:  # copy and pickle through the gate
        return printable_lines, (str(self),)


def printable(value: str, limit: int | None = None) -> SafeText:
    """Return `value` with control and invisible formatting characters made visible.

    When `limit` is given, a longer result is cut and ends with how much was left out. Text
    that is already a `SafeText` is returned as it is (no second cut, no second marker)."""
    if type(value) is SafeText and limit is None and "\n" not in value:
        return value
    text = _neutralise(str(value))
    if limit is not None and len(text) > limit:
        hidden = len(text) - limit
        text = f"{text[:limit]}… (+{hidden:,} characters)"
    return SafeText(text, _GATE)


EMPTY: SafeText  # "" as a SafeText (set below, once the class exists)


def printable_lines(value: str) -> SafeText:
    """`printable` for each line of a message whose line breaks are meant (a notification):
    the breaks stay, everything else that could act on the terminal is made visible."""
    if type(value) is SafeText:
        return value
    return SafeText("\n".join(printable(line) for line in str(value).split("\n")), _GATE)


EMPTY = SafeText("", _GATE)


class LayoutText(str):
    """Text engtui laid out itself (JSON from `engtui.api.jsonout`): its ``\\n`` are layout,
    never part of a value (a value's own line breaks are escaped), so a copy keeps them."""


def paste_safe(value: str) -> tuple[str, bool]:
    """`value` as it may go on the clipboard, and whether that changed it.

    Nothing in the result can act when pasted into a terminal or a shell: no ESC (so no
    bracketed-paste end ``ESC[201~``), no other C0/C1 control, no line break (it would run
    the line), no bidi override or invisible character, no lone surrogate (it cannot even be
    encoded). A tab is kept, and the ``\\n`` of a `LayoutText`. The replacements are the
    placeholders drawn on screen, so what is pasted is what was shown.
    """
    text = str(value)
    if isinstance(value, LayoutText):
        result = "\n".join(_neutralise(_LINE_BREAK.sub(" ", line), _paste_placeholder)
                            for line in text.split("\n"))
    else:
        result = _neutralise(_LINE_BREAK.sub(" ", text), _paste_placeholder)
    return result, result != text


_UNSAFE_IN_FILE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def safe_file_name(value: str, fallback: str = "engagement", limit: int = 100) -> str:
    """A file name made from an API value (an engagement id): only ``[A-Za-z0-9._-]``, every
    other run of characters becomes ``_``; no leading dot; at most `limit` characters."""
    name = _UNSAFE_IN_FILE_NAME.sub("_", str(value))[:limit].lstrip(".")
    return name if name.strip("_") else fallback
