"""``engtui doctor``: what engtui would use, and whether it works, in plain text.

Shows the config file (path, whether it parses, the line of an error), the active profile,
the keyring (backend, class, the probe's result and time), for every profile where its
credentials would come from (never a secret; access key ids as ``AKIA...WXYZ``), its region
and endpoint, and the folders engtui uses. Exit code 0 when healthy, 1 when something is
wrong (a broken config file, an unknown active profile, an AWS profile that does not exist,
a static-key secret missing from a working keyring, a config file or folder that other
users may change) and when no call can succeed: the active profile signs with a static key
and there is no keyring to read its secret from, or there are no credentials at all. A
keyring that is unusable is otherwise reported but is not by itself a failure: profiles that
need no stored secret still work.

Last, it resolves the active connection's credentials exactly as ``engtui get`` does (the
same options, settings, client build and ``--deadline``): an SSO session with no token, a
role that cannot be assumed, a hanging or garbage ``credential_process`` make it fail as they
make ``get`` fail. With credentials, it makes one read call, ``GetSellingSystemSettings``
(the cheapest read there is: one per doctor), to prove that the endpoint answers and that
these credentials may read; it reports the role resource snapshot jobs need
(``ResourceSnapshotJobRoleArn``), and a failed call is a problem in plain words (access
denied names the IAM action, ``partnercentral:GetSellingSystemSettings``). ``--offline``
leaves the call out.
"""

from __future__ import annotations

import argparse
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from engtui import __version__
from engtui.commands import EXIT_OK, EXIT_PROBLEM, add_keyring_timeout, stdout
from engtui.local.paths import cache_dir, log_dir, state_dir
from engtui.profiles.aws_config import AwsProfiles, list_aws_profiles
from engtui.profiles.config_file import ConfigFile
from engtui.profiles.describe import describe_credentials, secret_state
from engtui.profiles.keyring_probe import KeyringStatus, probe_keyring
from engtui.profiles.model import Profile, UnknownProfileError
from engtui.profiles.resolve import resolve_endpoint, resolve_region

