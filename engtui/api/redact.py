"""Privacy mode: mask every value the service model marks ``sensitive``.

For screen sharing. The masking is done on the *data*, with botocore's shapes, before
anything is drawn: the field tree, its friendly labels ("Lead · ••••••" instead of
"Lead · Acme"), the header, the detail pane, the member and association tables and search
all work on the masked copy, so no view can forget to mask, and copy and export of what is
shown can only ever give the masked form.

The mask has a fixed length (`MASK`), so the length of a name, an email or an account id
does not leak. An empty value stays empty (nothing to hide, and "no phone" stays readable).

Two additions to the model's flags: a member's ``WebsiteUrl`` is not marked sensitive, but
it names the member company whose ``CompanyName`` is, so it is masked too (`ALSO_MASKED`);
and the account id inside an ARN (``arn:aws:partnercentral:us-east-1:111122223333:…``) is
masked like the account ids the model does mark (`mask_arn_account`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from engtui.api.model import is_sensitive, output_shape, service_model

if TYPE_CHECKING:
    from botocore.model import Shape

MASK = "••••••"

ALSO_MASKED = frozenset({("EngagementMember", "WebsiteUrl")})
_ARN_ACCOUNT = re.compile(r"^(arn:[^:]*:[^:]*:[^:]*:)([0-9]{12})(:)")


def mask_arn_account(value: str) -> str:
    """An ARN with its account id masked (any other string is returned as it is)."""
    return _ARN_ACCOUNT.sub(lambda m: f"{m.group(1)}{MASK}{m.group(3)}", value)


def mask(value: Any) -> Any:
    """The masked form of one sensitive value (empty values stay empty)."""
    return value if value in (None, "", [], {}) else MASK


def redact(value: Any, shape: Shape | None) -> Any:
    """A copy of ``value`` with every sensitive member masked (``shape`` drives the walk;
    values the model does not know are kept as they are)."""
    if shape is None:
        return value
    if is_sensitive(shape):
        return mask(value)
    if isinstance(value, dict) and shape.type_name == "structure":
        members = shape.members
        return {
            key: mask(item) if (shape.name, key) in ALSO_MASKED else redact(item, members.get(key))
            for key, item in value.items()
        }
    if isinstance(value, dict) and shape.type_name == "map":
        return {key: redact(item, getattr(shape, "value", None)) for key, item in value.items()}
    if isinstance(value, list) and shape.type_name == "list":
        return [redact(item, getattr(shape, "member", None)) for item in value]
    if isinstance(value, str) and value.startswith("arn:"):
        return mask_arn_account(value)
    return value


def redact_response(data: dict[str, Any], operation: str) -> dict[str, Any]:
    """A response of ``operation`` (``GetEngagement``, ...) with its sensitive values
    masked."""
    return redact(data, output_shape(operation))


def redact_item(raw: dict[str, Any], shape_name: str) -> dict[str, Any]:
    """One list item (``EngagementMember``, ``EngagementResourceAssociationSummary``, …)
    with its sensitive values masked."""
    return redact(raw, service_model().shape_for(shape_name))
