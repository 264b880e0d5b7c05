"""The log file: API calls with ``--debug``, unexpected errors always, secrets never.

``engtui.log`` lives in the platformdirs log folder (`engtui.local.paths.log_dir()`, on Linux
``~/.local/state/engtui/log/engtui.log``), rotates at 1 MB (three old files kept), and is
created 0600 in a 0700 folder, only when something is written to it.

- Without ``--debug`` only unexpected errors (a bug in a worker) are written, with their
  traceback, so the error shown on screen can name a file to attach to a report.
- With ``--debug`` every API call is logged too: operation, parameters, outcome, attempts,
  duration and the response, with every field the service model marks ``sensitive`` (names,
  emails, phone numbers, account ids, ...) replaced by ``<sensitive>``.

Why not botocore's own debug log: it writes the signed request (the ``Authorization`` header
with the access key id and the signature, the session token) and the raw bodies. Our handler
hangs on the ``engtui`` logger only, so botocore's records never reach it; and as a second
line of defence the formatter blanks any registered secret and anything shaped like a
signature, an ``Authorization`` value or a security token before a line is written.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import threading
from pathlib import Path
from typing import Any

LOGGER_NAME = "engtui"
FILE_NAME = "engtui.log"
MAX_BYTES = 1_000_000
BACKUPS = 3
MASK = "<sensitive>"
REDACTED = "<redacted>"

log = logging.getLogger(LOGGER_NAME)

_lock = threading.Lock()
_secrets: set[str] = set()
_handler: logging.Handler | None = None

_PATTERNS = (
    re.compile(r"(Signature=)[0-9a-fA-F]+"),
    re.compile(r"(?i)(authorization['\"]?\s*[:=]\s*['\"]?)[^'\"\n]+"),
    re.compile(r"(?i)(x-amz-security-token['\"]?\s*[:=]\s*['\"]?)[^'\"\n]+"),
    re.compile(r"(?i)(aws_secret_access_key['\"]?\s*[:=]\s*['\"]?)[^'\"\s,}]+"),
    re.compile(r"(?i)(aws_session_token['\"]?\s*[:=]\s*['\"]?)[^'\"\s,}]+"),
)


def log_path() -> Path:
    """Where the log file is (or will be, once something is written)."""
    from engtui.local.paths import log_dir

    return log_dir() / FILE_NAME


def register_secret(*values: str | None) -> None:
    """Remember secrets (a secret key, a session token) so no log line can ever hold one."""
    with _lock:
        _secrets.update(value for value in values if value and len(value) >= 8)


def redact(text: str) -> str:
    """``text`` with every registered secret and signature-like value blanked."""
    with _lock:
        secrets = sorted(_secrets, key=len, reverse=True)
    for secret in secrets:
        text = text.replace(secret, REDACTED)
    for pattern in _PATTERNS:
        text = pattern.sub(lambda match: match.group(1) + REDACTED, text)
    return text


class _RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


class _DeferredFileHandler(logging.Handler):
    """Builds the rotating file handler on the first record it is given.

    Most runs write nothing, so they neither import ``logging.handlers`` nor touch the file
    system (start-up time); the file is opened 0600 in a 0700 folder when it is first needed.
    """

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.baseFilename = str(path)
        self._file: logging.Handler | None = None

    def _target(self) -> logging.Handler:
        if self._file is None:
            self._file = _private_rotating_handler(Path(self.baseFilename))
            self._file.setFormatter(self.formatter)
        return self._file

    def emit(self, record: logging.LogRecord) -> None:
        self._target().handle(record)

    def flush(self) -> None:
        if self._file is not None:
            self._file.flush()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        super().close()


def _private_rotating_handler(path: Path) -> logging.Handler:
    import logging.handlers

    class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
        """Opens (and re-opens after a rotation) its file with mode 0600 in a 0700 folder."""

        def _open(self):  # type: ignore[no-untyped-def]
            from engtui.local.paths import ensure_private_dir

            target = Path(self.baseFilename)
            ensure_private_dir(target.parent)
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            os.fchmod(fd, 0o600)
            return open(fd, self.mode, encoding=self.encoding, errors=self.errors)

    return PrivateRotatingFileHandler(
        path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True
    )


def configure(debug: bool | None = None) -> Path:
    """Attach the file handler to the ``engtui`` logger (idempotent); return the log's path.

    ``debug=True`` logs every API call, ``False`` only errors, ``None`` keeps what was set
    (errors only by default). The file is created on the first line written, not before.
    """
    global _handler
    path = log_path()
    with _lock:
        if _handler is None or Path(getattr(_handler, "baseFilename", "")) != path:
            if _handler is not None:
                log.removeHandler(_handler)
                _handler.close()
            handler = _DeferredFileHandler(path)
            handler.setFormatter(
                _RedactingFormatter("%(asctime)s %(levelname)s %(threadName)s %(message)s")
            )
            log.addHandler(handler)
            _handler = handler
        log.propagate = False  # never hand our records to a root handler (or the terminal)
        if debug is not None:
            log.setLevel(logging.DEBUG if debug else logging.ERROR)
        elif log.level == logging.NOTSET:
            log.setLevel(logging.ERROR)
    for noisy in ("botocore", "boto3", "urllib3"):  # their debug output holds signatures
        logging.getLogger(noisy).setLevel(max(logging.getLogger(noisy).level, logging.WARNING))
    return path


def shutdown() -> None:
    """Detach and close the handler (tests; a new `configure` may follow)."""
    global _handler
    with _lock:
        if _handler is not None:
            log.removeHandler(_handler)
            _handler.close()
            _handler = None
        log.setLevel(logging.NOTSET)


def log_exception(error: BaseException, where: str = "") -> Path:
    """Write an unexpected error with its traceback; return the log's path to show."""
    path = configure()
    log.error("unexpected error%s: %s: %s", f" in {where}" if where else "",
              type(error).__name__, error, exc_info=(type(error), error, error.__traceback__))
    if _handler is not None:
        with contextlib.suppress(Exception):
            _handler.flush()
    return path


