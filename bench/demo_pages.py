"""The demo endpoint's cost per page, at 10,000 and 100,000 engagements, side by side.

Not a test: it prints figures. For each data-set size it starts a demo endpoint in this
process (real HTTP on 127.0.0.1, SigV4, ``DemoDataset.generated(N)``), then times a bare
boto3 client fetching pages of 100 one after the other, as a paginator does, and prints the
median milliseconds per page for each size and the ratio 100k/10k: for the whole call
("call", most of which is botocore parsing the page) and for the server's part ("server").
A page should cost the same whatever the size of the data set.

    .venv/bin/python bench/demo_pages.py                 # 10,000 and 100,000, 40 pages each
    .venv/bin/python bench/demo_pages.py --pages 20 --sizes 10000 100000 --latency 0.05
"""

from __future__ import annotations

import argparse
import statistics
import time
from typing import Any

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

from engtui.demo import DEMO_ACCESS_KEY_ID, DEMO_SECRET_ACCESS_KEY
from engtui.demo.data import DemoDataset
from engtui.demo.server import DemoServer

PAGE_SIZE = 100

# name -> (operation, extra parameters, result key)
QUERIES: dict[str, tuple[str, dict[str, Any], str]] = {
    "ListEngagements": ("ListEngagements", {}, "EngagementSummaryList"),
    "ListEngagements newest first": (
        "ListEngagements",
        {"Sort": {"SortBy": "CreatedDate", "SortOrder": "DESCENDING"}},
        "EngagementSummaryList",
    ),
    "SearchEngagements": ("SearchEngagements", {}, "EngagementSearchSummaries"),
    "SearchEngagements by title": (
        "SearchEngagements",
        {"Sort": {"SortBy": "Title", "SortOrder": "ASCENDING"}},
        "EngagementSearchSummaries",
    ),
}


def _client(url: str) -> Any:
    return boto3.session.Session().client(
        "partnercentral-selling",
        region_name="us-east-1",
        endpoint_url=url,
        aws_access_key_id=DEMO_ACCESS_KEY_ID,
        aws_secret_access_key=DEMO_SECRET_ACCESS_KEY,
        config=Config(retries={"mode": "standard", "total_max_attempts": 1}),
    )


class Pager:
    """Fetches one query's pages one after the other, as a paginator does."""

    def __init__(self, server: DemoServer, operation: str, params: dict[str, Any],
                 key: str) -> None:
        self.server = server
        self.call = getattr(_client(server.url), _snake(operation))
        self.params, self.key = params, key
        self.token: str | None = None
        self.calls: list[float] = []

    def next_page(self) -> None:
        extra = {"NextToken": self.token} if self.token else {}
        started = time.perf_counter()
        answer = self.call(Catalog="Sandbox", MaxResults=PAGE_SIZE, **self.params, **extra)
        self.calls.append((time.perf_counter() - started) * 1000)
        assert len(answer[self.key]) == PAGE_SIZE, "the data set is too small for the pages"
        self.token = answer.get("NextToken")

    def medians(self) -> tuple[float, float]:
        """Median ms of the whole call and of the server's part, first page left out."""
        server_ms = [r.duration * 1000 for r in self.server.requests]
        return statistics.median(self.calls[1:]), statistics.median(server_ms[1:])


def measure(sizes: list[int], pages: int, latency: float) -> dict[str, list[tuple[float, float]]]:
    """Median ms per page of each query, for each size; the sizes take turns page by page.

    Both endpoints run at once and a page of one size follows a page of the other, so
    that this machine's drift hits both alike. Two figures each: the whole call as the
    client sees it, and the server's part (``RecordedRequest.duration``: from the request
    read to the answer ready).
    """
    servers = []
    for size in sizes:
        started = time.perf_counter()
        dataset = DemoDataset.generated(size)
        print(f"  {size:>7,} engagements generated in {time.perf_counter() - started:.1f} s")
        servers.append(DemoServer(dataset, **({"latency": latency} if latency else {})))
    figures: dict[str, list[tuple[float, float]]] = {}
    try:
        for server in servers:
            server.start()
        for name, (operation, params, key) in QUERIES.items():
            for server in servers:
                server.clear_requests()
            pagers = [Pager(server, operation, params, key) for server in servers]
            try:
                for _ in range(pages + 1):
                    for pager in pagers:
                        pager.next_page()
            except ClientError as exc:  # an older endpoint (the "before" run) lacks it
                print(f"  {name}: {exc.response['Error']['Code']}")
                continue
            figures[name] = [pager.medians() for pager in pagers]
    finally:
        for server in servers:
            server.stop()
    return figures


def _snake(name: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name).lstrip("_")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=40, help="pages per query (default 40)")
    parser.add_argument("--sizes", type=int, nargs=2, default=[10_000, 100_000],
                        metavar=("SMALL", "LARGE"))
    parser.add_argument("--latency", type=float, default=0.0,
                        help="added latency per call on the endpoint, seconds")
    args = parser.parse_args()
    small, large = args.sizes
    print(f"demo endpoint, ms per page of {PAGE_SIZE} (median of {args.pages} pages)")
    figures = measure([small, large], args.pages, args.latency)
    print(f"{'query':<30} {'':>6}{small:>10,} {large:>10,} {'ratio':>7}")
    for name, (first, second) in figures.items():
        for column, label in ((0, "call"), (1, "server")):
            a, b = first[column], second[column]
            print(f"{name if column == 0 else '':<30} {label:>6}{a:>8.1f}ms {b:>8.1f}ms"
                  f" {b / a:>6.2f}x")

if __name__ == "__main__":
    main()
