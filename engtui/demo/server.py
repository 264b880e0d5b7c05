"""The demo endpoint's HTTP server: SigV4 check, ``X-Amz-Target`` dispatch, faults.

``DemoServer`` runs a ``ThreadingHTTPServer`` on a daemon thread (one thread per
connection), so a ``slow`` fault or an added latency never holds up other requests, and
keeps a thread-safe log of the requests it answered (``requests``, and just their
operation names in ``received_operations()``) for tests that need to see what a client
sent, or that it sent nothing, or only read operations.

``latency`` (``set_latency``) adds a delay to every answer, or to the answers of named
operations, just before the response is written: ``DemoServer(latency=0.3)``,
``DemoServer(latency={"GetEngagement": 0.3})``, or both with the key ``"*"`` for the rest.

One port serves both services of the model: ``partnercentral-selling`` and
``partnercentral-benefits``, picked by the ``X-Amz-Target`` prefix (each signed with its own
SigV4 service name, the same key pair).

Each request goes through, in order: the signature (``sigv4``), the target header
(``AWSPartnerCentralSelling.<Operation>`` or ``PartnerCentralBenefitsService.<Operation>``,
else ``UnknownOperationException``), the JSON
body (else ``SerializationException``), the input shape (``operations.prepare``), the
configured fault, and finally the operation.
"""

from __future__ import annotations

import contextlib
import json
import socket
import sys
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

from engtui.demo import demo_credentials_from_env, model, operations, sigv4
from engtui.demo.data import DemoDataset
from engtui.demo.faults import FaultInjector
from engtui.demo.protocol import Response, ServiceError, new_request_id
from engtui.demo.quota import Quota

__all__ = ["DemoServer", "RecordedRequest"]

POLL_INTERVAL = 0.05
ANY_OPERATION = "*"
STOP_TIMEOUT = 5.0


@dataclass(frozen=True)
class RecordedRequest:
    """One answered request.

    ``operation`` is the name from ``X-Amz-Target`` (empty when absent or foreign);
    ``service`` the service it named (``partnercentral-selling`` or
    ``partnercentral-benefits``; empty when foreign);
    ``params`` the JSON body as sent (empty when it was not a JSON object); ``status`` the
    HTTP status; ``error_code`` the error's ``__type`` or the fault that shaped the
    answer (``None`` for a normal success); ``fault`` the configured fault kind applied.
    """

    operation: str
    params: dict[str, Any]
    status: int
    error_code: str | None = None
    fault: str | None = None
    access_key_id: str | None = None
    region: str | None = None
    request_id: str = ""
    duration: float = 0.0
    headers: dict[str, str] = field(default_factory=dict, repr=False)
    service: str = ""


