"""Baseline: a sequential boto3 loop getting every engagement named, printing the JSON
array `engtui get ID ID ... --json` prints. Usage: boto3_loop.py ENDPOINT_URL CATALOG ID...

Throttling answers (the demo enforces the quota) are retried by botocore's standard mode,
as a plain script would be."""

import datetime
import json
import sys

import boto3
from botocore.config import Config

client = boto3.client(
    "partnercentral-selling", region_name="us-east-1", endpoint_url=sys.argv[1],
    config=Config(retries={"mode": "standard", "total_max_attempts": 10}),
)
out = []
for identifier in sys.argv[3:]:
    response = client.get_engagement(Catalog=sys.argv[2], Identifier=identifier)
    response.pop("ResponseMetadata", None)
    out.append(response)


def encode(value: object) -> str:
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    raise TypeError(type(value))


print(json.dumps(out, default=encode, indent=2))
