"""Pictures of a list, declared beside it (`ListPicture`): horizontal bars, one a bucket,
each with its count (and a note, such as the sum of expected monthly spend), where people
would rather look than read. No Textual here: the bar widget draws `BarGroup` values.

Two sources: the rows a list screen has loaded (`ListPicture.from_rows`: the opportunities
by stage, `pipeline`), or one call of the service (`ListPicture.request` and `read`: the
customer accounts counted by ``GetCustomerAccountStatistics``). Enter on a bar opens the
list narrowed to that bucket: `ListPicture.narrowed` makes its options (None: the picture
narrows the loaded rows with the list's own filter instead, by the bar's label).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from decimal import Decimal, InvalidOperation
from typing import Any

from engtui.api.records import Options
from engtui.textsafe import printable


@dataclass(frozen=True)
class Bar:
    """One bucket: its label (printable), its count, a note drawn after the count ("" none),
    and the value Enter narrows the list to ("": a bar that opens nothing, such as the
    accounts the service did not put in a bucket)."""

    label: str
    count: int
    note: str = ""
    value: str = ""
    field: str = ""  # the field the value is of (a statistics aggregation's GroupBy)


@dataclass(frozen=True)
class BarGroup:
    """A titled set of bars (one aggregation, or the pipeline's stages)."""

    title: str
    bars: tuple[Bar, ...]
    total: int = 0
    note: str = ""  # one line under the title ("3 of 5 rows have no stage")


@dataclass(frozen=True)
class ListPicture:
    """The picture of a list (``g`` on its screen): its key, the key bar's word, the
    help's sentence, the screen's title; where its bars come from; how Enter narrows."""

    key: str
    label: str
    help: str
    title: str
    # From the row objects the list has loaded (after its filter).
    from_rows: Callable[[Sequence[Any]], list[BarGroup]] | None = None
    # From one call of the service: (operation, request without Catalog) from the list's
    # options, and the bars from the reply.
    request: Callable[[Options], tuple[str, dict[str, Any]]] | None = None
    read: Callable[[Mapping[str, Any]], list[BarGroup]] | None = None
    # The list's options narrowed to a bar's bucket; None: narrow the loaded rows instead.
    narrowed: Callable[[Options, Bar], Options | None] | None = None


# -- the opportunities pipeline ----------------------------------------------------------------
NO_STAGE = "(no stage)"
MASKED = "masked"


def opportunity_stage_and_spend(row: Any) -> tuple[str, list[tuple[str, str]]]:
    """The stage and the monthly expected spend (amount text, currency) of one opportunity
    row, read defensively from either a row object (its ``stage`` and ``spend`` attributes,
    as `engtui.api.cosell_lists.OpportunitySummary` has them) or the API's own item of
    ``ListOpportunities`` or ``SearchOpportunities`` (``LifeCycle.Stage``,
    ``Project.ExpectedCustomerSpend[]``: ``Amount``, ``CurrencyCode``, ``Frequency``)."""
    if isinstance(row, Mapping):
        life = row.get("LifeCycle")
        stage = life.get("Stage") if isinstance(life, Mapping) else None
        project = row.get("Project")
        spend = monthly_spend(project.get("ExpectedCustomerSpend")
                              if isinstance(project, Mapping) else None)
    else:
        stage = getattr(row, "stage", None)
        spend = getattr(row, "spend", None) or []
    return (stage if isinstance(stage, str) else ""), [
        (str(amount), str(currency)) for amount, currency in spend]


def monthly_spend(spends: Any) -> list[tuple[str, str]]:
    """The monthly amounts of an ``ExpectedCustomerSpend`` list: (amount, currency code);
    the model's only ``PaymentFrequency`` is ``Monthly`` (others are left out)."""
    found = []
    for spend in spends if isinstance(spends, list) else ():
        if not isinstance(spend, Mapping) or spend.get("Frequency") not in (None, "Monthly"):
            continue
        amount = spend.get("Amount")
        if isinstance(amount, str) and amount:
            found.append((amount, str(spend.get("CurrencyCode") or "")))
    return found


def _money(total: dict[str, Decimal], masked: bool) -> str:
    if masked:
        return f"{MASKED}/mo"
    if not total:
        return ""
    return " + ".join(f"{printable(currency, limit=3)} {amount:,.0f}".strip()
                      for currency, amount in sorted(total.items())) + "/mo"


def pipeline(rows: Sequence[Any], stages: Sequence[str] = ()) -> list[BarGroup]:
    """The opportunities by stage (in ``stages`` order, then any other stage), each with
    its count and the sum of its monthly expected spend per currency. A masked amount
    (privacy mode) makes that stage's sum say "masked", never a partial sum."""
    counts: dict[str, int] = {}
    totals: dict[str, dict[str, Decimal]] = {}
    masked: set[str] = set()
    for row in rows:
        stage, spend = opportunity_stage_and_spend(row)
        stage = stage or NO_STAGE
        counts[stage] = counts.get(stage, 0) + 1
        sums = totals.setdefault(stage, {})
        for amount, currency in spend:
            try:
                value = Decimal(amount)
            except InvalidOperation:
                masked.add(stage)
                continue
            if value.is_finite():
                sums[currency] = sums.get(currency, Decimal(0)) + value
    order = [s for s in stages if s in counts] + sorted(s for s in counts if s not in stages)
    bars = tuple(Bar(printable(stage, limit=40), counts[stage],
                     _money(totals[stage], stage in masked),
                     "" if stage == NO_STAGE else stage, "stage") for stage in order)
    return [BarGroup("By stage", bars, total=len(rows))]


def narrowed_by_field(options: Options, bar: Bar) -> Options | None:
    """``options`` with the field the bar names set to its value, when the options have
    that field (the opportunities list's ``stage``); else None (narrow the loaded rows)."""
    if not bar.value or bar.field not in {f.name for f in fields(options)}:  # type: ignore[arg-type]
        return None
    current = getattr(options, bar.field)
    value: Any = (bar.value,) if isinstance(current, tuple) else (
        [bar.value] if isinstance(current, list) else bar.value)
    return replace(options, **{bar.field: value})  # type: ignore[type-var]


def _stages() -> tuple[str, ...]:
    """The model's ``Stage`` values, in the order an opportunity moves through them."""
    from engtui.api.model import service_model

    return tuple(service_model().shape_for("Stage").enum)


PIPELINE = ListPicture(
    key="g",
    label="Pipeline",
    help="The pipeline: the loaded opportunities by stage as bars, with their count and "
         "expected monthly spend; Enter lists a stage",
    title="Pipeline",
    from_rows=lambda rows: pipeline(rows, _stages()),
    narrowed=narrowed_by_field,
)
