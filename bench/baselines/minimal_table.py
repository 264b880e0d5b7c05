"""Baseline: a minimal Textual app listing the same engagements in a `DataTable` (row
cursor, the same six columns as engtui's list), for the bytes a page down and a cursor move
write to the terminal. Usage: minimal_table.py ENDPOINT_URL CATALOG PAGE_SIZE

The rows are fetched with a bare boto3 paginator in a thread worker and added once, then
"<N> rows ready" is shown above the table.
"""

import sys

from textual import work
from textual.app import App, ComposeResult
from textual.widgets import DataTable, Static


class MinimalTable(App[None]):
    def __init__(self, endpoint: str, catalog: str, page_size: int) -> None:
        super().__init__()
        self.endpoint, self.catalog, self.page_size = endpoint, catalog, page_size

    def compose(self) -> ComposeResult:
        yield Static("loading", id="status")
        yield DataTable(cursor_type="row")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Id", "Title", "Context types", "Members", "Created", "Modified")
        self.load()

    @work(thread=True)
    def load(self) -> None:
        import boto3

        client = boto3.client(
            "partnercentral-selling", region_name="us-east-1", endpoint_url=self.endpoint
        )
        rows = []
        for page in client.get_paginator("list_engagements").paginate(
            Catalog=self.catalog, PaginationConfig={"PageSize": self.page_size}
        ):
            for item in page["EngagementSummaryList"]:
                created = item.get("CreatedAt")
                modified = item.get("ModifiedAt")
                rows.append((
                    item.get("Id", ""), item.get("Title", ""),
                    ", ".join(item.get("ContextTypes") or []), str(item.get("MemberCount", "")),
                    created.strftime("%Y-%m-%d") if created else "",
                    modified.strftime("%Y-%m-%d") if modified else "",
                ))
        self.call_from_thread(self.show, rows)

    def show(self, rows: list[tuple[str, ...]]) -> None:
        table = self.query_one(DataTable)
        table.add_rows(rows)
        table.focus()
        self.query_one("#status", Static).update(f"{len(rows):,} rows ready")


if __name__ == "__main__":
    MinimalTable(sys.argv[1], sys.argv[2], int(sys.argv[3])).run()