class DemoServer:
    """A local ``partnercentral-selling`` endpoint on ``host:port`` (0 picks a free port).

    ``access_key_id``/``secret_access_key`` default to ``demo_credentials_from_env()``.
    ``log``, when given, receives one line per request (never a secret or a parameter).
    """

    def __init__(
        self,
        dataset: DemoDataset | None = None,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        access_key_id: str | None = None,
        secret_access_key: str | None = None,
        log: Callable[[str], None] | None = None,
        latency: float | Mapping[str, float] | None = None,
        quota: float | None = None,
        evolve: float | None = None,
    ) -> None:
        """``quota``: requests a second per access key, beyond which the answer is the
        service's ``ThrottlingException`` (`engtui.demo.quota`); ``None``: no quota.
        ``evolve``: every so many seconds a new invitation and task (`engtui.demo.evolve`;
        `evolve_step` takes a step at once)."""
        env_key, env_secret = demo_credentials_from_env()
        self.dataset = dataset if dataset is not None else DemoDataset.bundled()
        self.host = host
        self.port = port
        self.credentials = sigv4.Credentials(
            access_key_id or env_key, secret_access_key or env_secret
        )
        self.log = log
        self._stopping = threading.Event()
        self.faults = FaultInjector(self.dataset.faults, self._stopping)
        self._lock = threading.Lock()
        self._requests: list[RecordedRequest] = []
        self._connections: set[socket.socket] = set()
        self._all_closed = threading.Condition(self._lock)
        self._sent: list[RecordedRequest] = []  # answers written (or failed to write), in order
        self._answer_sent = threading.Condition(self._lock)
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._url: str | None = None
        self._latency: dict[str, float] = {}
        self.set_latency(latency)
        self.quota = Quota(quota) if quota else None
        from engtui.demo.evolve import Evolution

        self.evolution = Evolution(self.dataset, evolve)

    def __repr__(self) -> str:
        return f"DemoServer(url={self._url!r}, engagements={len(self.dataset)})"

    # -- lifecycle ------------------------------------------------------------------------
    @property
    def url(self) -> str:
        """The endpoint URL, ``http://HOST:PORT``; only once started."""
        if self._url is None:
            raise RuntimeError("the demo server has not been started")
        return self._url

    def start(self) -> str:
        """Bind, start serving on a daemon thread and return the URL.

        The socket is listening when this returns; botocore's model loads on the server
        thread meanwhile, so the first request may wait for it (a tenth of a second).
        """
        if self._httpd is not None:
            return self.url
        server_class = _HTTPServer6 if ":" in self.host else _HTTPServer
        httpd = server_class((self.host, self.port), _Handler)
        httpd.demo = self
        self._httpd = httpd
        port = httpd.server_address[1]
        host = f"[{self.host}]" if ":" in self.host else self.host
        self._url = f"http://{host}:{port}"
        self._stopping.clear()
        self._thread = threading.Thread(target=self._serve, args=(httpd,),
                                        name=f"engtui-demo-{port}", daemon=True)
        self._thread.start()
        self.evolution.start()
        return self._url

    def _serve(self, httpd: _HTTPServer) -> None:
        # The server is passed in, not read from self._httpd: a `stop` during the warm-up
        # clears that, and its shutdown() then waited forever for a serve_forever that the
        # thread, failing, never started.
        for name in model.SERVICE_NAMES:  # warm up while the first client connects
            model.service_model(name)
        self.dataset.index()
        httpd.serve_forever(poll_interval=POLL_INTERVAL)

    def evolve_step(self) -> tuple[str, str]:
        """One evolution step now: a new pending invitation and a task; their ids."""
        return self.evolution.step()

    # -- latency ----------------------------------------------------------------------
    def set_latency(self, latency: float | Mapping[str, float] | None) -> None:
        """Set the delay added to each answer: seconds for all, or by operation name.

        A mapping may hold ``"*"`` for every operation it does not name. ``None`` or ``0``
        removes the delay. Takes effect for the next request.
        """
        if latency is None:
            table: dict[str, float] = {}
        elif isinstance(latency, int | float):
            table = {ANY_OPERATION: float(latency)}
        else:
            table = {name: float(seconds) for name, seconds in latency.items()}
        if any(seconds < 0 for seconds in table.values()):
            raise ValueError("latency must not be negative")
        with self._lock:
            self._latency = table

    def latency_for(self, operation: str) -> float:
        """The delay added to an answer to ``operation``, in seconds."""
        with self._lock:
            table = self._latency
        return table.get(operation, table.get(ANY_OPERATION, 0.0))

    def stop(self) -> None:
        """Stop serving: wake pending ``slow`` faults, close connections, free the port.

        Returns once every connection handler has finished (at most ``STOP_TIMEOUT``).
        """
        self._stopping.set()
        self.evolution.stop()
        httpd, self._httpd = self._httpd, None
        if httpd is None:
            return
        httpd.shutdown()
        httpd.server_close()
        with self._lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
        with self._all_closed:  # handlers end at once: their sockets and delays are gone
            self._all_closed.wait_for(lambda: not self._connections, timeout=STOP_TIMEOUT)
        if self._thread is not None:
            self._thread.join(timeout=STOP_TIMEOUT)
            self._thread = None

    def __enter__(self) -> DemoServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- request log ------------------------------------------------------------------
    @property
    def requests(self) -> list[RecordedRequest]:
        """A snapshot of the requests answered so far, oldest first."""
        with self._lock:
            return list(self._requests)

    def received_operations(self) -> list[str]:
        """The operation names of the requests received so far, oldest first.

        The name is the one ``X-Amz-Target`` gave, whatever the answer (a refused write
        operation is in it too); requests without a target of this service are not.
        """
        with self._lock:
            return [entry.operation for entry in self._requests if entry.operation]

    def clear_requests(self) -> None:
        """Forget the requests answered so far."""
        with self._lock:
            self._requests.clear()
            self._sent.clear()

    def wait_for_request(
        self,
        operation: str,
        timeout: float = 10.0,
        where: Callable[[RecordedRequest], bool] | None = None,
    ) -> RecordedRequest:
        """Block until the answer to a request for ``operation`` (and ``where(entry)``, when
        given) has gone out on the wire, after any fault's or latency's delay; return its
        entry. One already sent counts. Raises `TimeoutError` after ``timeout`` seconds.

        For tests and scripts that must know a (slow) answer reached the client, instead
        of sleeping for longer than its delay.
        """

        def sent() -> RecordedRequest | None:
            return next((entry for entry in self._sent if entry.operation == operation
                         and (where is None or where(entry))), None)

        with self._answer_sent:
            entry = self._answer_sent.wait_for(sent, timeout=timeout)
        if entry is None:
            raise TimeoutError(f"no answer to {operation} was sent within {timeout} s")
        return entry

    def _sent_answer(self, entry: RecordedRequest) -> None:
        with self._answer_sent:
            self._sent.append(entry)
            self._answer_sent.notify_all()

    def _record(self, entry: RecordedRequest) -> None:
        with self._lock:
            self._requests.append(entry)
        if self.log is not None:
            outcome = entry.error_code or "OK"
            from engtui.textsafe import printable  # the operation is the client's text

            self.log(printable(
                f"{entry.operation or '-'} {entry.status} {outcome} {entry.duration * 1000:.0f}ms"
            ))

    def _track(self, connection: socket.socket, alive: bool) -> None:
        with self._lock:
            if alive:
                self._connections.add(connection)
            else:
                self._connections.discard(connection)
                self._all_closed.notify_all()

    # -- answering ----------------------------------------------------------------------
    def answer(
        self, method: str, target: str, headers: list[tuple[str, str]], body: bytes,
        received: float | None = None,
    ) -> tuple[Response, RecordedRequest]:
        """Answer one HTTP request; return the response and its log entry. ``received``:
        when the request began to arrive (`time.monotonic`; default now), for the quota."""
        started = time.monotonic()
        received = started if received is None else received
        header_map = {name.lower(): value for name, value in headers}
        amz_target = header_map.get("x-amz-target", "")
        prefix, _, operation = amz_target.partition(".")
        service = model.service_for_target(prefix)
        decoded = _json_or_none(body)
        params: dict[str, Any] = decoded if isinstance(decoded, dict) else {}
        fault_kind = None
        auth = None
        try:
            auth = sigv4.verify(
                method=method,
                target=target,
                headers=headers,
                body=body,
                credentials=self.credentials,
                service=model.signing_name(service or model.SERVICE_NAME),
            )
            if service is None or method != "POST" or not operation:
                raise ServiceError("UnknownOperationException", f"Unknown target {amz_target!r}")
            if self.quota is not None and not self.quota.admit(auth.access_key_id, at=received):
                raise ServiceError("ThrottlingException", "Rate exceeded")
            if decoded is None:
                raise ServiceError("SerializationException", "The request body is not valid JSON")
            call = operations.prepare(operation, self.faults.request_body(operation, decoded),
                                      service)
            fault = self.faults.select(call.fault_keys)
            fault_kind = fault.kind if fault else None
            response = self.faults.before(fault) if fault else None
            if response is None:
                response = call.execute(self.dataset)
                if fault is not None:
                    response = self.faults.after(fault, response)
        except ServiceError as error:
            response = error.response()
        except Exception as exc:  # a bug here must still look like AWS to the client
            response = ServiceError(
                "InternalServerException", f"demo server error: {type(exc).__name__}"
            ).response()
        request_id = new_request_id()
        response.headers.setdefault("x-amzn-RequestId", request_id)
        entry = RecordedRequest(
            operation=operation if service is not None else "",
            service=service or "",
            params=params,
            status=response.status,
            error_code=response.error_code,
            fault=fault_kind,
            access_key_id=auth.access_key_id if auth else None,
            region=auth.region if auth else None,
            request_id=request_id,
            duration=time.monotonic() - started,
            headers={k: v for k, v in header_map.items() if k != "authorization"},
        )
        return response, entry


