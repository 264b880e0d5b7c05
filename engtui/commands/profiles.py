"""``engtui profiles list | show [NAME] | add NAME ... | remove NAME | set-default NAME``.

``add NAME --access-key-id ID`` reads the secret access key, and optionally a session token
on a second line, from stdin when stdin is not a terminal, else from masked prompts; never
from the command line. The keyring is probed first: when it cannot keep the secret, ``add``
writes nothing (neither the profile nor the secret) and exits with code 3.
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import sys
from collections.abc import Callable

from engtui.api.settings import ENVIRONMENT, RETRY_MODES
from engtui.commands import (
    EXIT_KEYRING,
    EXIT_OK,
    EXIT_PROBLEM,
    EXIT_USAGE,
    add_keyring_timeout,
    error,
    report_config,
    stdout,
    usage_error,
    warn,
)
from engtui.profiles.aws_config import list_aws_profiles
from engtui.profiles.config_file import ConfigFile
from engtui.profiles.describe import describe_credentials, describe_keyring, secret_state
from engtui.profiles.keyring_probe import KeyringUnavailable, SecretStoreError, probe_keyring
from engtui.profiles.model import (
    CATALOGS,
    ConfigError,
    Profile,
    ProfileValueError,
    UnknownProfileError,
)
from engtui.profiles.resolve import resolve_region
from engtui.profiles.secrets import Secret, SecretStore


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the ``profiles`` sub-commands to ``parser``."""
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    actions.required = True

    actions.add_parser("list", help="list the profiles")

    show = actions.add_parser("show", help="show one profile (default: the active one)")
    show.add_argument("name", nargs="?", metavar="NAME")
    add_keyring_timeout(show)

    add = actions.add_parser(
        "add",
        help="add a profile",
        description="Add a profile. With --access-key-id the secret access key (and an "
        "optional session token on a second line) is read from stdin when it is not a "
        "terminal, else asked for with a masked prompt.",
    )
    add.add_argument("name", metavar="NAME")
    source = add.add_mutually_exclusive_group(required=True)
    source.add_argument("--aws-profile", metavar="NAME", help="an AWS named profile from ~/.aws")
    source.add_argument("--access-key-id", metavar="ID", help="a static access key id")
    add.add_argument("--region", help="AWS region (default: the usual AWS rules, us-east-1)")
    add.add_argument("--catalog", choices=CATALOGS, default="AWS", help="default: %(default)s")
    add.add_argument("--endpoint-url", metavar="URL", help="another Partner Central endpoint")
    add.add_argument("--connect-timeout", type=float, metavar="SECONDS")
    add.add_argument("--read-timeout", type=float, metavar="SECONDS")
    add.add_argument("--max-attempts", type=int, metavar="N")
    add.add_argument("--retry-mode", choices=RETRY_MODES)
    add.add_argument("--default", action="store_true", help="make it the default profile")
    add_keyring_timeout(add)

    remove = actions.add_parser("remove", help="remove a profile and its keyring entry")
    remove.add_argument("name", metavar="NAME")
    remove.add_argument(
        "--keep-secret",
        action="store_true",
        help="remove only the settings, leaving the keyring entry (when the keyring is unusable)",
    )
    add_keyring_timeout(remove)

    default = actions.add_parser(
        "set-default", help=f"make NAME the default profile ({ENVIRONMENT!r}: none)"
    )
    default.add_argument("name", metavar="NAME")


def run(args: argparse.Namespace) -> int:
    """Run the ``profiles`` sub-command in ``args.action``; returns the exit code."""
    config = ConfigFile.load()
    handler = _ACTIONS[args.action]
    try:
        return handler(config, args)
    except (UnknownProfileError, ProfileValueError) as exc:  # invalid input: bad usage, 2
        usage_error(str(exc))
        return EXIT_USAGE
    except ConfigError as exc:
        error(str(exc))
        return EXIT_PROBLEM
    except SecretStoreError as exc:
        error(str(exc))
        return EXIT_KEYRING


