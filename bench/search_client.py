"""SearchEngagements (full contexts in every result) paged to the end, with engtui's client
or a bare boto3 client. Usage: search_client.py ENDPOINT_URL CATALOG PAGE_SIZE engtui|bare
[KEYWORD]. Prints "<results> <milliseconds>": the loop alone, each client built first.

The ``bare`` mode is the baseline of the search list figure (``search_list``: the same
keyword typed into engtui's list); both modes side by side are the client path alone
(engtui's client, built through botocore's session with engtui's timestamp parser, against
boto3's default client and paginator).
"""

import os
import sys
import time

url, catalog, page_size, mode = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
keyword = {"Keyword": sys.argv[5]} if len(sys.argv) > 5 else {}
if mode == "engtui":
    from engtui.api.service import SellingService
    from engtui.api.settings import ClientSettings, StaticCredentials

    service = SellingService(ClientSettings(
        endpoint_url=url, catalog=catalog,
        credentials=StaticCredentials(os.environ["AWS_ACCESS_KEY_ID"],
                                      os.environ["AWS_SECRET_ACCESS_KEY"]),
    ))
    client = service._get_client()
else:
    import boto3

    client = boto3.client("partnercentral-selling", region_name="us-east-1", endpoint_url=url)
paginator = client.get_paginator("search_engagements")
started = time.perf_counter()
results = 0
pages = paginator.paginate(Catalog=catalog, **keyword, PaginationConfig={"PageSize": page_size})
for page in pages:
    results += len(page["EngagementSearchSummaries"])
elapsed = (time.perf_counter() - started) * 1000
print(results, f"{elapsed:.1f}")
