"""botocore's ``partnercentral-selling`` and ``partnercentral-benefits`` service models,
loaded once and lazily (one endpoint serves both: the request's ``X-Amz-Target`` prefix
picks the service, `service_for_target`).

The demo endpoint never copies a shape, pattern or limit by hand: everything it checks
comes from the model that ships inside botocore. Loading it costs about a tenth of a
second, so it happens on first use (or in the server's background warm-up), never at
import time, and the result is shared by every thread.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from botocore.model import OperationModel, ServiceModel, Shape

SERVICE_NAME = "partnercentral-selling"
BENEFITS = "partnercentral-benefits"
SERVICE_NAMES: tuple[str, ...] = (SERVICE_NAME, BENEFITS)

_lock = threading.Lock()
_models: dict[str, ServiceModel] = {}
_shapes: dict[tuple[str, str], Shape] = {}
# Keyed by the shape's name: the two models' shapes of one name agree on where timestamps are.
_timestamps: dict[str, bool] = {}
_timed: dict[str, tuple[tuple[str, Shape], ...]] = {}


def service_model(service: str = SERVICE_NAME) -> ServiceModel:
    """Return the cached botocore ``ServiceModel`` of ``service``."""
    found = _models.get(service)
    if found is None:
        with _lock:
            found = _models.get(service)
            if found is None:
                # The loader alone is much cheaper than a full botocore session.
                from botocore.loaders import Loader
                from botocore.model import ServiceModel

                description = Loader().load_service_model(service, "service-2")
                found = _models[service] = ServiceModel(description, service_name=service)
    return found


def operation_model(name: str, service: str = SERVICE_NAME) -> OperationModel:
    """Return the model of operation ``name`` (``botocore`` raises if it is unknown)."""
    return service_model(service).operation_model(name)


def shape(name: str, service: str = SERVICE_NAME) -> Shape:
    """Return the named shape of the service model (one object per name, reused)."""
    found = _shapes.get((service, name))
    if found is None:
        found = _shapes.setdefault((service, name), service_model(service).shape_for(name))
    return found


def has_timestamps(value_shape: Shape) -> bool:
    """Whether a value of ``value_shape`` can hold a timestamp anywhere inside it."""
    name = value_shape.name
    found = _timestamps.get(name)
    if found is None:
        _timestamps[name] = False  # a recursive shape (a filter tree) meets itself here
        found = _timestamps[name] = _any_timestamp(value_shape)
    return found


def timed_members(structure: Shape) -> tuple[tuple[str, Shape], ...]:
    """The members of a structure shape that can hold a timestamp, with their shapes."""
    name = structure.name
    found = _timed.get(name)
    if found is None:
        found = _timed[name] = tuple(
            (member, shape) for member, shape in structure.members.items()
            if has_timestamps(shape)
        )
    return found


def _any_timestamp(value_shape: Shape) -> bool:
    kind = value_shape.type_name
    if kind == "timestamp":
        return True
    if kind == "structure":
        return any(has_timestamps(member) for member in value_shape.members.values())
    if kind == "list":
        return has_timestamps(value_shape.member)
    if kind == "map":
        return has_timestamps(value_shape.value)
    return False


def target_prefix(service: str = SERVICE_NAME) -> str:
    """Return the JSON protocol's ``X-Amz-Target`` prefix (``AWSPartnerCentralSelling``,
    ``PartnerCentralBenefitsService``)."""
    return str(service_model(service).metadata["targetPrefix"])


def service_for_target(prefix: str) -> str | None:
    """The service whose ``X-Amz-Target`` prefix is ``prefix``; None for a foreign one."""
    return next((name for name in SERVICE_NAMES if target_prefix(name) == prefix), None)


def signing_name(service: str = SERVICE_NAME) -> str:
    """Return the SigV4 service name requests must be scoped to."""
    metadata = service_model(service).metadata
    return str(metadata.get("signingName") or metadata["endpointPrefix"])