if TYPE_CHECKING:
    from engtui.api.service import SellingService


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the ``doctor`` options to ``parser``."""
    add_keyring_timeout(parser)
    parser.add_argument(
        "--offline", action="store_true",
        help="make no call to Partner Central (the GetSellingSystemSettings read)",
    )


def run(args: argparse.Namespace) -> int:
    """Print the report; 0 when healthy, 1 when something is wrong."""
    report = _Report()
    config = ConfigFile.load()
    aws = list_aws_profiles()
    report.line(f"engtui {__version__} doctor")

    report.section("config file")
    report.field("path", str(config.path))
    if not config.ok:
        report.field("status", f"has {len(config.errors)} error(s); engtui will not change it")
        for problem in config.errors:
            report.field("error", str(problem))
            report.problem(str(problem))
    elif config.exists:
        report.field("status", f"ok, {len(config.list())} profile(s)")
    else:
        report.field("status", "not created yet (no profiles)")
    for warning in config.warnings:
        report.field("warning", str(warning))
    for problem in writable_by_others(config.path):
        report.field("warning", problem)
        report.problem(problem)
    report.field("default", config.default_profile or "none")
    selection = config.selection(args.profile)
    try:
        config.resolve_active(args.profile)
        active = selection.name or "none (environment)"
    except UnknownProfileError as exc:
        if args.profile and aws.get(args.profile) is not None:  # as `engtui --profile` uses it
            active = f"{args.profile} (an AWS named profile, used directly)"
        else:
            active = f"{selection.name} (UNKNOWN)"
            if not (args.profile and aws.errors):  # else the unreadable AWS file says why
                report.problem(str(exc))
    report.field("active", f"{active}, from {selection.origin}")

    report.section("keyring")
    status = probe_keyring(args.keyring_timeout)
    report.field("backend", f"{status.backend_name} ({status.backend_class})")
    report.field("class", str(status.kind))
    report.field("probe", f"{status.reason} (took {status.elapsed:.2f} s)")
    allowed = "allowed" if config.allow_insecure_keyring else "not allowed"
    report.field("insecure backends", f"{allowed} (allow_insecure_keyring)")

    report.section("profiles")
    for profile in config.list():
        marks = [
            mark
            for mark, on in (
                ("default", profile.name == config.default_profile),
                ("active", profile.name == selection.name),
            )
            if on
        ]
        report.line(f"  {profile.name}" + (f" ({', '.join(marks)})" if marks else ""))
        _describe(report, profile, aws, status, config.allow_insecure_keyring)
    report.line("  (no profile: environment)" + (" (active)" if selection.name is None else ""))
    _describe(report, None, aws, status, config.allow_insecure_keyring)
    for problem in aws.errors:
        report.problem(str(problem))

    report.section("folders")
    report.field("state", str(state_dir()))
    report.field("cache", str(cache_dir()))
    report.field("logs", str(log_dir()))
    report.field("aws config", f"{aws.config_file} ({_exists(aws.config_file)})")
    report.field("aws credentials", f"{aws.credentials_file} ({_exists(aws.credentials_file)})")

    if not getattr(args, "demo", False):  # --demo brings its own endpoint and key pair
        _check_active(report, config, args.profile, aws, status)
    _check_credentials(report, args)

    report.section("result")
    if report.problems:
        for problem in report.problems:
            report.field("problem", problem)
        return EXIT_PROBLEM
    report.field("status", "healthy")
    return EXIT_OK


def _check_active(
    report: _Report,
    config: ConfigFile,
    cli_profile: str | None,
    aws: AwsProfiles,
    status: KeyringStatus,
) -> None:
    """A problem when no call can succeed with the active profile: a static key whose
    secret cannot be read here, or no credentials at all (as `engtui get` would find)."""
    from engtui.profiles.active import missing_secret_hint

    try:
        profile = config.resolve_active(cli_profile)
    except UnknownProfileError:
        return  # already a problem
    if profile is not None and profile.needs_secret:
        if not status.allows_storing(config.allow_insecure_keyring):
            report.problem(
                f"the active profile {profile.name!r} signs with a static key whose secret "
                f"cannot be read: the keyring {status.backend_name} is not usable, so no call "
                f"can succeed. "
                f"{missing_secret_hint(profile.name, keyring_usable=False, locked=status.locked)}"
            )
        return  # a secret missing from a working keyring is reported with the profile
    if profile is None and not _environment_has_credentials(aws):
        report.problem(
            "no credentials: nothing in the environment, ~/.aws or the instance or container "
            "metadata, so no call can succeed. Add a profile (`engtui profiles add`), or "
            "configure the AWS CLI (`aws configure`, `aws sso login`)."
        )


CONNECTION_OPTIONS = ("region", "endpoint_url", "catalog", "connect_timeout", "read_timeout",
                      "max_attempts", "retry_mode", "deadline")


def _check_credentials(report: _Report, args: argparse.Namespace) -> None:
    """Resolve the active connection's credentials exactly as `engtui get` does (the same
    settings, client build and deadline; no Partner Central call): SSO with no token, a
    role that cannot be assumed, a hanging or garbage credential_process fail here too."""
    from engtui.api.errors import ApiError
    from engtui.profiles.active import ProfileNotFound, active_profile

    settings = getattr(args, "settings", None)  # computed by `engtui doctor` as for get
    if settings is None:
        overrides = {name: getattr(args, name, None) for name in CONNECTION_OPTIONS}
        try:
            settings = active_profile(args.profile, overrides).settings
        except ProfileNotFound:
            return  # already a problem
    report.section("connection (as engtui get would use it)")
    report.field("calls go to", settings.resolved().describe())
    from engtui.api.service import SellingService

    service = SellingService(settings)
    budget = service.budget()  # the day's count, as every engtui process of this profile keeps
    report.field("call budget", f"{budget.rate:g} reads a second; {budget.describe()} "
                                f"(rolling 24 hours, catalog {settings.catalog})")
    try:
        method = service.check_credentials()
    except ApiError as error:
        report.field("credentials check", f"FAILED (exit {error.kind.exit_code} in get)")
        if not any(problem.startswith("no credentials:") for problem in report.problems):
            report.problem(f"credentials: {error.one_line()}")
    else:
        report.field("credentials check", f"resolved ({method})")
        if getattr(args, "offline", False):
            report.field("read call", "not made (--offline)")
        else:
            _read_call(report, service, settings.catalog)
    finally:
        service.close()


SETTINGS_ACTION = "partnercentral:GetSellingSystemSettings"


def _read_call(report: _Report, service: SellingService, catalog: str) -> None:
    """One read, ``GetSellingSystemSettings``: does the endpoint answer these credentials?
    Reports the snapshot-job role; a failure is a problem that says what failed."""
    from engtui.api.errors import ApiError, ErrorKind
    from engtui.textsafe import printable

    try:
        settings = service.selling_system_settings(catalog)
    except ApiError as error:
        report.field("read call", f"GetSellingSystemSettings FAILED (exit "
                                  f"{error.kind.exit_code} in get)")
        if error.kind is ErrorKind.ACCESS_DENIED:
            report.problem(f"these credentials may not read Partner Central in catalog "
                           f"{catalog}: GetSellingSystemSettings was denied (allow the IAM "
                           f"action {SETTINGS_ACTION}, and the other partnercentral: reads "
                           f"engtui makes). {error.one_line()}")
        else:
            report.problem(f"the read call GetSellingSystemSettings failed: "
                           f"{error.one_line()}")
        return
    report.field("read call", "GetSellingSystemSettings ok")
    role = settings.get("ResourceSnapshotJobRoleArn")
    report.field("snapshot job role", printable(str(role), limit=200) if role else
                 "none set (resource snapshot jobs cannot run until one is; see "
                 "PutSellingSystemSettings)")


def _environment_has_credentials(aws: AwsProfiles) -> bool:
    """Whether boto3's default chain would find credentials (no profile of engtui's).

    When neither the environment nor the AWS files name any, botocore's own chain is asked:
    only the container and instance metadata providers are left (one short attempt each;
    `AWS_EC2_METADATA_DISABLED` skips the latter). Never reads a secret out loud."""
    credentials, _ = describe_credentials(None, aws)
    if not credentials.startswith("environment: no credentials"):
        return True  # named ones: whether they work is the profile lines' to say
    import botocore.session

    try:
        return botocore.session.Session().get_credentials() is not None
    except Exception:  # a broken chain is "none" here; the call would fail the same way
        return False


def _describe(
    report: _Report,
    profile: Profile | None,
    aws: AwsProfiles,
    status: KeyringStatus,
    allow_insecure: bool,
) -> None:
    credentials, problem = describe_credentials(profile, aws)
    report.field("credentials", credentials, indent=4)
    if problem:
        report.problem(f"profile {profile.name!r}: {problem}" if profile else problem)
    if profile is not None and profile.needs_secret:
        state, problem = secret_state(profile, status, allow_insecure)
        report.field("secret", state, indent=4)
        if problem:
            report.problem(problem)
    region = resolve_region(profile, aws)
    endpoint = resolve_endpoint(profile)
    report.field("region", f"{region.value} ({region.origin})", indent=4)
    report.field("endpoint", f"{endpoint.value or 'AWS'} ({endpoint.origin})", indent=4)
    if profile is not None:
        report.field("catalog", profile.catalog, indent=4)


def writable_by_others(path: Path) -> list[str]:
    """Warnings for a config file, or its folder, that another local user could change (and
    so point ``endpoint_url`` at a server of theirs), each with the command that fixes it."""
    target = Path(os.path.realpath(path))
    warnings = []
    for where, kind, fix in (
        (target, "file", f"chmod 600 {target}"),
        (target.parent, "folder", f"chmod 700 {target.parent}"),
    ):
        try:
            mode = where.stat().st_mode
        except OSError:
            continue
        if mode & stat.S_IWOTH:
            who = "every user of this machine"
        elif mode & stat.S_IWGRP:
            who = "the other users of its group"
        else:
            continue
        warnings.append(
            f"the config {kind} {where} can be changed by {who}, who could then send your "
            f"calls to a server of theirs (endpoint_url); fix it with: {fix}"
        )
    return warnings


def _exists(path: Path | None) -> str:
    return "present" if path is not None and path.exists() else "absent"


class _Report:
    """Prints aligned ``key: value`` lines under section titles; collects problems."""

    WIDTH = 20

    def __init__(self) -> None:
        self.out = stdout()
        self.problems: list[str] = []

    def line(self, text: str) -> None:
        print(text, file=self.out)

    def section(self, title: str) -> None:
        self.line(f"\n{title}")

    def field(self, key: str, value: str, indent: int = 2) -> None:
        self.line(f"{' ' * indent}{(key + ':').ljust(self.WIDTH - indent)} {value}")

    def problem(self, text: str) -> None:
        if text not in self.problems:
            self.problems.append(text)
