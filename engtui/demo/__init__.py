"""A local AWS Partner Central Selling endpoint for demos and tests.

``engtui.demo`` serves the real AWS JSON 1.0 wire protocol of ``partnercentral-selling``
(SigV4-checked, validated against botocore's service model) from a small bundled or
generated data set, so that boto3 and the ``aws`` CLI talk to it with ``--endpoint-url``
exactly as they talk to AWS. Nothing here imports Textual, and importing this package is
cheap: the server, the data and botocore's model load only when asked for.

The endpoint accepts one key pair, taken from ``ENGTUI_DEMO_ACCESS_KEY_ID`` and
``ENGTUI_DEMO_SECRET_ACCESS_KEY`` when set, else the public demo defaults below. The
default secret is not a secret: it only exists so that clients have something to sign
with. It is still never printed or logged.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from engtui.api.settings import ClientSettings

__all__ = [
    "DEMO_ACCESS_KEY_ID",
    "DEMO_SECRET_ACCESS_KEY",
    "demo_client_settings",
    "demo_credentials_from_env",
]

DEMO_ACCESS_KEY_ID: str = "AKIAENGTUIDEMO000000"
DEMO_SECRET_ACCESS_KEY: str = "engtui-demo-secret-access-key-not-a-real-secret"

ACCESS_KEY_ENV = "ENGTUI_DEMO_ACCESS_KEY_ID"
SECRET_KEY_ENV = "ENGTUI_DEMO_SECRET_ACCESS_KEY"


def demo_credentials_from_env() -> tuple[str, str]:
    """Return the ``(access_key_id, secret_access_key)`` the demo endpoint accepts.

    Each half comes from its environment variable when that is set and not empty,
    otherwise from the built-in demo default.
    """
    access_key_id = os.environ.get(ACCESS_KEY_ENV) or DEMO_ACCESS_KEY_ID
    secret_access_key = os.environ.get(SECRET_KEY_ENV) or DEMO_SECRET_ACCESS_KEY
    return access_key_id, secret_access_key


def demo_client_settings(url: str, **given: Any) -> ClientSettings:
    """The client settings for a demo endpoint at ``url`` (``engtui --demo``, in the browser
    and in ``get``/``list``): its key pair, the Sandbox catalog unless ``given`` names
    another, and any other `ClientSettings` field in ``given`` (timeouts, region)."""
    from engtui.api.settings import ClientSettings, StaticCredentials

    key_id, secret = demo_credentials_from_env()
    return ClientSettings(**{"label": "demo", "catalog": "Sandbox", **given,
                             "endpoint_url": url,
                             "credentials": StaticCredentials(key_id, secret)})
