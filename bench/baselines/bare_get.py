"""Baseline: a bare Python script making the same boto3 call as `engtui get ID --json`.
Usage: bare_get.py ENDPOINT_URL CATALOG IDENTIFIER"""

import datetime
import json
import sys

import boto3

client = boto3.client(
    "partnercentral-selling", region_name="us-east-1", endpoint_url=sys.argv[1]
)
response = client.get_engagement(Catalog=sys.argv[2], Identifier=sys.argv[3])
response.pop("ResponseMetadata", None)


def encode(value: object) -> str:
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    raise TypeError(type(value))


print(json.dumps(response, default=encode, indent=2))