def _list(config: ConfigFile, args: argparse.Namespace) -> int:
    healthy = report_config(config)
    out = stdout()
    profiles = config.list()
    if not profiles:
        if healthy:
            print(f"no profiles in {config.path}", file=out)
            print("add one with: engtui profiles add NAME --aws-profile AWS_PROFILE", file=out)
        return EXIT_OK if healthy else EXIT_PROBLEM
    aws = list_aws_profiles()
    active = config.selection(args.profile)
    rows = [("", "NAME", "CREDENTIALS", "REGION", "CATALOG")]
    for profile in profiles:
        mark = "*" if profile.name == config.default_profile else ""
        region = resolve_region(profile, aws)
        credentials, _ = describe_credentials(profile, aws)
        rows.append((mark, profile.name, credentials, region.value or "", profile.catalog))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip(),
            file=out,
        )
    who = active.name if active.name else "none (environment)"
    print(f"\n* default profile; active: {who} (from {active.origin})", file=out)
    return EXIT_OK if healthy else EXIT_PROBLEM


def _show(config: ConfigFile, args: argparse.Namespace) -> int:
    healthy = report_config(config)
    name = args.name or config.selection(args.profile).name
    if name is None:
        error("no profile given and none is active; name one: engtui profiles show NAME")
        return EXIT_PROBLEM
    profile = config.get(name)
    aws = list_aws_profiles()
    credentials, problem = describe_credentials(profile, aws)
    region = resolve_region(profile, aws)
    lines = [
        ("profile", profile.name),
        ("default", "yes" if profile.name == config.default_profile else "no"),
        ("credentials", credentials),
    ]
    if profile.needs_secret:
        status = probe_keyring(args.keyring_timeout)
        state, problem = secret_state(profile, status, config.allow_insecure_keyring)
        lines.append(("secret", state))
    lines.append(("region", f"{region.value} ({region.origin})"))
    for key, value in profile.settings().items():
        if key not in ("region", "aws_profile", "access_key_id"):
            lines.append((key, str(value)))
    _print_fields(lines)
    if problem:
        warn(problem)
    return EXIT_OK if healthy else EXIT_PROBLEM


def _add(config: ConfigFile, args: argparse.Namespace) -> int:
    if not report_config(config):
        error(f"not changing {config.path} while it has errors")
        return EXIT_PROBLEM
    if args.name in config:
        error(f"a profile named {args.name!r} already exists (remove it first)")
        return EXIT_USAGE
    profile = Profile(
        name=args.name,
        aws_profile=args.aws_profile,
        access_key_id=args.access_key_id,
        region=args.region,
        catalog=args.catalog,
        endpoint_url=args.endpoint_url,
        connect_timeout=args.connect_timeout,
        read_timeout=args.read_timeout,
        max_attempts=args.max_attempts,
        retry_mode=args.retry_mode,
    )
    out = stdout()
    if not profile.needs_secret:
        if list_aws_profiles().get(args.aws_profile) is None:
            warn(f"aws profile {args.aws_profile!r} is not in ~/.aws/config or credentials (yet)")
        make_default = _wants_default(config, profile, args.default)
        config, _ = ConfigFile.change(config.path, _adding(profile, make_default))
        print(f"added profile {profile.name}{_default_note(config, profile)}", file=out)
        return EXIT_OK

    status = probe_keyring(args.keyring_timeout)
    try:
        store = SecretStore(status, allow_insecure=config.allow_insecure_keyring)
    except KeyringUnavailable as exc:
        error(f"cannot store the secret: {exc}")
        error("nothing was written. Use --aws-profile instead, or run where a keyring works.")
        return EXIT_KEYRING
    secret, token = _read_secret()
    if not secret:
        error("no secret access key given; nothing was written")
        return EXIT_USAGE
    make_default = _wants_default(config, profile, args.default)
    _adding(profile, make_default)(config)  # refused here: nothing stored, nothing written
    store.store(profile.name, secret, token)
    try:
        config, _ = ConfigFile.change(config.path, _adding(profile, make_default))
    except BaseException:
        with contextlib.suppress(SecretStoreError):
            store.delete(profile.name)  # keep the keyring and the file in step
        raise
    print(f"added profile {profile.name}{_default_note(config, profile)}", file=out)
    print(f"secret stored in keyring ({status.backend_name})", file=out)
    return EXIT_OK


