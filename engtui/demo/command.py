"""``engtui demo``: run the local Partner Central endpoint until interrupted.

The lead wires ``add_arguments`` and ``run`` into the main argument parser; the module
also runs on its own: ``python -m engtui.demo.command --port 0``.

When the endpoint is ready, exactly one line goes to standard output: its URL (so a
script can read it). Unless ``--quiet``, a few hints follow on standard error: how many
engagements are served and the access key id to sign with. The secret access key is never
printed. ``--verbose`` logs one line per request to standard output. ``--latency`` adds a
delay to every answer (``--latency 0.3``) or to one operation's (``--latency
GetEngagement=0.3``; repeatable), as a slow link would. A data file that cannot be used is
reported in one line on standard error, with exit status 2.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from typing import Any

from engtui.demo import ACCESS_KEY_ENV, SECRET_KEY_ENV, demo_credentials_from_env
from engtui.demo.quota import DEFAULT_QUOTA
from engtui.textsafe import printable, printable_lines

__all__ = ["add_arguments", "latency_option", "main", "run"]

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must not be negative")
    return value


def _port(text: str) -> int:
    value = _count(text)
    if value > 65535:
        raise argparse.ArgumentTypeError("must be at most 65535")
    return value


def latency_option(text: str) -> dict[str, float]:
    """Parse ``SECONDS`` or ``OPERATION=SECONDS`` (an operation of the service model)."""
    name, _, seconds = text.rpartition("=")
    try:
        value = float(seconds)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {seconds!r}") from None
    if not value >= 0 or value == float("inf"):
        raise argparse.ArgumentTypeError("latency must be a finite number, not negative")
    if "=" in text:
        from engtui.demo import model

        if name not in model.service_model().operation_names:
            raise argparse.ArgumentTypeError(f"not an operation of the service: {name!r}")
        return {name: value}
    return {"*": value}


class _MergeLatency(argparse.Action):
    """``--latency`` may be given several times: the values add up into one table."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        merged = dict(getattr(namespace, self.dest) or {})
        merged.update(values)
        setattr(namespace, self.dest, merged)


def _positive(unit: str) -> Callable[[str], float]:
    """An argparse type: a positive, finite number of ``unit`` ("reads", "seconds")."""

    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            value = 0.0
        if not value > 0 or value == float("inf"):
            raise argparse.ArgumentTypeError(f"{text!r} is not a positive number of {unit}")
        return value

    return parse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the demo endpoint's options to ``parser``."""
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)"
    )
    parser.add_argument(
        "--port", type=_port, default=0, help="port to listen on (default: 0, a free port)"
    )
    source = parser.add_mutually_exclusive_group()
    source.add_argument(
        "--data", metavar="FILE", help="serve the engagements and faults of this JSON file"
    )
    source.add_argument(
        "--generate",
        metavar="N",
        type=_count,
        help="serve N deterministic synthetic engagements (for scale tests)",
    )
    parser.add_argument(
        "--latency",
        metavar="[OPERATION=]SECONDS",
        type=latency_option,
        action=_MergeLatency,
        default=None,
        help="add SECONDS to every answer, or only to OPERATION's (repeatable: "
        "--latency 0.1 --latency GetEngagement=0.3)",
    )
    parser.add_argument(
        "--quota", metavar="READS", type=_positive("reads"), default=DEFAULT_QUOTA,
        help=f"reads a second per access key before ThrottlingException, as the service "
        f"(default: {DEFAULT_QUOTA:g}, the documented quota)",
    )
    parser.add_argument(
        "--no-quota", dest="quota", action="store_const", const=None,
        help="never throttle (for measuring the client's own overhead)",
    )
    parser.add_argument(
        "--evolve", metavar="SECONDS", type=_positive("seconds"), default=None,
        help="every SECONDS, add a new pending invitation and a new task (some failing), "
        "so watching a list (w, engtui list --watch) has something to find",
    )
    parser.add_argument(
        "--quiet", action="store_true", help="print only the URL, no hints on standard error"
    )
    parser.add_argument(
        "--verbose", action="store_true", help="log one line per request on standard output"
    )


