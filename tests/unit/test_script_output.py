"""Output for scripts (issue 23, part 6): ``--query`` (JMESPath) and ``--output
json|ndjson|csv|table`` on ``engtui get`` and ``engtui list``, against the demo endpoint over
HTTP: a query gives what the same expression gives on ``--json`` output; the CSV of every
list has its declared columns and a row per item, a formula neutralised; a table fits its
width; a bad query is refused before anything is sent."""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import json
from importlib import resources

import jmespath
import pytest
from test_cli import run_cli
from test_cli_kinds import demo_env  # noqa: F401 - a fixture, used by name

from engtui.api.kinds import LIST_COMMANDS
from engtui.script_output import cells, csv_text

ENGAGEMENT = "eng-a1b2c3d4e5f6g7"
OPPORTUNITY = "O6100001"
INVITATION = "engi-p3nd1ngaws001"
FORMULA = "=SUM(1,2)*cmd|' /C calc'!A0"

# Where each list's crafted value goes in the demo data (its collection, the path to a
# string member its rows show): a list added to LISTS adds its line here. None: every value
# its rows show has a pattern or an enum in the model (the demo refuses a formula there),
# so its CSV is checked without one.
CRAFTED: dict[str, tuple[str, tuple[str, ...]] | None] = {
    "engagements": ("engagements", ("Title",)),
    "invitations": ("invitations", ("EngagementTitle",)),
    "groups": ("groups", ("Name",)),
    "opportunities": ("opportunities", ("Customer", "Account", "CompanyName")),
    "customer-accounts": ("customer_accounts", ("Account", "CompanyName")),
    "tasks": ("accept_tasks", ("Message",)),
    "bulk-jobs": ("opportunity_bulk_jobs", ("FileName",)),
    "benefit-applications": ("benefit_applications", ("Name",)),
    "benefit-allocations": ("benefit_allocations", ("Name",)),
    "benefits": ("benefits", ("Name",)),
    "snapshot-jobs": None,
    "bulk-job-results": None,
}
# The options a list needs to be listed at all (a bulk job's rows: which job).
ASKED = {"bulk-job-results": ("--job", "bulkjob-oppblk0000001", "--type", "opportunity")}


def run(capsys, url: str, *argv: str) -> tuple[int, str, str]:
    return run_cli(capsys, *argv, "--endpoint-url", url, "--catalog", "Sandbox")


def sample() -> dict:
    text = resources.files("engtui.demo").joinpath("sample_data.json").read_text("utf-8")
    return json.loads(text)


def crafted_data(name: str) -> tuple[dict, str | None]:
    """The bundled data with the first item of list ``name`` holding a formula in a member
    its rows show, and that value (None: the list shows no free text)."""
    data = copy.deepcopy(sample())
    if CRAFTED[name] is None:
        return data, None
    collection, path = CRAFTED[name]
    holder = data[collection][0]
    for key in path[:-1]:
        holder = holder[key]
    holder[path[-1]] = FORMULA
    return data, holder[path[-1]]


def parsed_csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


# -- --query -------------------------------------------------------------------------------
@pytest.mark.parametrize("expression", [
    "[?Status=='PENDING'].Id",
    "[].{id: Id, from: SenderCompanyName, invited: InvitationDate}",
    "length(@)",
    "sort_by(@, &ExpirationDate)[0].Id",
])
def test_query_on_list_is_the_expression_on_the_json_array(capsys, demo_env,  # noqa: F811
                                                          demo_server, expression) -> None:
    code, out, err = run(capsys, demo_server.url, "list", "invitations", "--json")
    assert code == 0, err
    expected = jmespath.search(expression, json.loads(out))
    code, out, err = run(capsys, demo_server.url, "list", "invitations", "--query", expression)
    assert (code, err) == (0, "")
    assert json.loads(out) == expected
    code, out, _ = run(capsys, demo_server.url, "list", "invitations", "--query", expression,
                       "--ndjson")
    values = expected if isinstance(expected, list) else [expected]
    assert code == 0 and [json.loads(line) for line in out.splitlines()] == values


