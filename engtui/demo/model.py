"""botocore's ``partnercentral-selling`` service model, loaded once and lazily.

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

_lock = threading.Lock()
_model: ServiceModel | None = None


def service_model() -> ServiceModel:
    """Return the cached botocore ``ServiceModel`` of ``partnercentral-selling``."""
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                # The loader alone is much cheaper than a full botocore session.
                from botocore.loaders import Loader
                from botocore.model import ServiceModel

                description = Loader().load_service_model(SERVICE_NAME, "service-2")
                _model = ServiceModel(description, service_name=SERVICE_NAME)
    return _model


def operation_model(name: str) -> OperationModel:
    """Return the model of operation ``name`` (``botocore`` raises if it is unknown)."""
    return service_model().operation_model(name)


def shape(name: str) -> Shape:
    """Return the named shape of the service model."""
    return service_model().shape_for(name)


def target_prefix() -> str:
    """Return the JSON protocol's ``X-Amz-Target`` prefix (``AWSPartnerCentralSelling``)."""
    return str(service_model().metadata["targetPrefix"])


def signing_name() -> str:
    """Return the SigV4 service name requests must be scoped to."""
    metadata = service_model().metadata
    return str(metadata.get("signingName") or metadata["endpointPrefix"])
