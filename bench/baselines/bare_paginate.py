"""Baseline: a bare boto3 paginator loop over ListEngagements, same page size as engtui.
Usage: bare_paginate.py ENDPOINT_URL CATALOG PAGE_SIZE. Prints "<rows> <milliseconds>":
the time of the loop alone (client built first, as engtui's is warm before the list opens).
"""

import sys
import time

import boto3

client = boto3.client("partnercentral-selling", region_name="us-east-1", endpoint_url=sys.argv[1])
paginator = client.get_paginator("list_engagements")
started = time.perf_counter()
rows = 0
for page in paginator.paginate(
    Catalog=sys.argv[2], PaginationConfig={"PageSize": int(sys.argv[3])}
):
    rows += len(page["EngagementSummaryList"])
elapsed = (time.perf_counter() - started) * 1000
print(rows, f"{elapsed:.1f}")
