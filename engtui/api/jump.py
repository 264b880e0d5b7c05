"""The words of the ``:`` command line (k9s's habit): every record kind and every list by
its name or by an alias declared beside it (`RecordKind.aliases`, `ListKind.aliases`),
what a typed line opens (`resolve`) and what Tab offers (`completions`).

``:inv`` opens the invitations list; ``:opp O6100001`` that opportunity; ``:eng`` alone
the list of engagements (a kind's word without an id opens the list of its records, when
there is one); ``:groups`` a list by its name; a bare id (``:eng-a1b2c3d4e5f6g7``,
``:O6100001``) opens as the lookup would (`parse_reference`). Plain data over the
registries: nothing here is written per kind, and nothing draws.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from engtui.api.identifiers import InvalidInput
from engtui.api.kinds import KINDS, LISTS, parse_reference
from engtui.api.kinds.ids import shown
from engtui.api.records import ListKind, RecordKind, RecordRef, with_article

Target = RecordKind | ListKind
"""What a word of the command line names."""

LINE_HELP = "Type a list or a kind (inv, opp, eng …) or an id; Tab completes."


def declared_words() -> Iterator[tuple[str, Target]]:
    """Every word as declared: each list's and kind's name, then its aliases (a word that
    is declared twice comes twice: the conformance suite refuses that)."""
    for target in (*LISTS.values(), *KINDS.values()):
        yield target.name, target
        for alias in target.aliases:
            yield alias, target


def words() -> dict[str, Target]:
    """Each word of the command line and what it names (the first declaration of a word)."""
    found: dict[str, Target] = {}
    for word, target in declared_words():
        found.setdefault(word.lower(), target)
    return found


def target_of(word: str) -> Target | None:
    """The kind or list ``word`` names (any case), or None."""
    return words().get(word.strip().lower())


def list_of(kind: RecordKind) -> ListKind | None:
    """The list of ``kind``'s records (what ``:eng`` alone opens), if one is declared."""
    return next((spec for spec in LISTS.values()
                 if spec.opens == kind.name and spec.opens_list is None), None)


def kind_of(target: Target) -> RecordKind | None:
    """The kind whose id may follow ``target``'s word: the kind itself, or the kind a
    list's rows open (none for a list whose rows open another list, as the groups)."""
    if isinstance(target, RecordKind):
        return target
    return KINDS.get(target.opens) if target.opens_list is None else None


@dataclass(frozen=True)
class Jump:
    """Where a command line goes: a list (by name) or a checked record reference."""

    list_name: str = ""
    ref: RecordRef | None = None

    def describe(self) -> str:
        """``the invitations list``, ``opportunity O6100001``."""
        if self.ref is not None:
            return f"{self.ref.kind.noun} {self.ref.record_id}"
        return f"the {LISTS[self.list_name].title.lower()} list"


def resolve(line: str) -> Jump:
    """What ``line`` (without or with its ``:``) opens. Raises `InvalidInput` with one
    line that says what is wrong: an unknown word, a malformed id, an id of another kind."""
    text = line.strip().removeprefix(":").strip()
    if not text:
        raise InvalidInput(LINE_HELP)
    word, _, rest = text.partition(" ")
    argument = rest.strip()
    target = target_of(word)
    if target is None:
        if argument:
            raise InvalidInput(f"{shown(word)} is not a list or a kind; Tab lists them.")
        return Jump(ref=_bare_id(word))
    kind = kind_of(target)
    if argument:
        if kind is None:
            raise InvalidInput(f"{word} takes no id: “{word}” alone opens the "
                               f"{target.title.lower()} list.")
        return Jump(ref=parse_as(kind, argument))
    if isinstance(target, ListKind):
        return Jump(list_name=target.name)
    spec = list_of(target)
    if spec is None:
        raise InvalidInput(f"{word} needs {with_article(target.noun)} id after it "
                           f"({id_form(target)}): engtui has no list of them.")
    return Jump(list_name=spec.name)


def id_form(kind: RecordKind) -> str:
    """How ``kind``'s ids are typed, for a hint: ``eng-…``, ``O…``, ``an ARN``."""
    if kind.prefix:
        return f"{kind.prefix}…"
    try:
        kind.parse("")
    except InvalidInput as refused:  # the kind's own words for an empty id
        message = str(refused)
        if "(" in message and ")" in message:
            form = message[message.index("(") + 1:message.rindex(")")]
            if len(form) <= 24:
                return form
    return "its ARN"


def parse_as(kind: RecordKind, text: str) -> RecordRef:
    """``text`` as an id of ``kind`` (the kind's own check; then the pasted forms the
    lookup forgives, as long as they name a record of this kind)."""
    try:
        return kind.parse(text)
    except InvalidInput as refused:
        try:
            ref = parse_reference(text)
        except InvalidInput:
            raise refused from None
        if ref.kind is kind:
            return ref
        raise InvalidInput(f"{shown(text.strip())} is {with_article(ref.kind.noun)} id, not "
                           f"{with_article(kind.noun)} id.") from None


def _bare_id(word: str) -> RecordRef:
    """A word that names no kind or list: an id, opened as the lookup would."""
    try:
        return parse_reference(word)
    except InvalidInput:
        looks_like_id = ("/" in word or word.lower().startswith("arn:")
                         or any(kind.recognises(word) for kind in KINDS.values()))
        if looks_like_id:
            raise
        raise InvalidInput(f"{shown(word)} is not a list, a kind or an id engtui knows; "
                           "Tab lists them.") from None


@dataclass(frozen=True)
class Completion:
    """What Tab may put in place of the token being typed (``line[start:]``), and what that
    token is, in words (``hint``)."""

    start: int
    token: str
    candidates: tuple[str, ...]
    hint: str
    first_word: bool  # the token is the line's first word (a kind, a list or a bare id)


def completions(line: str, recent: Mapping[str, Sequence[str]]) -> Completion:
    """The candidates for the last token of ``line``: the words of the registries (the
    first word), or the recent ids of the kind the first word names (``recent``: ids by
    kind name, newest first), each starting with what is typed (any case)."""
    text = line.removeprefix(":")
    offset = len(line) - len(text)
    if " " not in text.lstrip():
        token = text.lstrip()
        start = offset + len(text) - len(token)
        typed = token.lower()
        found = sorted((word for word in words() if word.startswith(typed)),
                       key=lambda word: (len(word), word))
        ids = [ident for idents in recent.values() for ident in idents
               if typed and ident.lower().startswith(typed)]
        return Completion(start, token, (*found, *_unique(ids)),
                          "a list or a kind (then an id), or an id", first_word=True)
    word = text.split()[0]
    token = text[text.rindex(" ") + 1:]
    start = len(line) - len(token)
    target = target_of(word)
    kind = kind_of(target) if target is not None else None
    if kind is None:
        hint = ("no id follows it" if target is not None
                else f"{shown(word)} is not a list or a kind")
        return Completion(start, token, (), hint, first_word=False)
    typed = token.lower()
    ids = _unique([ident for ident in recent.get(kind.name, ())
                   if ident.lower().startswith(typed)])
    return Completion(start, token, tuple(ids),
                      f"{with_article(kind.noun)} id ({id_form(kind)})", first_word=False)


def _unique(items: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(items))


def common_prefix(candidates: Sequence[str]) -> str:
    """The longest start every candidate shares (compared in lower case, as typed)."""
    if not candidates:
        return ""
    first = candidates[0]
    length = len(first)
    for other in candidates[1:]:
        length = min(length, len(other))
        for index in range(length):
            if first[index].lower() != other[index].lower():
                length = index
                break
    return first[:length]
