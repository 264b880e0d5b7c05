"""Every failure of a call becomes one `ApiError`: a kind, a one-line message and a hint.

No stack trace reaches the user. `classify` maps botocore's exceptions (and the odd one from
urllib3 or the OS) to a kind; each kind has a distinct exit code for `engtui get`.
A message never carries a secret: only error codes, service messages, profile names and URLs.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class ErrorKind(enum.Enum):
    """What went wrong, from the user's point of view. The value is the exit code."""

    UNEXPECTED = 1
    INVALID_INPUT = 2
    NOT_FOUND = 3
    ACCESS_DENIED = 4
    VALIDATION = 5
    THROTTLED = 6
    SERVICE = 7
    NETWORK = 8
    CREDENTIALS = 9
    MALFORMED = 10

    @property
    def exit_code(self) -> int:
        return self.value

    @property
    def title(self) -> str:
        return _TITLES[self]


_TITLES = {
    ErrorKind.UNEXPECTED: "Unexpected error",
    ErrorKind.INVALID_INPUT: "Invalid input",
    ErrorKind.NOT_FOUND: "Not found",
    ErrorKind.ACCESS_DENIED: "Access denied",
    ErrorKind.VALIDATION: "Rejected by the service",
    ErrorKind.THROTTLED: "Throttled",
    ErrorKind.SERVICE: "Service error",
    ErrorKind.NETWORK: "Network error",
    ErrorKind.CREDENTIALS: "Credentials problem",
    ErrorKind.MALFORMED: "Malformed reply",
}


@dataclass
class ApiError(Exception):
    """A failure with a kind, a one-line message and a hint the user can act on."""

    kind: ErrorKind
    message: str
    hint: str = ""
    details: list[str] = field(default_factory=list)
    request_id: str | None = None

    def __str__(self) -> str:
        return self.message

    def one_line(self) -> str:
        """`message` and `hint` as one line, for stderr."""
        return f"{self.message} {self.hint}".strip()


DEMO_HINT = "or try the built-in demo: engtui --demo"


def _one_line(text: object, limit: int = 300) -> str:
    from engtui.textsafe import printable

    return printable(" ".join(str(text).split()), limit=limit)


