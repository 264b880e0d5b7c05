"""Finding one record by id or ARN, as every ``Get`` operation does."""

from __future__ import annotations

from typing import Any

from engtui.demo.protocol import not_found
from engtui.demo.records import parse_arn

__all__ = ["find", "identifiers_in"]

Record = dict[str, Any]


def resolve(identifier: str, catalog: str, arn_kind: str) -> str | None:
    """The id that ``identifier`` (an id or ARN) names in ``catalog``; ``None`` if none."""
    if not identifier.startswith("arn:"):
        return identifier
    parsed = parse_arn(identifier)
    if parsed is None or parsed[0] != catalog or parsed[1] != arn_kind:
        return None
    return parsed[2]


def find(
    store: dict[tuple[str, str], Record],
    catalog: str,
    identifier: str,
    *,
    arn_kind: str,
    label: str,
) -> Record:
    """The record ``identifier`` names in ``catalog``, else ``ResourceNotFoundException``."""
    record_id = resolve(identifier, catalog, arn_kind)
    record = store.get((catalog, record_id)) if record_id is not None else None
    if record is None:
        shown = identifier if record_id is None else record_id
        raise not_found(f"{label} {shown} was not found in catalog {catalog}.")
    return record


def identifiers_in(given: list[str], params: dict[str, Any], arn_kind: str) -> list[str]:
    """The ids a list of ids or ARNs names in the request's catalog (others dropped)."""
    catalog = params["Catalog"]
    resolved = (resolve(identifier, catalog, arn_kind) for identifier in given)
    return [identifier for identifier in resolved if identifier is not None]