def bug_hint(error: BaseException, where: str = "") -> str:
    """Log an unexpected error and return the hint shown for it, naming the log file."""
    try:
        path = log_exception(error, where)
    except OSError as problem:  # a read-only home must not turn one error into two
        return f"This is a bug in engtui; it could not be logged ({problem.strerror})."
    return f"This is a bug in engtui; the details are in {path}."


def debug_enabled() -> bool:
    return log.isEnabledFor(logging.DEBUG)


# -- API calls, masked with the service model -------------------------------------------------
def masked(value: Any, shape: Any) -> Any:
    """``value`` with every member the model marks sensitive replaced by ``MASK``."""
    from engtui.api.model import is_sensitive

    if shape is not None and is_sensitive(shape):
        return MASK if value not in (None, "", [], {}) else value
    if isinstance(value, dict):
        members = getattr(shape, "members", {}) if shape is not None else {}
        return {key: masked(item, members.get(key)) for key, item in value.items()}
    if isinstance(value, list):
        member = getattr(shape, "member", None) if shape is not None else None
        return [masked(item, member) for item in value]
    return value


def log_call(operation: str, params: dict[str, Any], outcome: str, attempts: int,
             seconds: float, response: dict[str, Any] | None = None) -> None:
    """One API call, at DEBUG (written only with ``--debug``)."""
    if not debug_enabled():
        return
    from engtui.api.jsonout import dumps
    from engtui.api.model import operation as operation_model

    model = operation_model(_operation_name(operation))
    shown_params = masked(params, model.input_shape)
    log.debug("call %s %s -> %s (%d attempt%s, %.0f ms)", operation, dumps(shown_params),
              outcome, attempts, "" if attempts == 1 else "s", seconds * 1000)
    if response is not None:
        body = {key: value for key, value in response.items() if key != "ResponseMetadata"}
        log.debug("reply %s %s", operation, dumps(masked(body, model.output_shape)))


def _operation_name(snake: str) -> str:
    return "".join(part.capitalize() for part in snake.split("_"))
