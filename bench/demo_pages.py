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
from collections.abc import Callable
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


def page_times(call: Callable[..., dict[str, Any]], params: dict[str, Any], key: str,
               pages: int) -> list[float]:
    """Milliseconds for each of ``pages`` consecutive pages (the first one is a warm-up)."""
    times: list[float] = []
    token = None
    for _ in range(pages + 1):
        extra = {"NextToken": token} if token else {}
        started = time.perf_counter()
        answer = call(Catalog="Sandbox", MaxResults=PAGE_SIZE, **params, **extra)
        times.append((time.perf_counter() - started) * 1000)
        assert len(answer[key]) == PAGE_SIZE, "the data set is too small for that many pages"
        token = answer.get("NextToken")
    return times[1:]


def measure(size: int, pages: int, latency: float) -> dict[str, tuple[float, float]]:
    """Median ms per page of each query against ``size`` generated engagements.

    Two figures each: the whole call as the client sees it, and the server's own part
    (``RecordedRequest.duration``: from the request read to the answer ready).
    """
    started = time.perf_counter()
    dataset = DemoDataset.generated(size)
    built = time.perf_counter() - started
    medians: dict[str, tuple[float, float]] = {}
    with DemoServer(dataset) as server:
        if latency:
            server.set_latency(latency)
        client = _client(server.url)
        for name, (operation, params, key) in QUERIES.items():
            call = getattr(client, _snake(operation))
            try:
                server.clear_requests()
                client_ms = statistics.median(page_times(call, params, key, pages))
                server_ms = statistics.median(r.duration * 1000 for r in server.requests[1:])
                medians[name] = (client_ms, server_ms)
            except ClientError as exc:  # an older endpoint (--against) may not serve it
                print(f"  {name}: {exc.response['Error']['Code']}")
    print(f"  {size:>7,} engagements generated in {built:.1f} s")
    return medians


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
    figures = {size: measure(size, args.pages, args.latency) for size in (small, large)}
    print(f"{'query':<30} {'':>6}{small:>10,} {large:>10,} {'ratio':>7}")
    for name in figures[small]:
        for column, label in ((0, "call"), (1, "server")):
            a, b = figures[small][name][column], figures[large][name][column]
            print(f"{name if column == 0 else '':<30} {label:>6}{a:>8.1f}ms {b:>8.1f}ms"
                  f" {b / a:>6.2f}x")


if __name__ == "__main__":
    main()
