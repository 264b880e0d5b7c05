"""The bars' numbers and characters (`engtui.api.pictures`, `engtui.widgets.bar_chart`,
`engtui.api.customer_accounts`): the pipeline reads both opportunity list items and row
objects, a masked amount is never summed, a bar is characters with its count beside it (ASCII
where the terminal takes no UTF-8), the statistics' bars open what they count."""

from __future__ import annotations

from engtui.api.customer_accounts import (
    CustomerAccountOptions,
    narrowed_to_bucket,
    statistics_bars,
)
from engtui.api.opportunity_search import OpportunitySummary
from engtui.api.pictures import Bar, narrowed_by_field, pipeline
from engtui.charset import to_ascii
from engtui.widgets.bar_chart import bar_line


def _item(stage: str, *amounts: str, frequency: str = "Monthly") -> dict:
    spend = [{"Amount": a, "CurrencyCode": "USD", "Frequency": frequency} for a in amounts]
    return {"Id": "O1", "LifeCycle": {"Stage": stage}, "Project": {"ExpectedCustomerSpend": spend}}


def test_the_pipeline_reads_items_of_both_list_operations_and_row_objects() -> None:
    search_item = _item("Qualified", "100.50", "200")  # SearchOpportunities' summary
    list_item = _item("Qualified", "1000")  # ListOpportunities' summary
    row = OpportunitySummary.from_api(_item("Prospect", "7"))
    (group,) = pipeline([search_item, list_item, row, {"Id": "O2"}],
                        ("Prospect", "Qualified"))
    assert [(b.label, b.count, b.note) for b in group.bars] == [
        ("Prospect", 1, "USD 7/mo"), ("Qualified", 2, "USD 1,300/mo"), ("(no stage)", 1, "")]
    assert group.total == 4


def test_a_masked_amount_makes_the_sum_say_masked() -> None:
    (group,) = pipeline([_item("Qualified", "100"), _item("Qualified", "••••••")])
    assert group.bars[0].note == "masked/mo"


def test_a_bar_is_characters_with_its_count_beside_it_and_ascii_without_utf8() -> None:
    line = str(bar_line(Bar("Qualified", 3, "USD 5/mo"), 6, 12, 2, 8, 60))
    assert line.startswith("Qualified    █") and " 3  USD 5/mo" in line
    assert len(line) <= 60
    assert "#" in to_ascii(line) and to_ascii(line).isascii()
    small = str(bar_line(Bar("Few", 1), 1000, 4, 4, 0, 40))
    assert small.count("█") == 1  # a bucket that has rows never looks empty


def test_api_text_in_a_label_is_printable() -> None:
    reply = {"TotalCount": 1, "Aggregations": [{"GroupBy": ["SEGMENT"], "OtherCount": 2,
                                                "Buckets": [{"Values": ["[b]x\x1b[2J"],
                                                             "Count": 1}]}]}
    (group,) = statistics_bars(reply)
    bar, other = group.bars
    assert "\x1b" not in bar.label and bar.value == "[b]x\x1b[2J"
    assert (other.label, other.count, other.value) == ("(other values)", 2, "")


def test_a_bar_narrows_the_options_to_its_bucket() -> None:
    options = CustomerAccountOptions()
    assert narrowed_to_bucket(options, Bar("ENRICHED", 1, value="ENRICHED",
                                           field="ENRICHMENT_STATUS")) == \
        CustomerAccountOptions(enrichment_status="ENRICHED")
    segment = narrowed_to_bucket(options, Bar("SMB", 1, value="SMB", field="SEGMENT"))
    assert segment is not None and segment.query().params["Filter"] == {
        "EqualsTo": {"Key": "SEGMENT", "Value": {"StringValue": "SMB"}}}
    assert segment.crumb == "Accounts Segment SMB"
    programs = narrowed_to_bucket(options, Bar("MAP", 1, value="MAP", field="PROGRAM_ELIGIBILITY"))
    assert programs is not None and programs.query().params["Filter"] == {
        "ContainsAll": {"Key": "PROGRAM_ELIGIBILITY", "Value": {"StringListValue": ["MAP"]}}}
    # options without the bar's field: None, the loaded rows are narrowed instead
    assert narrowed_by_field(options, Bar("Qualified", 1, value="Qualified",
                                          field="stage")) is None


def test_the_enrichment_status_bars_put_action_required_first() -> None:
    reply = {"TotalCount": 6, "Aggregations": [{"GroupBy": ["ENRICHMENT_STATUS"], "Buckets": [
        {"Values": ["ENRICHED"], "Count": 4}, {"Values": ["PENDING"], "Count": 1},
        {"Values": ["ACTION_REQUIRED"], "Count": 1}], "OtherCount": 0}]}
    (group,) = statistics_bars(reply)
    assert [bar.label for bar in group.bars] == ["ACTION_REQUIRED", "PENDING", "ENRICHED"]