def _remove(config: ConfigFile, args: argparse.Namespace) -> int:
    if not report_config(config):
        error(f"not changing {config.path} while it has errors")
        return EXIT_PROBLEM
    profile = config.get(args.name)
    store: SecretStore | None = None
    if profile.needs_secret and not args.keep_secret:
        status = probe_keyring(args.keyring_timeout)
        try:
            # Deleting from an insecure backend only makes things better: allow it.
            store = SecretStore(status, allow_insecure=True)
        except KeyringUnavailable:
            error(f"cannot delete the secret of {profile.name!r}: {describe_keyring(status)}")
            error("nothing was changed; run again where the keyring works, or add --keep-secret")
            return EXIT_KEYRING
    ConfigFile.change(config.path, lambda fresh: fresh.remove(profile.name))
    out = stdout()
    print(f"removed profile {profile.name}", file=out)
    if store is not None:
        try:
            deleted = store.delete(profile.name)
        except SecretStoreError as exc:
            error(f"the settings are gone but the keyring entry could not be deleted: {exc}")
            error(f"delete it with your keyring tool: service 'engtui', user {profile.name!r}")
            return EXIT_KEYRING
        where = f"keyring ({store.backend_name})"
        print(
            f"deleted its secret from the {where}" if deleted else f"no secret in {where}", file=out
        )
    elif profile.needs_secret:
        print(f"kept its keyring entry (service 'engtui', user {profile.name!r})", file=out)
    return EXIT_OK


def _set_default(config: ConfigFile, args: argparse.Namespace) -> int:
    if not report_config(config):
        error(f"not changing {config.path} while it has errors")
        return EXIT_PROBLEM
    name = None if args.name == ENVIRONMENT else args.name
    ConfigFile.change(config.path, lambda fresh: fresh.set_default(name))
    print(f"default profile: {name or 'none (environment)'}", file=stdout())
    return EXIT_OK


def _read_secret() -> tuple[Secret | None, Secret | None]:
    """The secret access key and optional session token: stdin lines, or masked prompts."""
    if sys.stdin is not None and not sys.stdin.isatty():
        lines = sys.stdin.read().splitlines()
        secret = lines[0].strip() if lines else ""
        token = lines[1].strip() if len(lines) > 1 else ""
    else:
        secret = getpass.getpass("Secret access key: ").strip()
        token = getpass.getpass("Session token (Enter for none): ").strip()
    return (Secret(secret) if secret else None), (Secret(token) if token else None)


def _wants_default(config: ConfigFile, profile: Profile, asked: bool) -> bool:
    """Should the new profile become the default? With ``--default``, yes. Otherwise only
    the very first profile, when no default was ever set (``set-default environment``
    sticks), and only when the user says so at a prompt (stdin a terminal); in a script the
    answer is no and a note says how to make it the default."""
    if asked:
        return True
    if config.names() or config.default_profile:
        return False
    if sys.stdin is None or not sys.stdin.isatty():
        print(f"note: {profile.name!r} is not the default profile (it is used with --profile "
              f"{profile.name}); make it the default with --default or `engtui profiles "
              f"set-default {profile.name}`", file=sys.stderr)
        return False
    print(f"Make {profile.name!r} the default profile (used when no --profile is given)? "
          "[y/N] ", end="", file=sys.stderr, flush=True)
    answer = sys.stdin.readline().strip().lower()
    return answer in {"y", "yes"}


def _adding(profile: Profile, make_default: bool) -> Callable[[ConfigFile], None]:
    def add(config: ConfigFile) -> None:
        config.add(profile, make_default=make_default)

    return add


def _default_note(config: ConfigFile, profile: Profile) -> str:
    return " (default)" if config.default_profile == profile.name else ""


def _print_fields(fields: list[tuple[str, str]]) -> None:
    width = max(len(key) for key, _ in fields) + 1
    out = stdout()
    for key, value in fields:
        print(f"{(key + ':').ljust(width)} {value}", file=out)


_ACTIONS = {
    "list": _list,
    "show": _show,
    "add": _add,
    "remove": _remove,
    "set-default": _set_default,
}

__all__ = ["add_arguments", "run"]