def run(args: argparse.Namespace) -> int:
    """Serve until SIGINT or SIGTERM; return the exit status."""
    from engtui.demo.data import DemoDataError, DemoDataset
    from engtui.demo.server import DemoServer

    try:
        if args.data:
            dataset = DemoDataset.from_file(args.data)
        elif args.generate is not None:
            dataset = DemoDataset.generated(args.generate)
        else:
            dataset = DemoDataset.bundled()
    except DemoDataError as exc:
        print(printable_lines(f"engtui demo: {exc}"), file=sys.stderr, flush=True)
        return EXIT_USAGE

    server = DemoServer(
        dataset, host=args.host, port=args.port, latency=getattr(args, "latency", None),
        quota=getattr(args, "quota", DEFAULT_QUOTA), evolve=getattr(args, "evolve", None),
    )
    try:
        url = server.start()
    except OSError as exc:
        print(
            printable(f"engtui demo: cannot listen on {args.host}:{args.port}: "
                      f"{exc.strerror or exc}"),
            file=sys.stderr,
            flush=True,
        )
        return EXIT_FAILURE
    stop = threading.Event()
    previous = _install_handlers(stop)
    try:
        print(url, flush=True)
        if args.verbose:  # only now: the URL must be the first line on standard output
            server.log = _stdout_line
        if not args.quiet:
            _hints(dataset, getattr(args, "latency", None))
            if getattr(args, "evolve", None):
                print(f"engtui demo: a new invitation and task every {args.evolve:g} s",
                      file=sys.stderr, flush=True)
        stop.wait()
    except KeyboardInterrupt:
        pass
    finally:
        _restore_handlers(previous)
        server.stop()
    return EXIT_OK


def _stdout_line(line: str) -> None:
    print(printable(line), flush=True)  # a request's operation name is the client's text


def _hints(dataset: Any, latency: dict[str, float] | None = None) -> None:
    access_key_id, _ = demo_credentials_from_env()
    catalogs = ", ".join(
        f"{catalog}: {len(dataset.engagement_ids(catalog))}" for catalog in ("Sandbox", "AWS")
    )
    source = printable(str(dataset.source))  # a path: any character may be in it
    print(
        f"engtui demo: serving {len(dataset)} engagements ({catalogs}) from {source}\n"
        f"engtui demo: sign with access key id {access_key_id} and the secret from "
        f"{SECRET_KEY_ENV} (or the built-in demo default); any region\n"
        f"engtui demo: set {ACCESS_KEY_ENV}/{SECRET_KEY_ENV} to change the key pair; "
        "Ctrl+C stops",
        file=sys.stderr,
        flush=True,
    )
    if latency:
        others = "every call" if len(latency) == 1 else "other calls"
        added = ", ".join(
            f"{others if name == '*' else name} {seconds:g} s"
            for name, seconds in latency.items()
        )
        print(f"engtui demo: added latency: {added}", file=sys.stderr, flush=True)


def _install_handlers(stop: threading.Event) -> dict[int, Any]:
    previous: dict[int, Any] = {}
    if threading.current_thread() is not threading.main_thread():
        return previous  # signals are only delivered to the main thread

    def handler(signum: int, frame: Any) -> None:
        stop.set()

    for signum in (signal.SIGINT, signal.SIGTERM):
        previous[signum] = signal.signal(signum, handler)
    return previous


def _restore_handlers(previous: dict[int, Any]) -> None:
    for signum, handler in previous.items():
        signal.signal(signum, handler)


def main(argv: Sequence[str] | None = None) -> int:
    """Parse ``argv`` and run the endpoint (``python -m engtui.demo.command``)."""
    parser = argparse.ArgumentParser(
        prog="python -m engtui.demo.command",
        description="Run a local AWS Partner Central Selling endpoint with demo data.",
    )
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
