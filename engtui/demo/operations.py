"""The operations the demo endpoint serves, and the ones it refuses.

``prepare`` checks a request body against the operation's input shape (see
``validation``) and returns a ``Call``; ``Call.execute`` answers it from a
``DemoDataset``. The operations themselves live by area: ``ops_engagements``
(engagements, members, associations, groups), ``ops_search`` (``SearchEngagements``) and
``ops_cosell`` (invitations, opportunities, AWS summaries, snapshots, customer accounts,
solutions), ``ops_tasks`` (tasks, snapshot jobs, selling system settings), ``ops_bulk``
(bulk jobs, their rows and report URLs, tags), ``ops_opportunity_search`` (SearchOpportunities,
SearchCustomerAccounts, GetCustomerAccountStatistics) and, for the ``partnercentral-benefits``
service on the same port, ``ops_benefits``. Behaviour worth knowing:

* ``Catalog`` must be ``AWS`` or ``Sandbox``. The model only asks for ``[a-zA-Z]+``, but
  the documentation lists exactly these two values, and the service rejects others before
  looking anything up, so any other catalog gets a ``ValidationException``
  (``INVALID_ENUM_VALUE`` on ``Catalog``) rather than a ``ResourceNotFoundException``.
* A record lives in one catalog. An identifier may be its id or its ARN; an id from the
  other catalog, an ARN naming the other catalog or an ARN of another kind is
  ``ResourceNotFoundException``.
* **Read-only.** Every operation of the model that is not a ``Get``, ``List`` or ``Search``
  (Accept, Reject, Create, Update, Start, Associate, Submit, Tag, Put, Delete, ...) is
  refused with ``AccessDeniedException`` ("the demo endpoint is read-only") before its
  input is looked at, and never changes anything, in either service. A read operation of
  the model that the demo does not serve is ``UnknownOperationException``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from engtui.demo import (
    model,
    ops_benefits,
    ops_bulk,
    ops_cosell,
    ops_engagements,
    ops_opportunity_search,
    ops_search,
    ops_tasks,
)
from engtui.demo.data import CATALOGS, DemoDataset
from engtui.demo.protocol import (
    Response,
    ServiceError,
    invalid_value,
    success,
    validation_error,
)
from engtui.demo.records import READ_PREFIXES, parse_arn
from engtui.demo.validation import INVALID_ENUM_VALUE, Mode, check

__all__ = ["OPERATIONS", "READ_ONLY_MESSAGE", "Call", "is_write", "prepare"]

Handler = Callable[[DemoDataset, dict[str, Any]], dict[str, Any]]

OPERATIONS: dict[str, Handler] = {
    **ops_engagements.OPERATIONS,
    **ops_search.OPERATIONS,
    **ops_cosell.OPERATIONS,
    **ops_tasks.OPERATIONS,
    **ops_bulk.OPERATIONS,
    **ops_opportunity_search.OPERATIONS,
}
# The partnercentral-benefits operations, by name (its ListTagsForResource is its own).
BENEFITS_OPERATIONS: dict[str, Handler] = ops_benefits.OPERATIONS
_BY_SERVICE: dict[str, dict[str, Handler]] = {
    model.SERVICE_NAME: OPERATIONS, model.BENEFITS: BENEFITS_OPERATIONS,
}

READ_ONLY_MESSAGE = "The demo endpoint is read-only: {operation} is not allowed."

_IDENTIFIER_MEMBERS = (
    "Identifier",
    "ResourceSnapshotJobIdentifier",
    "TaskIdentifier",
    "JobId",
    "EngagementIdentifier",
    "RelatedOpportunityIdentifier",
    "ResourceIdentifier",
)


@dataclass(frozen=True)
class Call:
    """A checked request, ready to run."""

    operation: str
    params: dict[str, Any]
    fault_keys: tuple[str, ...]
    service: str = model.SERVICE_NAME

    def execute(self, dataset: DemoDataset) -> Response:
        """Answer the call from ``dataset`` (raises ``ServiceError``)."""
        payload = _BY_SERVICE[self.service][self.operation](dataset, self.params)
        return success(model.operation_model(self.operation, self.service).output_shape,
                       payload)


def is_write(operation: str) -> bool:
    """Whether ``operation`` (a name of the model) could change something."""
    return not operation.startswith(READ_PREFIXES)


def prepare(operation: str, body: Any, service: str = model.SERVICE_NAME) -> Call:
    """Check ``body`` for ``operation`` of ``service``; raise ``ServiceError`` if it is not
    acceptable."""
    if operation not in _BY_SERVICE[service]:
        if operation in model.service_model(service).operation_names and is_write(operation):
            raise ServiceError(
                "AccessDeniedException", READ_ONLY_MESSAGE.format(operation=operation)
            )
        raise ServiceError("UnknownOperationException", f"Unknown operation {operation}")
    if not isinstance(body, dict):
        raise ServiceError("SerializationException", "The request body must be a JSON object")
    shape = model.operation_model(operation, service).input_shape
    params, issues = check(shape, body, Mode.INPUT)
    if issues:
        raise validation_error(issues)
    if "Catalog" not in shape.members:  # ListTagsForResource: the ARN names it
        params["Catalog"] = _catalog_of_arn(params)
    elif params["Catalog"] not in CATALOGS:
        raise invalid_value(
            "Catalog",
            f"Member must satisfy enum value set: [{', '.join(CATALOGS)}]",
            INVALID_ENUM_VALUE,
            repr(params["Catalog"]),
        )
    return Call(operation, params, (*_identifier_keys(params), operation), service)


def _catalog_of_arn(params: dict[str, Any]) -> str:
    """The catalog a request without one names in its resource ARN (``""``: none)."""
    arn = params.get("ResourceArn") or params.get("resourceArn")
    parsed = parse_arn(arn) if isinstance(arn, str) else None
    return parsed[0] if parsed else ""


def _identifier_keys(params: dict[str, Any]) -> Iterable[str]:
    for name in _IDENTIFIER_MEMBERS:
        value = params.get(name)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str):
                parsed = parse_arn(item)
                yield parsed[2] if parsed else item
