"""The `partnercentral-selling` and `partnercentral-benefits` service models that ship inside
botocore.

Everything the app knows about the API's shapes (patterns, documentation strings,
`sensitive` flags, union members) is read from here rather than copied by hand. Loading the
model costs tens of milliseconds, so it happens once, lazily, and can be warmed in a worker.
"""

from __future__ import annotations

import html
import re
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from botocore.model import OperationModel, ServiceModel, Shape

SERVICE_NAME = "partnercentral-selling"
BENEFITS_SERVICE = "partnercentral-benefits"
# A record kind or related list names its service by these short names (`RecordKind.service`).
SERVICES: dict[str, str] = {"selling": SERVICE_NAME, "benefits": BENEFITS_SERVICE}


_adopted: dict[str, ServiceModel] = {}


def adopt(model: ServiceModel) -> None:
    """Use the model a client already loaded (its JSON is ~1 MB: parsing it twice costs
    tens of milliseconds, right when the first lookup is waiting)."""
    _adopted.setdefault(model.service_name, model)


@cache
def service_model(name: str = SERVICE_NAME) -> ServiceModel:
    """Return botocore's model of the service ``name`` (a full name or a short one of
    `SERVICES`; loaded once per process)."""
    name = SERVICES.get(name, name)
    if name in _adopted:
        return _adopted[name]
    from botocore.loaders import create_loader
    from botocore.model import ServiceModel

    loader = create_loader()
    model_data = loader.load_service_model(name, "service-2")
    return ServiceModel(model_data, service_name=name)


def service_of(operation_name: str) -> str:
    """The full name of the service an operation belongs to: ``partnercentral-selling`` when
    it has one of that name (``ListTagsForResource`` is in both), else the benefits service."""
    if operation_name in service_model().operation_names:
        return SERVICE_NAME
    if operation_name in service_model(BENEFITS_SERVICE).operation_names:
        return BENEFITS_SERVICE
    return SERVICE_NAME


def operation(name: str, service: str | None = None) -> OperationModel:
    """Return the model of one operation, e.g. ``GetEngagement`` (of ``service``; by default
    the service that has an operation of that name, `service_of`)."""
    return service_model(service or service_of(name)).operation_model(name)


def shape_for(name: str, service: str | None = None) -> Shape:
    """Return a named shape (of ``service``; by default the selling service's, else the
    benefits service's)."""
    from botocore.model import NoShapeFoundError

    if service is not None:
        return service_model(service).shape_for(name)
    try:
        return service_model().shape_for(name)
    except NoShapeFoundError:
        return service_model(BENEFITS_SERVICE).shape_for(name)


def output_shape(operation_name: str) -> Shape:
    """Return the output shape of an operation."""
    shape = operation(operation_name).output_shape
    assert shape is not None, operation_name
    return shape


def input_member(operation_name: str, member: str) -> Shape:
    """Return one member shape of an operation's input."""
    shape = operation(operation_name).input_shape
    assert shape is not None, operation_name
    return shape.members[member]


_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def plain_documentation(shape_or_html: Shape | str | None) -> str:
    """Turn a model documentation string (HTML) into one plain-text paragraph."""
    if shape_or_html is None:
        return ""
    raw = shape_or_html if isinstance(shape_or_html, str) else shape_or_html.documentation
    text = html.unescape(_TAG.sub(" ", raw or ""))
    text = _SPACE.sub(" ", text).strip()
    return re.sub(r"\s+([.,;:)])", r"\1", text)


def is_sensitive(shape: Shape) -> bool:
    """True when the model marks a shape as sensitive (names, emails, account ids, ...)."""
    return bool(getattr(shape, "serialization", {}).get("sensitive")) or bool(
        shape.metadata.get("sensitive")
    )
