"""The AWS JSON 1.0 wire format: service errors, response bodies and timestamps.

Errors travel as AWS JSON services send them: an HTTP status, the headers
``x-amzn-RequestId`` and ``x-amzn-ErrorType``, and a body
``{"__type": "<Code>", "message": "...", <modelled members>}``. botocore picks the error
class from ``__type`` and copies the members of the modelled error shape (``Message``,
``Reason``, ``ErrorList``) into ``e.response``.

HTTP statuses: 400 for client errors (``ValidationException``,
``ResourceNotFoundException``, ``UnknownOperationException``, ``SerializationException``),
403 for ``AccessDeniedException`` and the authentication errors, 429 for
``ThrottlingException``, 500 for ``InternalServerException``. The model marks none of them
with an explicit ``httpStatusCode``, so these follow the common AWS convention.

Timestamps leave the server in the format the model gives the shape
(``timestampFormat``): ``partnercentral-selling`` marks its ``DateTime`` shape
``iso8601``, so ``CreatedAt`` goes out as ``"2026-03-02T14:05:00Z"``; a shape without the
trait would go out as epoch seconds, the JSON 1.0 default. A stored timestamp written
with more than three fractional digits (``2025-12-15T19:58:11.520786314Z``, as the real
service sends) goes out exactly as written (``validation.PreciseTimestamp``).

Keys of the stored data that start with ``$`` are the demo's own and are never sent.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from engtui.demo.model import has_timestamps, timed_members
from engtui.demo.validation import Issue, summarize

if TYPE_CHECKING:
    from botocore.model import Shape

JSON_CONTENT_TYPE = "application/x-amz-json-1.0"

VALIDATION_REASON_REQUEST = "REQUEST_VALIDATION_FAILED"

ERROR_STATUS: dict[str, int] = {
    "ValidationException": 400,
    "ResourceNotFoundException": 400,
    "AccessDeniedException": 403,
    "ThrottlingException": 429,
    "InternalServerException": 500,
    "UnknownOperationException": 400,
    "SerializationException": 400,
    "MissingAuthenticationTokenException": 403,
    "IncompleteSignatureException": 403,
    "InvalidSignatureException": 403,
    "UnrecognizedClientException": 403,
}


@dataclass
class Response:
    """An HTTP response to write.

    ``declared_length`` overrides the ``Content-Length`` header (to announce more bytes
    than the body holds); ``close`` closes the connection after writing.
    """

    status: int
    body: bytes = b""
    content_type: str = JSON_CONTENT_TYPE
    headers: dict[str, str] = field(default_factory=dict)
    declared_length: int | None = None
    close: bool = False
    error_code: str | None = None


class ServiceError(Exception):
    """An error the service answers with: a code, a message and modelled members."""

    def __init__(
        self, code: str, message: str, *, status: int | None = None, **members: Any
    ) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.status = status if status is not None else ERROR_STATUS.get(code, 400)
        self.members = members

    def body(self) -> dict[str, Any]:
        """Return the JSON 1.0 error body."""
        # "message" is what every AWS SDK reads; the modelled error shapes of this service
        # spell their member "Message", so it is sent as a member as well.
        return {
            "__type": self.code,
            "message": self.message,
            "Message": self.message,
            **self.members,
        }

    def response(self) -> Response:
        """Return the HTTP response for this error."""
        return Response(
            self.status,
            encode_json(self.body()),
            headers={"x-amzn-ErrorType": self.code},
            error_code=self.code,
        )


def validation_error(
    issues: list[Issue], *, reason: str = VALIDATION_REASON_REQUEST
) -> ServiceError:
    """Return the ``ValidationException`` for ``issues``, members as the model defines."""
    error_list = [
        {"FieldName": issue.field, "Message": issue.describe(), "Code": issue.code}
        for issue in issues
    ]
    return ServiceError(
        "ValidationException", summarize(issues), Reason=reason, ErrorList=error_list
    )


def invalid_value(
    field_name: str, constraint: str, code: str = "INVALID_VALUE", shown: str | None = None
) -> ServiceError:
    """Return a ``ValidationException`` for one field that fails ``constraint``."""
    return validation_error([Issue(field_name, code, constraint, shown)])


def not_found(message: str) -> ServiceError:
    """Return a ``ResourceNotFoundException``."""
    return ServiceError("ResourceNotFoundException", message)


def encode_json(payload: Any) -> bytes:
    """Encode ``payload`` as compact UTF-8 JSON."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def success(shape: Shape | None, payload: dict[str, Any]) -> Response:
    """Return the 200 response carrying ``payload`` serialised for output ``shape``."""
    body = to_wire(shape, payload) if shape is not None else payload
    return Response(200, encode_json(body))


def new_request_id() -> str:
    """Return a fresh request id, as AWS puts in ``x-amzn-RequestId``."""
    return str(uuid.uuid4())


def format_timestamp(value: datetime, timestamp_format: str) -> str | int | float:
    """Format ``value`` as ``iso8601`` text, or epoch seconds for ``unixTimestamp``."""
    precise = getattr(value, "wire", None)
    if timestamp_format == "iso8601" and precise is not None:
        return str(precise)
    value = value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)
    if timestamp_format == "iso8601":
        spec = "milliseconds" if value.microsecond else "seconds"
        return value.replace(tzinfo=None).isoformat(timespec=spec) + "Z"
    if timestamp_format == "rfc822":
        return value.strftime("%a, %d %b %Y %H:%M:%S GMT")
    seconds = value.timestamp()
    return int(seconds) if seconds.is_integer() else round(seconds, 3)


def to_wire(shape: Shape, value: Any) -> Any:
    """Return ``value`` (stored form) as JSON-ready data for ``shape``.

    Timestamps become the shape's wire format; members the model does not know pass
    through untouched, as a newer service's members reach an older client.
    """
    type_name = shape.type_name
    if value is None:
        return None
    if type_name == "structure" and isinstance(value, dict):
        # The demo's own keys (see data.py) are dropped; only members that can hold a
        # timestamp need converting, the rest (and unknown members) pass through as stored.
        out = {name: item for name, item in value.items() if not name.startswith("$")}
        for name, member in timed_members(shape):
            item = out.get(name)
            if item is not None:
                out[name] = to_wire(member, item)
        return out
    if type_name == "list" and isinstance(value, list):
        if not has_timestamps(shape.member):
            return value
        return [to_wire(shape.member, item) for item in value]
    if type_name == "map" and isinstance(value, dict):
        return {key: to_wire(shape.value, item) for key, item in value.items()}
    if type_name == "timestamp" and isinstance(value, datetime):
        return format_timestamp(value, shape.serialization.get("timestampFormat", "unixTimestamp"))
    return value
