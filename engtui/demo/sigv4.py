"""Verify AWS Signature Version 4 (``AWS4-HMAC-SHA256``) on incoming requests.

This is an independent implementation of the server side of SigV4, written from the
published algorithm rather than borrowed from botocore, so that the demo endpoint really
checks what clients put on the wire:

1. canonical request = method, canonical URI (the path with dot segments removed, encoded
   once more), canonical query string (pairs encoded and sorted), the signed headers in
   canonical form (lower-case names, trimmed values, repeated headers joined by commas),
   the signed header list and the SHA-256 of the body as received;
2. string to sign = algorithm, ``X-Amz-Date``, credential scope
   (``date/region/service/aws4_request``) and the SHA-256 of the canonical request;
3. signing key = HMAC chain over the date, region, service and ``aws4_request``, starting
   from ``"AWS4" + secret``; the signature is compared with ``hmac.compare_digest``.

Any region is accepted, and so is an ``X-Amz-Security-Token`` header (it is signed like
any other header). Failures raise ``ServiceError`` with the codes and messages AWS uses:
``MissingAuthenticationTokenException``, ``IncompleteSignatureException``,
``UnrecognizedClientException`` and ``InvalidSignatureException``. The secret never
appears in an error.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote, unquote_plus

from engtui.demo.protocol import ServiceError

ALGORITHM = "AWS4-HMAC-SHA256"
TERMINATOR = "aws4_request"

SIGNATURE_MISMATCH = (
    "The request signature we calculated does not match the signature you provided. "
    "Check your AWS Secret Access Key and signing method."
)
UNRECOGNIZED_CLIENT = "The security token included in the request is invalid."


@dataclass(frozen=True)
class Credentials:
    """The one key pair the endpoint accepts. ``repr`` never shows the secret."""

    access_key_id: str
    secret_access_key: str

    def __repr__(self) -> str:
        return f"Credentials(access_key_id={self.access_key_id!r}, secret_access_key=<hidden>)"


@dataclass(frozen=True)
class Authorization:
    """The parsed ``Authorization`` header."""

    access_key_id: str
    date: str
    region: str
    service: str
    terminator: str
    signed_headers: tuple[str, ...]
    signature: str


def verify(
    *,
    method: str,
    target: str,
    headers: Iterable[tuple[str, str]],
    body: bytes,
    credentials: Credentials,
    service: str,
) -> Authorization:
    """Check the request's signature; return the parsed header or raise ``ServiceError``.

    ``target`` is the request target as received (path and query string); ``headers``
    are the received ``(name, value)`` pairs in order, repeated names included.
    """
    header_map = _header_map(headers)
    values = header_map.get("authorization")
    if not values:
        raise ServiceError("MissingAuthenticationTokenException", "Missing Authentication Token")
    auth = parse_authorization(values[0])
    if auth.access_key_id != credentials.access_key_id:
        raise ServiceError("UnrecognizedClientException", UNRECOGNIZED_CLIENT)
    if auth.service != service:
        raise ServiceError(
            "InvalidSignatureException",
            f"Credential should be scoped to correct service: '{service}'. ",
        )
    if auth.terminator != TERMINATOR:
        raise ServiceError(
            "InvalidSignatureException",
            f"Credential should be scoped with a valid terminator: '{TERMINATOR}', "
            f"not '{auth.terminator}'.",
        )
    amz_date = (header_map.get("x-amz-date") or [""])[0].strip()
    if not amz_date:
        raise ServiceError(
            "IncompleteSignatureException",
            "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
        )
    if amz_date[:8] != auth.date:
        raise ServiceError(
            "InvalidSignatureException",
            "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date "
            f"from HTTP: '{auth.date}' != '{amz_date[:8]}', from '{amz_date}'.",
        )
    if "host" not in auth.signed_headers:
        raise ServiceError(
            "IncompleteSignatureException",
            "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
        )
    expected = signature(
        method=method,
        target=target,
        header_map=header_map,
        signed_headers=auth.signed_headers,
        body=body,
        amz_date=amz_date,
        scope=f"{auth.date}/{auth.region}/{auth.service}/{auth.terminator}",
        secret_access_key=credentials.secret_access_key,
    )
    if not hmac.compare_digest(expected.encode("ascii"), auth.signature.encode("ascii", "replace")):
        raise ServiceError("InvalidSignatureException", SIGNATURE_MISMATCH)
    return auth


def parse_authorization(header: str) -> Authorization:
    """Parse an ``AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...``."""
    algorithm, _, rest = header.strip().partition(" ")
    if algorithm != ALGORITHM:
        raise ServiceError(
            "IncompleteSignatureException",
            f"Unsupported Authorization Type: only {ALGORITHM} is accepted.",
        )
    fields: dict[str, str] = {}
    for part in rest.split(","):
        key, sep, value = part.strip().partition("=")
        if sep:
            fields[key.strip()] = value.strip()
    missing = [
        name for name in ("Credential", "SignedHeaders", "Signature") if not fields.get(name)
    ]
    if missing:
        raise ServiceError(
            "IncompleteSignatureException",
            " ".join(f"Authorization header requires '{name}' parameter." for name in missing),
        )
    scope = fields["Credential"].split("/")
    if len(scope) != 5 or not all(scope):
        raise ServiceError(
            "IncompleteSignatureException",
            "Credential must have exactly 5 slash-delimited elements, e.g. "
            "keyid/date/region/service/term.",
        )
    access_key_id, date, region, service, terminator = scope
    signed = tuple(name.strip().lower() for name in fields["SignedHeaders"].split(";"))
    return Authorization(
        access_key_id, date, region, service, terminator, signed, fields["Signature"]
    )


def signature(
    *,
    method: str,
    target: str,
    header_map: dict[str, list[str]],
    signed_headers: tuple[str, ...],
    body: bytes,
    amz_date: str,
    scope: str,
    secret_access_key: str,
) -> str:
    """Return the hex signature a correct client computes for this request."""
    request = canonical_request(method, target, header_map, signed_headers, body)
    string_to_sign = "\n".join(
        [ALGORITHM, amz_date, scope, hashlib.sha256(request.encode("utf-8")).hexdigest()]
    )
    key = ("AWS4" + secret_access_key).encode("utf-8")
    for part in scope.split("/"):
        key = hmac.new(key, part.encode("utf-8"), hashlib.sha256).digest()
    return hmac.new(key, string_to_sign.encode("utf-8"), hashlib.sha256).hexdigest()


def canonical_request(
    method: str,
    target: str,
    header_map: dict[str, list[str]],
    signed_headers: tuple[str, ...],
    body: bytes,
) -> str:
    """Return the SigV4 canonical request (non-S3 rules: the path is encoded again)."""
    path, _, query = target.partition("?")
    lines = [method.upper(), _canonical_uri(path), _canonical_query(query)]
    for name in signed_headers:
        values = header_map.get(name, [])
        lines.append(f"{name}:{','.join(' '.join(v.split()) for v in values)}")
    lines.append("")
    lines.append(";".join(signed_headers))
    lines.append(hashlib.sha256(body).hexdigest())
    return "\n".join(lines)


def _header_map(headers: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    for name, value in headers:
        result.setdefault(name.strip().lower(), []).append(value)
    return result


def _canonical_uri(path: str) -> str:
    segments: list[str] = []
    for segment in path.split("/"):
        if segment == "..":
            if segments:
                segments.pop()
        elif segment and segment != ".":
            segments.append(segment)
    normalized = "/" + "/".join(segments)
    if path.endswith("/") and segments:
        normalized += "/"
    return quote(normalized, safe="/~")


def _canonical_query(query: str) -> str:
    if not query:
        return ""
    pairs = []
    for pair in query.split("&"):
        key, _, value = pair.partition("=")
        pairs.append(
            (quote(unquote_plus(key), safe="-_.~"), quote(unquote_plus(value), safe="-_.~"))
        )
    return "&".join(f"{key}={value}" for key, value in sorted(pairs))
