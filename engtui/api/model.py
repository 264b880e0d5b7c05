"""The `partnercentral-selling` service model that ships inside botocore.

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


_adopted: ServiceModel | None = None


def adopt(model: ServiceModel) -> None:
    """Use the model a client already loaded (its JSON is ~1 MB: parsing it twice costs
    tens of milliseconds, right when the first lookup is waiting)."""
    global _adopted
    if _adopted is None:
        _adopted = model


@cache
def service_model() -> ServiceModel:
    """Return botocore's model of the service (loaded once per process)."""
    if _adopted is not None:
        return _adopted
    from botocore.loaders import create_loader
    from botocore.model import ServiceModel

    loader = create_loader()
    model_data = loader.load_service_model(SERVICE_NAME, "service-2")
    return ServiceModel(model_data, service_name=SERVICE_NAME)


def operation(name: str) -> OperationModel:
    """Return the model of one operation, e.g. ``GetEngagement``."""
    return service_model().operation_model(name)


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
