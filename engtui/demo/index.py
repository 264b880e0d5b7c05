"""Indexes over a ``DemoDataset`` so that a page costs the same whatever its size.

Built once per dataset (``DemoDataset.index()``; the server builds it while it warms up):
the engagements and every other kind of record by catalog in data order, associations by
engagement and by resource, snapshot revisions by resource. A list operation's selection
(filtered and sorted) is computed once per query and kept in a small LRU cache keyed by
the query's fingerprint, which its ``NextToken`` carries with an offset: every later page
is a slice, with no copy, sort or filter of the whole set. Only a query that has not been
seen yet walks the records, and only when it filters or sorts.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from engtui.demo.records import KINDS

if TYPE_CHECKING:
    from engtui.demo.data import DemoDataset

__all__ = ["DatasetIndex"]

CACHE_SIZE = 64

Record = dict[str, Any]


class DatasetIndex:
    """Read-only lookups over one dataset; thread-safe."""

    def __init__(self, dataset: DemoDataset) -> None:
        self.engagements: dict[str, list[Record]] = {}
        for (catalog, _), engagement in dataset.engagements.items():
            self.engagements.setdefault(catalog, []).append(engagement)
        self.records: dict[str, dict[str, list[Record]]] = {}
        for name in KINDS:
            by_catalog: dict[str, list[Record]] = {}
            for (catalog, _), record in getattr(dataset, name).items():
                by_catalog.setdefault(catalog, []).append(record)
            self.records[name] = by_catalog
        self.associations: dict[str, list[Record]] = {}
        self.by_engagement: dict[tuple[str, str], list[Record]] = {}
        self.by_resource: dict[tuple[str, str], list[Record]] = {}
        for association in dataset.associations:
            catalog = association["Catalog"]
            self.associations.setdefault(catalog, []).append(association)
            engagement_key = (catalog, association.get("EngagementId"))
            self.by_engagement.setdefault(engagement_key, []).append(association)  # type: ignore[arg-type]
            resource_key = (catalog, association.get("ResourceId"))
            self.by_resource.setdefault(resource_key, []).append(association)  # type: ignore[arg-type]
        self.snapshots: dict[tuple[str, str], list[Record]] = {}
        self.revisions: dict[tuple[str, ...], list[Record]] = {}
        for (catalog, _), snapshot in dataset.snapshots.items():
            self.snapshots.setdefault((catalog, snapshot["EngagementId"]), []).append(snapshot)
            self.revisions.setdefault(_resource_key(catalog, snapshot), []).append(snapshot)
        for revisions in self.revisions.values():
            revisions.sort(key=lambda snapshot: snapshot.get("Revision") or 0)
        self._cache: OrderedDict[str, Sequence[Record]] = OrderedDict()
        self._lock = threading.Lock()

    def of_kind(self, name: str, catalog: str) -> list[Record]:
        """The records of kind ``name`` in ``catalog``, in data order."""
        return self.records[name].get(catalog, [])

    def revisions_of(self, catalog: str, snapshot: Record) -> list[Record]:
        """Every revision of the snapshot's resource and template, oldest first."""
        return self.revisions.get(_resource_key(catalog, snapshot), [])

    def selection(
        self, fingerprint: str, compute: Callable[[], Sequence[Record]]
    ) -> Sequence[Record]:
        """The selection of one query: computed on first use, then cached (LRU)."""
        with self._lock:
            found = self._cache.get(fingerprint)
            if found is not None:
                self._cache.move_to_end(fingerprint)
                return found
        result = compute()  # outside the lock: other queries go on meanwhile
        with self._lock:
            self._cache[fingerprint] = result
            while len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
        return result


def _resource_key(catalog: str, record: Record) -> tuple[str, ...]:
    return (
        catalog,
        str(record.get("EngagementId")),
        str(record.get("ResourceType")),
        str(record.get("ResourceId")),
        str(record.get("ResourceSnapshotTemplateName")),
    )