def classify(exc: BaseException, *, aws_profile: str | None = None, endpoint: str = "",
             asked: str = "") -> ApiError:
    """Turn any exception raised by a call into an `ApiError`; ``asked``: what the call
    asked for, in words ("opportunity": `engtui.api.kinds.asked_for`), for "No such …"."""
    if isinstance(exc, ApiError):
        return exc
    from botocore import exceptions as bce

    if isinstance(exc, bce.ClientError):
        return _from_client_error(exc, aws_profile, asked)
    sso_login = f"aws sso login --profile {aws_profile or 'NAME'}"
    if isinstance(exc, bce.UnauthorizedSSOTokenError | bce.SSOTokenLoadError | bce.SSOError):
        return ApiError(
            ErrorKind.CREDENTIALS,
            "The SSO session of this profile has expired or was never started.",
            f"Run `{sso_login}` in another terminal, then retry.",
        )
    if isinstance(exc, bce.TokenRetrievalError):
        return ApiError(
            ErrorKind.CREDENTIALS,
            "Could not refresh the SSO token.",
            f"Run `{sso_login}` in another terminal, then retry.",
        )
    if isinstance(exc, bce.NoCredentialsError | bce.PartialCredentialsError):
        return ApiError(
            ErrorKind.CREDENTIALS,
            "No AWS credentials found.",
            "Configure them (`aws configure`, `aws sso login`, or `engtui profiles add`), "
            + DEMO_HINT,
        )
    if isinstance(exc, bce.ProfileNotFound):
        return ApiError(
            ErrorKind.CREDENTIALS,
            f"AWS profile “{exc.kwargs.get('profile')}” is not in your AWS config files.",
            "Check `aws configure list-profiles`, or pick another with --profile.",
        )
    if isinstance(exc, MfaRequired | bce.RefreshWithMFAUnsupportedError):
        return ApiError(
            ErrorKind.CREDENTIALS,
            "This AWS profile asks for an MFA code, which engtui cannot prompt for.",
            "Get temporary credentials first (for example with `aws sts get-session-token`) "
            "or use an SSO profile.",
        )
    from engtui.api.helper_errors import HelperFailed

    if isinstance(exc, HelperFailed):
        whose = f" (AWS profile “{_one_line(aws_profile, 100)}”)" if aws_profile else ""
        return ApiError(
            ErrorKind.CREDENTIALS,
            _one_line(exc).replace(" helper ", f" helper{whose} ", 1),
            "Run the profile's credential_process by hand: it must print JSON credentials "
            "and exit. Allow more time with --deadline SECONDS.",
        )
    if isinstance(exc, bce.CredentialRetrievalError):
        return ApiError(
            ErrorKind.CREDENTIALS,
            f"Could not get credentials: {_one_line(exc)}",
            "Check the profile's credential_process or role settings.",
        )
    if isinstance(exc, bce.InvalidRegionError):
        return ApiError(
            ErrorKind.INVALID_INPUT,
            f"“{_one_line(exc.kwargs.get('region_name'), 100)}” is not a valid AWS region name; "
            "nothing was sent.",
            "Use a region such as us-east-1 (--region, AWS_REGION, or the profile's region).",
        )
    if isinstance(exc, bce.ReadTimeoutError):
        return ApiError(
            ErrorKind.NETWORK,
            f"The service did not answer in time ({endpoint or 'read timeout'}).",
            "Retry, or raise the read timeout (--read-timeout).",
        )
    if isinstance(exc, bce.ConnectTimeoutError):
        return ApiError(
            ErrorKind.NETWORK,
            f"Timed out connecting to {endpoint or 'the service'}.",
            "Check the network, VPN or proxy, then retry.",
        )
    broken_reply = _unreadable_http(exc)
    if broken_reply is not None:
        return ApiError(
            ErrorKind.MALFORMED,
            f"The reply from {endpoint or 'the service'} is not valid HTTP "
            f"({_one_line(broken_reply, limit=120)}).",
            "No Partner Central reply looks like this: check --endpoint-url; a proxy may be "
            "answering instead of the service.",
        )
    if isinstance(exc, bce.EndpointConnectionError | bce.ConnectionClosedError):
        return ApiError(
            ErrorKind.NETWORK,
            f"Could not reach {endpoint or 'the service'}.",
            "Check the endpoint URL and the network, then retry.",
        )
    if isinstance(exc, bce.SSLError):
        return ApiError(
            ErrorKind.NETWORK,
            "The TLS connection failed (certificate not trusted?).",
            "Check AWS_CA_BUNDLE or your proxy's certificate.",
        )
    if isinstance(exc, bce.ConnectionError | bce.HTTPClientError | ConnectionError | TimeoutError):
        return ApiError(ErrorKind.NETWORK, f"Network error: {_one_line(exc)}", "Retry.")
    from botocore.parsers import ResponseParserError

    if isinstance(exc, ResponseParserError | ValueError):
        # Say why: "not JSON" and "EngagementContextPayload must have one and only one
        # member set" (a context with an empty Payload) call for different actions.
        reason = _one_line(exc, limit=160).removeprefix("Invalid service response: ").rstrip(".")
        return ApiError(
            ErrorKind.MALFORMED,
            f"The service's reply could not be read ({reason or 'malformed or truncated'}).",
            "Retry; if it persists, a proxy may be in the way.",
        )
    if isinstance(exc, bce.ParamValidationError):
        return ApiError(ErrorKind.INVALID_INPUT, _one_line(exc), "")
    return ApiError(
        ErrorKind.UNEXPECTED,
        f"{type(exc).__name__}: {_one_line(exc)}",
        "This is a bug in engtui; please report it with the log file.",
    )


def _unreadable_http(exc: BaseException) -> BaseException | None:
    """The `http.client` error under ``exc`` when the endpoint answered, but not with HTTP
    that can be read (more than 100 header lines, a header line over 64 KB, a status line
    that is not one); ``None`` otherwise. urllib3 wraps it in a ``ProtocolError``, which
    botocore reports as a closed connection: that would blame the network. A connection
    closed before or during the reply (``RemoteDisconnected``, ``IncompleteRead``) stays a
    network error."""
    import http.client

    seen: set[int] = set()
    pending: list[object] = [exc]
    while pending:
        current = pending.pop()
        if not isinstance(current, BaseException) or id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, http.client.HTTPException) and not isinstance(
                current, http.client.RemoteDisconnected | http.client.IncompleteRead):
            return current
        kwargs = getattr(current, "kwargs", None)
        if isinstance(kwargs, dict):
            pending.append(kwargs.get("error"))
        pending.extend(current.args)
        pending.extend((current.__cause__, current.__context__))
    return None