def test_query_on_get_applies_to_each_record(capsys, demo_env, demo_server) -> None:  # noqa: F811
    expression = "{id: Id, title: Title, contexts: Contexts[].Type, created: CreatedAt}"
    ids = (ENGAGEMENT, OPPORTUNITY, INVITATION)
    code, out, err = run(capsys, demo_server.url, "get", *ids, "--json")
    assert code == 0, err
    expected = [jmespath.search(expression, record) for record in json.loads(out)]
    code, out, err = run(capsys, demo_server.url, "get", *ids, "--query", expression, "--json")
    assert (code, err) == (0, "") and json.loads(out) == expected
    # One id: the same expression, the same result (JSON is the form a query prints in).
    code, out, _ = run(capsys, demo_server.url, "get", ENGAGEMENT, "--query", expression)
    assert code == 0 and json.loads(out) == expected[0]
    code, out, _ = run(capsys, demo_server.url, "get", *ids, "--query", "Id", "--ndjson")
    assert [json.loads(line) for line in out.splitlines()] == list(ids)


def test_redact_applies_before_the_query(capsys, demo_env, demo_server) -> None:  # noqa: F811
    expression = "[].Customer.Account.CompanyName"
    code, out, _ = run(capsys, demo_server.url, "list", "opportunities", "--redact", "--json")
    expected = jmespath.search(expression, json.loads(out))
    code, out, err = run(capsys, demo_server.url, "list", "opportunities", "--redact",
                         "--query", expression)
    assert (code, err) == (0, "") and json.loads(out) == expected
    assert "Keel Maritime" not in out and "••••••" in out
    code, out, _ = run(capsys, demo_server.url, "list", "opportunities", "--redact",
                       "--output", "csv")
    assert code == 0 and "Keel Maritime" not in out and "••••••" in out


@pytest.mark.parametrize("command", [["get", ENGAGEMENT], ["list", "invitations"]],
                         ids=["get", "list"])
@pytest.mark.parametrize(("expression", "phrase"), [
    ("[?Status=='PENDING'", "is not a JMESPath expression: incomplete expression"),
    ("Id ==", "is not a JMESPath expression"),
    ("nosuch(@)", "JMESPath has no function nosuch()"),
    ("length(@, Id)", "length() takes 1 argument, not 2"),
    ("", "--query is empty"),
])
def test_a_bad_query_exits_2_with_nothing_sent(capsys, demo_env, demo_server,  # noqa: F811
                                               command, expression, phrase) -> None:
    demo_server.clear_requests()
    code, out, err = run(capsys, demo_server.url, *command, "--query", expression)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and err.startswith("engtui: error: --query")
    assert phrase in err
    assert demo_server.received_operations() == []


# -- --output csv --------------------------------------------------------------------------
@pytest.mark.parametrize("name", list(LIST_COMMANDS))
def test_csv_of_every_list(capsys, demo_env, make_demo_server, name) -> None:  # noqa: F811
    """The header is the list's declared columns (those of the operation it sends), one row
    per item, in the order of --json; the crafted value that starts with ``=`` starts with
    ``'=`` (a spreadsheet shows it, never runs it)."""
    assert name in CRAFTED, f"give the new list {name!r} a crafted value in CRAFTED"
    data, value = crafted_data(name)
    server = make_demo_server(data)
    asked = ASKED.get(name, ())
    code, out, err = run(capsys, server.url, "list", name, *asked, "--json")
    assert code == 0, err
    items = json.loads(out)
    server.clear_requests()
    code, out, err = run(capsys, server.url, "list", name, *asked, "--output", "csv")
    assert (code, err) == (0, "")
    assert out.endswith("\r\n")  # RFC 4180 line ends
    operation = server.received_operations()[0]
    spec = LIST_COMMANDS[name]
    header, *rows = parsed_csv(out)
    assert header == [column.title for column in spec.columns
                      if column.operation in ("", operation)]
    assert len(rows) == len(items)
    now = dt.datetime.now(dt.UTC)
    ids = [spec.item_id(spec.make_item()(item, now)) for item in items]
    assert all(identifier in row for row, identifier in zip(rows, ids, strict=True)), rows
    # ... in the order of --json (the id's column: the first, or the Task / Job column)
    assert value is None or any(f"'{value}" in row for row in rows), rows
    assert not any(cell.startswith(("=", "+", "@")) for row in rows for cell in row)