def _json_or_none(body: bytes) -> Any:
    """Decode a JSON request body (empty means ``{}``); ``None`` when it is not JSON."""
    try:
        return json.loads(body) if body.strip() else {}
    except ValueError:
        return None


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    demo: DemoServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that hangs up (a refused reply, a stopped test) is not an error."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


class _HTTPServer6(_HTTPServer):
    address_family = socket.AF_INET6


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "engtui-demo"
    sys_version = ""
    server: _HTTPServer

    def setup(self) -> None:
        super().setup()
        # Headers and body go out in separate writes; without this, Nagle's algorithm and
        # the client's delayed ACK add ~40 ms to every answer.
        with contextlib.suppress(OSError):
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.server.demo._track(self.connection, alive=True)

    def finish(self) -> None:
        self.server.demo._track(self.connection, alive=False)
        with contextlib.suppress(OSError):
            super().finish()

    def log_message(self, format: str, *args: Any) -> None:
        """Silence http.server's own stderr log; ``DemoServer.log`` does the logging."""

    def _serve(self) -> None:
        demo = self.server.demo
        received = time.monotonic()  # the request line and headers are in: it has arrived
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = 0
        body = self.rfile.read(length) if length > 0 else b""
        response, entry = demo.answer(self.command, self.path, list(self.headers.items()), body,
                                      received)
        demo._record(entry)  # before answering: a client that got its answer sees the entry
        delay = demo.latency_for(entry.operation)
        if delay and demo._stopping.wait(delay):  # waits on this connection's thread only
            response = Response(503, b"", close=True, error_code="stopped")
        try:
            self._write(response)
        except OSError:
            self.close_connection = True
        demo._sent_answer(entry)

    def _write(self, response: Response) -> None:
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        length = response.declared_length
        self.send_header("Content-Length", str(len(response.body) if length is None else length))
        for name, value in response.headers.items():
            self.send_header(name, value)
        if response.close:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        self.wfile.write(response.body)
        self.wfile.flush()

    do_POST = do_GET = do_PUT = do_DELETE = do_PATCH = do_HEAD = _serve
