"""Baseline: a minimal Textual app that fetches an engagement with boto3 in a thread worker
and prints it into one Static. Usage: minimal_fetch.py ENDPOINT_URL CATALOG

Credentials come from the environment (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY).
"""

import json
import sys

from textual import work
from textual.app import App, ComposeResult
from textual.widgets import Input, Static


class MinimalFetch(App[None]):
    def __init__(self, endpoint: str, catalog: str) -> None:
        super().__init__()
        self.endpoint = endpoint
        self.catalog = catalog
        self.client = None
        self.count = 0

    def compose(self) -> ComposeResult:
        yield Input(placeholder="baseline prompt ready")
        yield Static(id="out", markup=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.count += 1
        self.fetch(event.value.strip(), self.count)
        event.input.value = ""

    @work(thread=True, exclusive=True)
    def fetch(self, identifier: str, count: int) -> None:
        if self.client is None:
            import boto3

            self.client = boto3.client(
                "partnercentral-selling", region_name="us-east-1", endpoint_url=self.endpoint
            )
        response = self.client.get_engagement(Catalog=self.catalog, Identifier=identifier)
        response.pop("ResponseMetadata", None)
        text = f"fetched #{count} " + json.dumps(response, default=str, indent=1)
        self.call_from_thread(self.query_one("#out", Static).update, text)


if __name__ == "__main__":
    MinimalFetch(sys.argv[1], sys.argv[2]).run()
