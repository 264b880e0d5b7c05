"""What the prefetch memory holds with the cache full: fetch RECORDS engagements (more than
the memory's 200) through engtui's client, each with its field tree as a prefetch keeps it,
into a `RecordMemory`, and print the memory traced (tracemalloc) that stays allocated, and
its peak, once the client is warm. Usage: prefetch_memory.py URL RECORDS

Prints one JSON object: {"kept": N, "held_mib": ..., "peak_mib": ..., "per_record_kib": ...}.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import os
import sys
import tracemalloc

from engtui.api.field_tree import record_tree
from engtui.api.kinds import ENGAGEMENT
from engtui.api.record_memory import RecordMemory
from engtui.api.service import SellingService
from engtui.api.settings import ClientSettings, StaticCredentials
from engtui.demo.data import DemoDataset


def main(url: str, records: int) -> None:
    service = SellingService(ClientSettings(
        endpoint_url=url, catalog="Sandbox", label="memory",
        credentials=StaticCredentials(os.environ["AWS_ACCESS_KEY_ID"],
                                      os.environ["AWS_SECRET_ACCESS_KEY"])))
    ids = DemoDataset.generated(records).engagement_ids("Sandbox")[:records]
    service.get_record(ENGAGEMENT, "Sandbox", ids[0])  # the client is built and warm
    memory: RecordMemory[object] = RecordMemory(lambda: dt.datetime.now(dt.UTC))
    gc.collect()
    tracemalloc.start()
    for identifier in ids:
        record = service.get_record(ENGAGEMENT, "Sandbox", identifier)
        memory.put(identifier, (record, record_tree(record.kind, record.data)))
    gc.collect()
    held, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    mib = 1024 * 1024
    print(json.dumps({"fetched": len(ids), "kept": len(memory), "held_mib": round(held / mib, 2),
                      "peak_mib": round(peak / mib, 2),
                      "per_record_kib": round(held / len(memory) / 1024, 1)}))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