def credential_error(
    exc: BaseException, *, aws_profile: str | None = None, endpoint: str = "",
    contacted: str = "",
) -> ApiError:
    """An exception raised while resolving credentials (before any Partner Central call):
    always a credentials problem (or invalid input), said with what failed (the
    ``credential_process`` helper, STS, the SSO portal), never blamed on the Partner Central
    endpoint or its reply. Classified by botocore's exception types; ``contacted`` is the
    service id of the last credential call sent (``sts``, ``sso``, ``sso-oidc``), if any."""
    if isinstance(exc, ApiError):
        return exc
    from botocore import exceptions as bce

    whose = f" of AWS profile “{_one_line(aws_profile, 100)}”" if aws_profile else ""
    if isinstance(exc, bce.ClientError):
        operation = str(getattr(exc, "operation_name", "") or "")
        service = _CREDENTIAL_OPERATIONS.get(operation)
        if service is not None:
            error = (getattr(exc, "response", {}) or {}).get("Error", {}) or {}
            code = _one_line(error.get("Code") or "", limit=100)
            message = _one_line(error.get("Message") or code)
            if operation == "GetRoleCredentials" and code == "UnauthorizedException":
                return classify(bce.UnauthorizedSSOTokenError(), aws_profile=aws_profile)
            return ApiError(
                ErrorKind.CREDENTIALS,
                f"{service} refused {operation} for the credentials{whose}: "
                f"{code}: {message}".rstrip(": "),
                "Check the role (role_arn, its trust policy, source_profile) or the SSO "
                "account and role of the profile.",
            )
    if isinstance(exc, bce.ConnectionError | bce.HTTPClientError):
        url = _one_line(exc.kwargs.get("endpoint_url") or "", limit=200)
        what = _CREDENTIAL_SERVICES.get(contacted) or _credential_service(url)
        return ApiError(
            ErrorKind.CREDENTIALS,
            f"Could not reach {what}{f' ({url})' if url else ''} to get the credentials"
            f"{whose}; nothing was sent to Partner Central.",
            "Check the network, VPN or proxy for that endpoint, then retry.",
        )
    error = classify(exc, aws_profile=aws_profile, endpoint=endpoint)
    if error.kind in (ErrorKind.CREDENTIALS, ErrorKind.INVALID_INPUT):
        return error
    return ApiError(
        ErrorKind.CREDENTIALS,
        f"Could not get the credentials{whose}: {type(exc).__name__}: {_one_line(exc)}",
        "Check the profile's credential settings (`aws sts get-caller-identity --profile "
        f"{aws_profile or 'NAME'}` shows the same problem).",
    )


_CREDENTIAL_OPERATIONS = {
    "AssumeRole": "STS",
    "AssumeRoleWithWebIdentity": "STS",
    "AssumeRoleWithSAML": "STS",
    "GetSessionToken": "STS",
    "GetRoleCredentials": "The SSO portal",
    "CreateToken": "The SSO OIDC service",
}


_CREDENTIAL_SERVICES = {"sts": "STS", "sso": "the SSO portal", "sso-oidc": "the SSO OIDC service"}


def _credential_service(url: str) -> str:
    """Which credential service an endpoint URL belongs to, for the message."""
    from urllib.parse import urlsplit

    host = (urlsplit(url).hostname or "") if url else ""
    if host.startswith("sts.") or host == "sts.amazonaws.com":
        return "STS"
    if host.startswith("portal.sso."):
        return "the SSO portal"
    if host.startswith("oidc."):
        return "the SSO OIDC service"
    return "the credential service"


def _validation_detail(item: dict, message: str) -> str:
    """One ErrorList item as `Field: message (CODE)`, leaving out what is missing or repeated.

    An item without a FieldName gets no `?:` placeholder; a Message equal to the reply's own
    message is not said twice (only its code is kept, in brackets).
    """
    field_name = _one_line(item.get("FieldName") or "", limit=100)
    text = _one_line(item.get("Message") or "")
    code = _one_line(item.get("Code") or "", limit=100)
    if text.rstrip(".") == message.rstrip("."):
        text = ""
    parts = [f"{field_name}:" if field_name and text else field_name, text]
    if code:
        parts.append(f"({code})")
    return " ".join(part for part in parts if part)