def test_csv_quotes_per_rfc_4180_and_neutralises_formulas() -> None:
    text = csv_text(["Name", "Note"], [
        ["a, b", "line one\nline two"], ['say "hi"', "-1+2"], ["@SUM(A1)", "+1"],
        ["\tTAB", "\rCR"], ["—", None], ["plain", "x=1"], ["esc \x1b[31m", 3],
    ])
    assert parsed_csv(text) == [
        ["Name", "Note"], ["a, b", "line one\nline two"], ['say "hi"', "'-1+2"],
        ["'@SUM(A1)", "'+1"], ["'\\tTAB", "'\\rCR"], ["", ""], ["plain", "x=1"],
        ["esc \\e[31m", "3"],
    ]
    assert '"a, b","line one\nline two"\r\n' in text


def test_get_as_csv_is_a_row_per_record(capsys, demo_env, demo_server) -> None:  # noqa: F811
    code, out, err = run(capsys, demo_server.url, "get", ENGAGEMENT, INVITATION,
                         "--query", "{id: Id, created: CreatedAt || InvitationDate}",
                         "--output", "csv")
    assert (code, err) == (0, "")
    header, *rows = parsed_csv(out)
    assert header == ["id", "created"]
    assert [row[0] for row in rows] == [ENGAGEMENT, INVITATION]
    assert all(row[1][:4].isdigit() and "T" in row[1] for row in rows)  # ISO 8601


# -- --output table ------------------------------------------------------------------------
def test_table_at_a_fixed_width(capsys, demo_env, make_demo_server, monkeypatch) -> None:  # noqa: F811
    data = copy.deepcopy(sample())
    data["opportunities"][0]["Customer"]["Account"]["CompanyName"] = "Evil \x1b]0;owned\x07Co"
    server = make_demo_server(data)
    monkeypatch.setenv("COLUMNS", "80")
    code, out, err = run(capsys, server.url, "list", "opportunities", "--output", "table")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    # The least important columns (Score, Review, Modified) are left out, as the screen
    # drops them at 80 columns.
    assert lines[0].split() == ["Id", "Customer", "Stage", "Est.", "MRR", "Close"]
    assert set(lines[1]) == {"-", " "}
    assert all(cells(line) <= 80 for line in lines)
    code, json_out, _ = run(capsys, server.url, "list", "opportunities", "--json")
    assert [line.split()[0] for line in lines[2:]] == [i["Id"] for i in json.loads(json_out)]
    assert "\x1b" not in out and "\x07" not in out
    assert "Evil \\e]0;owned\\x07Co" in out
    monkeypatch.setenv("COLUMNS", "60")
    code, out, _ = run(capsys, server.url, "list", "invitations", "--query",
                       "[].{id: Id, engagement: EngagementTitle, from: SenderCompanyName}",
                       "--output", "table")
    lines = out.splitlines()
    assert code == 0 and lines[0].split() == ["id", "engagement", "from"]
    assert all(cells(line) <= 60 for line in lines)
    assert lines[2].startswith("engi-p3nd1ngaws001  ")  # the longest cell is cut, not the id
    assert "…" in out


def test_output_and_its_aliases_are_one_choice(capsys, demo_server) -> None:
    code, out, err = run(capsys, demo_server.url, "list", "groups", "--json",
                         "--output", "csv")
    assert code == 2 and out == "" and "not allowed with argument" in err


def test_a_query_that_fails_on_the_data_writes_nothing(capsys, demo_env, demo_server) -> None:  # noqa: F811
    """A function given the wrong type of value is only found on the data: exit 2, one
    line, nothing on stdout (for get, the id is named)."""
    code, out, err = run(capsys, demo_server.url, "list", "groups", "--query",
                         "length(@[0].UpdatedAt == `1`)", "--output", "csv")
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and "failed: In function length()" in err
    code, out, err = run(capsys, demo_server.url, "get", ENGAGEMENT, OPPORTUNITY, "--query",
                         "abs(Id)", "--ndjson")
    assert (code, out) == (2, "")
    assert err.splitlines()[0].startswith(f"engtui: error: {ENGAGEMENT}: --query 'abs(Id)' "
                                          "failed: In function abs()")


def test_max_items_cuts_the_csv(capsys, demo_env, demo_server) -> None:  # noqa: F811
    code, out, err = run(capsys, demo_server.url, "list", "invitations", "--output", "csv",
                         "--max-items", "2")
    header, *rows = parsed_csv(out)
    assert code == 0 and header[0] == "Id" and len(rows) == 2
    assert err == "engtui: stopped at --max-items 2; the list has more.\n"
