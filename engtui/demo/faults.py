"""Fault injection: make the demo endpoint misbehave on purpose, per record or operation.

A data file's ``"faults"`` object maps a key to a kind, either as a string or as a dict
with options: ``{"eng-...": "ThrottlingException"}``,
``{"eng-...": {"kind": "slow", "delay": 5}}``. The key is a record id (``eng-``,
``engi-``, ``O...``, ``cust-acc-``...; it need not exist in the data: the fault fires for
any request naming it as ``Identifier``, ``EngagementIdentifier``,
``RelatedOpportunityIdentifier`` or ``ResourceIdentifier``, id or ARN) or an operation
name (``"ListEngagements"``), which fires for every call of that operation. A record key
wins over an operation key. Faults fire after the signature and the request have been
checked, as a real service would fail.

=========================  ===============================================  ==============
kind                       what the client receives                         options
=========================  ===============================================  ==============
ThrottlingException        429, modelled ``ThrottlingException``            ``message``
AccessDeniedException      403, modelled ``AccessDeniedException``          ``message``,
                           (with ``Reason`` when given)                     ``reason``
InternalServerException    500, modelled ``InternalServerException``        ``message``
ValidationException        400, ``ValidationException``, ``Reason``         ``message``
                           ``BUSINESS_VALIDATION_FAILED``
ResourceNotFoundException  400, modelled ``ResourceNotFoundException``      ``message``
http500                    500, unmodelled JSON ``InternalFailure`` body
http503                    503, JSON ``ServiceUnavailable`` body
slow                       the normal answer after ``delay`` seconds; the   ``delay`` (30)
                           wait ends early when the server stops; other
                           requests are served meanwhile
malformed                  200, ``application/x-amz-json-1.0``, a body
                           that is not JSON
truncated                  200, the real JSON body cut in half (with a      ``drop``
                           matching ``Content-Length``); with ``"drop":     (false)
                           true`` the full length is announced and the
                           connection closes mid-body
html                       502 ``text/html`` proxy error page
wrong-content-type         200 ``text/plain``, JSON-ish text (the answer
                           in Python ``repr`` form, not JSON)
throttle-then-ok           ``ThrottlingException`` for the first ``times``  ``times`` (2)
                           requests naming the key, then the real answer
endless                    (keyed by a List/Search operation) a list that   ``token_size``
                           never ends: every page is the real first page    (32),
                           with a new ``NextToken`` (a counter padded to    ``repeat``
                           ``token_size`` characters; 1,000,000 is a huge   (false)
                           token); the token sent is not checked; with
                           ``"repeat": true`` always the same token
many-headers               the real answer with ``count`` extra response    ``count``
                           headers (``x-demo-filler-N``)                    (5000)
unknown-error              ``status`` with an error code the model does     ``code``,
                           not define (``__type`` and                       ``status``
                           ``x-amzn-ErrorType``: ``code``, any text)        (400),
                                                                            ``message``
=========================  ===============================================  ==============
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from engtui.demo.protocol import Response, ServiceError, encode_json

MODELLED_ERRORS = (
    "ThrottlingException",
    "AccessDeniedException",
    "InternalServerException",
    "ValidationException",
    "ResourceNotFoundException",
)
FAULT_KINDS: tuple[str, ...] = (
    *MODELLED_ERRORS,
    "http500",
    "http503",
    "slow",
    "malformed",
    "truncated",
    "html",
    "wrong-content-type",
    "throttle-then-ok",
    "endless",
    "many-headers",
    "unknown-error",
)

_OPTIONS: dict[str, dict[str, type | tuple[type, ...]]] = {
    **{kind: {"message": str} for kind in MODELLED_ERRORS},
    "AccessDeniedException": {"message": str, "reason": str},
    "slow": {"delay": (int, float)},
    "truncated": {"drop": bool},
    "throttle-then-ok": {"times": int},
    "endless": {"token_size": int, "repeat": bool},
    "many-headers": {"count": int},
    "unknown-error": {"code": str, "status": int, "message": str},
}

DEFAULT_DELAY = 30.0
DEFAULT_TIMES = 2
DEFAULT_TOKEN_SIZE = 32
DEFAULT_HEADER_COUNT = 5000
DEFAULT_UNKNOWN_CODE = "FrobnicationRefusedException"

HTML_502 = (
    b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    b"<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>demo-proxy</center>\r\n"
    b"</body>\r\n</html>\r\n"
)


@dataclass(frozen=True)
class FaultSpec:
    """One configured fault: its kind and options (see the module table)."""

    kind: str
    delay: float = DEFAULT_DELAY
    times: int = DEFAULT_TIMES
    message: str | None = None
    reason: str | None = None
    drop: bool = False
    token_size: int = DEFAULT_TOKEN_SIZE
    repeat: bool = False
    count: int = DEFAULT_HEADER_COUNT
    code: str = DEFAULT_UNKNOWN_CODE
    status: int = 400


def parse_fault(value: Any) -> FaultSpec:
    """Parse a fault given as ``"kind"`` or ``{"kind": ..., options}``.

    Raises ``ValueError`` with a short description of the problem.
    """
    if isinstance(value, str):
        value = {"kind": value}
    if not isinstance(value, dict):
        raise ValueError("must be a fault kind or an object with a 'kind'")
    kind = value.get("kind")
    if kind not in FAULT_KINDS:
        raise ValueError(f"unknown fault kind {kind!r}; known kinds: {', '.join(FAULT_KINDS)}")
    allowed = _OPTIONS.get(kind, {})
    options: dict[str, Any] = {}
    for name, option in value.items():
        if name == "kind":
            continue
        if name not in allowed:
            raise ValueError(f"fault kind {kind!r} takes no option {name!r}")
        expected = allowed[name]
        wants_bool = expected is bool
        if not isinstance(option, expected) or (isinstance(option, bool) and not wants_bool):
            raise ValueError(f"option {name!r} has the wrong type")
        if name in ("delay", "times", "count") and option < 0:
            raise ValueError(f"option {name!r} must not be negative")
        if name == "token_size" and option < 1:
            raise ValueError(f"option {name!r} must be at least 1")
        if name == "status" and not 400 <= option <= 599:
            raise ValueError(f"option {name!r} must be an HTTP error status (400-599)")
        if name in ("delay", "times", "count") and option < 0:
            raise ValueError(f"option {name!r} must not be negative")
        options[name] = float(option) if name == "delay" else option
    return FaultSpec(kind, **options)


class FaultInjector:
    """Apply the configured faults to requests; thread-safe.

    ``stopping`` is the server's stop event: a ``slow`` fault waits on it, so stopping the
    server ends every pending delay at once. `release` ends them with their answer.
    """

    def __init__(self, faults: dict[str, FaultSpec], stopping: threading.Event) -> None:
        self._faults = faults
        self._stopping = stopping
        self._lock = threading.Lock()
        self._counts: dict[str, int] = {}
        self._tokens = itertools.count(1)
        self._released = threading.Event()

    def get(self, key: str) -> FaultSpec | None:
        """The fault configured for ``key`` (an identifier or an operation name), if any."""
        with self._lock:
            return self._faults.get(key)

    def set(self, key: str, fault: FaultSpec | None) -> None:
        """Configure ``fault`` for ``key`` from the next request on (``None`` removes it);
        its hit count starts again."""
        with self._lock:
            if fault is None:
                self._faults.pop(key, None)
            else:
                self._faults[key] = fault
            self._counts.pop(key, None)
            self._released.clear()

    def release(self) -> None:
        """Answer every request a ``slow`` fault holds now, and those it would hold next,
        until the next `set`. A test holds an answer with a long delay until the screen
        under test is ready, then releases it, instead of guessing a delay long enough for
        a loaded machine."""
        self._released.set()

    def _slow(self, delay: float) -> bool:
        """Wait out a ``slow`` fault's ``delay``; True when the server stops meanwhile."""
        end = time.monotonic() + delay
        while (left := end - time.monotonic()) > 0 and not self._released.is_set():
            if self._stopping.wait(min(left, 0.02)):
                return True
        return self._stopping.is_set()

    def select(self, keys: Iterable[str]) -> FaultSpec | None:
        """Return the fault for the first configured key, counting the hit."""
        for key in keys:
            fault = self._faults.get(key)
            if fault is None:
                continue
            if fault.kind == "throttle-then-ok":
                with self._lock:
                    seen = self._counts.get(key, 0)
                    self._counts[key] = seen + 1
                if seen >= fault.times:
                    return None
            return fault
        return None

    def request_body(self, operation: str, body: Any) -> Any:
        """The request body to check and run: under an ``endless`` fault of the operation
        the ``NextToken`` is dropped before the check (it hands out tokens the model would
        refuse back, and every page is the first)."""
        fault = self._faults.get(operation)
        if fault is not None and fault.kind == "endless" and isinstance(body, dict):
            return {key: value for key, value in body.items() if key != "NextToken"}
        return body

    def before(self, fault: FaultSpec) -> Response | None:
        """Run the part of ``fault`` that comes before the operation.

        Raises ``ServiceError`` for modelled errors, returns a ``Response`` that replaces
        the answer, or returns ``None`` to let the operation run (``slow`` waits first).
        """
        kind = fault.kind
        if kind in MODELLED_ERRORS or kind == "throttle-then-ok":
            raise _modelled(fault)
        if kind == "http500":
            return _raw_error(
                500,
                "InternalFailure",
                "The request processing has failed because of an unknown error, exception "
                "or failure.",
            )
        if kind == "http503":
            return _raw_error(503, "ServiceUnavailable", "Service is unavailable. Try again.")
        if kind == "html":
            return Response(502, HTML_502, content_type="text/html", error_code="html")
        if kind == "unknown-error":
            message = fault.message or "The request was refused (demo fault)."
            body = encode_json({"__type": fault.code, "message": message})
            # the header only when it can be one (hostile codes travel in the body)
            plain = fault.code.isascii() and fault.code.isprintable()
            headers = {"x-amzn-ErrorType": fault.code} if plain else {}
            return Response(fault.status, body, headers=headers, error_code="unknown-error")
        if kind == "malformed":
            return Response(200, b"<<engtui demo: this body is not JSON>>", error_code=kind)
        if kind == "slow" and self._slow(fault.delay):
            return Response(503, b"", close=True, error_code="stopped")
        return None

    def after(self, fault: FaultSpec, response: Response) -> Response:
        """Apply the part of ``fault`` that rewrites the real answer."""
        if fault.kind == "endless" and response.status == 200:
            number = "1" if fault.repeat else str(next(self._tokens))
            answer = json.loads(response.body)
            answer["NextToken"] = number + "x" * max(0, fault.token_size - len(number))
            return replace(response, body=encode_json(answer), error_code="endless")
        if fault.kind == "many-headers":
            headers = {f"x-demo-filler-{n}": "x" for n in range(fault.count)}
            return replace(response, headers={**response.headers, **headers},
                           error_code="many-headers")
        if fault.kind == "truncated":
            half = response.body[: len(response.body) // 2]
            declared = len(response.body) if fault.drop else None
            return Response(
                200, half, declared_length=declared, close=fault.drop, error_code="truncated"
            )
        if fault.kind == "wrong-content-type":
            text = repr(json.loads(response.body)).encode("utf-8")
            return Response(
                200, text, content_type="text/plain; charset=utf-8", error_code="wrong-content-type"
            )
        return response


def _modelled(fault: FaultSpec) -> ServiceError:
    kind = "ThrottlingException" if fault.kind == "throttle-then-ok" else fault.kind
    default_messages = {
        "ThrottlingException": "Rate exceeded",
        "AccessDeniedException": "User is not authorized to perform this action (demo fault).",
        "InternalServerException": "An internal error occurred (demo fault).",
        "ValidationException": "The request failed business validation (demo fault).",
        "ResourceNotFoundException": "The requested engagement was not found (demo fault).",
    }
    message = fault.message or default_messages[kind]
    members: dict[str, Any] = {}
    if kind == "AccessDeniedException" and fault.reason:
        members["Reason"] = fault.reason
    if kind == "ValidationException":
        members["Reason"] = "BUSINESS_VALIDATION_FAILED"
        members["ErrorList"] = [{"Message": message, "Code": "INVALID_RESOURCE_STATE"}]
    return ServiceError(kind, message, **members)


def _raw_error(status: int, code: str, message: str) -> Response:
    body = encode_json({"__type": code, "message": message})
    return Response(status, body, headers={"x-amzn-ErrorType": code}, error_code=code)