class MfaRequired(Exception):
    """Raised instead of prompting on the terminal for an MFA code."""


class MalformedReply(ValueError):
    """A reply that claims success but whose body cannot be read."""


_CREDENTIAL_CODES = {
    "UnrecognizedClientException": "The access key id is not recognised by the service.",
    "InvalidClientTokenId": "The access key id is not recognised by the service.",
    "InvalidSignatureException": "The request signature does not match (wrong secret key?).",
    "SignatureDoesNotMatch": "The request signature does not match (wrong secret key?).",
    "ExpiredTokenException": "The session token has expired.",
    "ExpiredToken": "The session token has expired.",
    "MissingAuthenticationTokenException": "The request was not signed.",
}


def _from_client_error(exc: BaseException, aws_profile: str | None, asked: str) -> ApiError:
    response = getattr(exc, "response", {}) or {}
    error = response.get("Error", {}) or {}
    code = _one_line(error.get("Code") or "", limit=100)  # the reply's __type: data too
    message = _one_line(error.get("Message") or response.get("message") or code)
    metadata = response.get("ResponseMetadata", {}) or {}
    status = int(metadata.get("HTTPStatusCode") or 0)
    request_id = metadata.get("RequestId")

    def make(kind: ErrorKind, text: str, hint: str, details: list[str] | None = None) -> ApiError:
        return ApiError(kind, text, hint, details or [], request_id)

    if code == "ResourceNotFoundException":
        return make(
            ErrorKind.NOT_FOUND,
            f"No such {asked or 'record'} in this catalog: {message}",
            "Check the id and the catalog (AWS or Sandbox).",
        )
    if code == "AccessDeniedException":
        reason = response.get("Reason") or error.get("Reason")
        text = f"Access denied: {message}"
        if reason:
            text += f" (reason: {_one_line(reason)})"
        return make(
            ErrorKind.ACCESS_DENIED,
            text,
            "Check the IAM permissions of these credentials (partnercentral:"
            f"{getattr(exc, 'operation_name', None) or 'GetEngagement'}).",
        )
    if code == "ValidationException":
        details = [
            _validation_detail(item, message)
            for item in response.get("ErrorList") or []
            if isinstance(item, dict)
        ]
        text = f"The service rejected the request: {message}"
        codes_only = [detail for detail in details if detail.startswith("(")]
        shown = [detail for detail in details if detail and not detail.startswith("(")]
        if codes_only:
            text += " " + " ".join(codes_only)
        if shown:
            text += " — " + "; ".join(shown)
        return make(ErrorKind.VALIDATION, text, "Correct the request and retry.", details)
    if code in {"ThrottlingException", "Throttling", "TooManyRequestsException"}:
        return make(
            ErrorKind.THROTTLED,
            "The service is throttling requests (still after retries).",
            "Wait a moment and retry.",
        )
    if code in _CREDENTIAL_CODES:
        profile_hint = (
            f"Check the credentials of AWS profile “{aws_profile}”."
            if aws_profile
            else "Check the access key and secret of the active profile."
        )
        return make(ErrorKind.CREDENTIALS, _CREDENTIAL_CODES[code], profile_hint)
    if code.isdigit() or not code:  # botocore found no AWS error code in the body
        kind = ErrorKind.SERVICE if status >= 500 else ErrorKind.MALFORMED
        return make(
            kind,
            f"HTTP {status or code} from the endpoint, and not an AWS error reply.",
            "A proxy or gateway may be in the way, or --endpoint-url is wrong; retry later.",
        )
    if status >= 500 or code in {"InternalServerException", "InternalFailure",
                                 "ServiceUnavailable", "ServiceUnavailableException"}:
        return make(
            ErrorKind.SERVICE,
            f"The service failed ({code or status}): {message}",
            "Retry in a moment.",
        )
    # An error code this version of engtui does not know (a newer service, a gateway, or
    # any text at all): the service refused the request; the code is data, made printable.
    return make(
        ErrorKind.VALIDATION,
        f"The service rejected the request ({code}): {message}",
        "engtui does not know this error code; check the request, or a newer engtui may "
        "explain it.",
    )
