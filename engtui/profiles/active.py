"""Which profile is active, and the client settings it gives (`ClientSettings`).

Where profiles (the config file, the keyring, ``~/.aws``) meet the API layer. Precedence
for the profile: ``--profile`` > ``ENGTUI_PROFILE`` > the config file's
``default_profile`` > none ("environment": plain boto3 resolution of ``AWS_PROFILE``,
environment keys, ``~/.aws``). A ``--profile`` that names no engtui
profile but an AWS named profile in ``~/.aws/config`` uses that AWS profile directly, so
``engtui --profile my-sso`` works without any engtui config.

A static-key profile's secret is *not* read here: reading the keyring can block (a locked
collection, no D-Bus over SSH), so the settings carry a loader that the service calls in
its worker thread when it first builds the client.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from engtui.api.errors import ApiError, ErrorKind
from engtui.api.settings import ClientSettings, StaticCredentials
from engtui.profiles.aws_config import AwsProfiles, env_aws_profile, list_aws_profiles
from engtui.profiles.config_file import ConfigFile
from engtui.profiles.model import (
    ENVIRONMENT,
    Profile,
    UnknownProfileError,
    UnusableProfileError,
)
from engtui.profiles.resolve import aws_files_error, resolve_settings

if TYPE_CHECKING:
    from engtui.profiles.secrets import SessionSecrets


class ProfileNotFound(ValueError):
    """A profile name typed by the user (``--profile``, ``ENGTUI_PROFILE``, ``AWS_PROFILE``)
    or kept in the config (``default_profile``) names no profile. ``origin`` is where the
    name came from; the message starts with it."""

    def __init__(self, message: str, origin: str = "--profile") -> None:
        super().__init__(message)
        self.origin = origin


_ORIGINS = {
    "--profile": "--profile",
    "ENGTUI_PROFILE": "ENGTUI_PROFILE (environment)",
    "default_profile": "default_profile (config file)",
}


def _unknown_aws_profile(
    settings: ClientSettings, aws: AwsProfiles, environ: Mapping[str, str] | None
) -> None:
    """Refuse an ``AWS_PROFILE`` that names no AWS profile when the environment is what
    engtui uses: botocore would fail on the first call, blaming the credentials."""
    if settings.aws_profile or settings.credentials or settings.credentials_loader:
        return
    found = env_aws_profile(environ)
    if found is None or aws.errors:
        return
    name, variable = found
    if aws.get(name) is None and name != "default":
        files = [str(path) for path in (aws.config_file, aws.credentials_file) if path]
        raise ProfileNotFound(
            f"{variable} (environment): {name!r} is not an AWS named profile in "
            f"{' or '.join(files) or '~/.aws'}", variable,
        )


class ProfileUnusable(ProfileNotFound):
    """The chosen profile (``--profile``, ``ENGTUI_PROFILE`` or ``default_profile``) is in
    the config file but one of its values is invalid: refused with its name and what is
    wrong, never replaced by the environment or an AWS profile of the same name."""


@dataclass
class ActiveProfile:
    """The settings to use, the profile they came from, and what to tell the user."""

    settings: ClientSettings
    profile: Profile | None
    config: ConfigFile
    notes: list[str] = field(default_factory=list)
    # Said when the default profile wins over credentials the environment names
    # (`environment_overruled`): the sentence for stderr, and a short form for the bar.
    overruled: str = ""
    overruled_short: str = ""


CREDENTIAL_VARIABLES = ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ACCESS_KEY_ID")
"""The variables with which the AWS environment names credentials of its own."""


def environment_overruled(
    origin: str, profile: Profile | None, environ: Mapping[str, str] | None = None
) -> tuple[str, str]:
    """When the config file's ``default_profile`` is in use while the environment names
    credentials of its own (``AWS_PROFILE``, ``AWS_ACCESS_KEY_ID``), say which one won, as
    documented (``--profile`` > ``ENGTUI_PROFILE`` > ``default_profile`` > the AWS
    environment): a sentence and a short form ("" and "": nothing to say)."""
    import os

    from engtui.textsafe import printable

    env = os.environ if environ is None else environ
    named = [name for name in CREDENTIAL_VARIABLES if env.get(name)]
    if profile is None or origin != "default_profile" or not named:
        return "", ""
    shown = [f"{name}={printable(env[name], limit=60)}" if name != "AWS_ACCESS_KEY_ID"
             else name for name in named]
    return (
        f"using the default profile “{printable(profile.name, limit=60)}” (default_profile "
        f"in the config file), not {' and '.join(shown)} from the environment; "
        "`--profile environment` uses the environment's",
        f"default profile over {named[0]}",
    )


def secret_loader(
    profile: Profile, config: ConfigFile, session: SessionSecrets
) -> Callable[[], StaticCredentials]:
    """A function that reads a static-key profile's secret (call it off the UI thread)."""
    access_key_id = profile.access_key_id or ""

    def load() -> StaticCredentials:
        from engtui.profiles.keyring_probe import KeyringUnavailable, SecretStoreError
        from engtui.profiles.secrets import SecretStore, static_credentials

        store: SecretStore | None = None
        unavailable: str = ""
        locked = False
        try:
            store = SecretStore.open(allow_insecure=config.allow_insecure_keyring)
        except KeyringUnavailable as error:
            unavailable = str(error)
            locked = error.status is not None and error.status.locked
        try:
            found = static_credentials(access_key_id, profile.name, session, store)
        except SecretStoreError as error:
            found, unavailable = None, str(error)
        if found is None:
            where = f"the keyring is not usable: {unavailable}" if unavailable else (
                "no secret is stored in the keyring for it"
            )
            raise ApiError(
                ErrorKind.CREDENTIALS,
                f"Profile “{profile.name}” uses a static access key, but {where}.",
                missing_secret_hint(profile.name, keyring_usable=not unavailable,
                                    locked=locked),
            )
        return found

    return load


def missing_secret_hint(name: str, *, keyring_usable: bool, locked: bool = False) -> str:
    """What to do about a static-key profile with no secret to sign with, in the TUI and
    from the command line (where nothing can be typed in for this run)."""
    if locked:  # the secret is kept there: it only cannot be read until unlocked
        return (
            "The keyring is locked: unlock it (log in to the desktop session, or unlock its "
            "login collection with your keyring tool, e.g. seahorse), then retry; the secret "
            f"stored for {name} is still there."
        )
    if keyring_usable:
        return (
            "Enter the secret on the profiles screen (F2, then e), or from the command line "
            f"store it again: `engtui profiles remove {name}`, then "
            f"`engtui profiles add {name} --access-key-id …` (it asks for the secret)."
        )
    return (
        "With no usable keyring a secret cannot be kept between runs. In the TUI, enter it "
        "for this run (F2, then e). From the command line, use an AWS named profile "
        "instead (`aws configure --profile NAME`, then `engtui profiles add NAME "
        "--aws-profile NAME`), or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY and run "
        "with `--profile environment`."
    )


def settings_from_profile(
    profile: Profile, config: ConfigFile, session: SessionSecrets | None = None
) -> ClientSettings:
    """Connection settings for one engtui profile. Only a static-key profile needs
    `session` (secrets kept for this run); keyring is imported only for such a profile."""
    values: dict[str, object] = {"label": profile.name, "catalog": profile.catalog}
    for key in ("aws_profile", "region", "endpoint_url", "connect_timeout", "read_timeout",
                "max_attempts", "retry_mode", "reads_per_second", "reads_per_day", "prefetch"):
        value = getattr(profile, key)
        if value is not None:
            values[key] = value
    if profile.needs_secret:
        if session is None:
            from engtui.profiles.secrets import SessionSecrets

            session = SessionSecrets()
        values["credentials_loader"] = secret_loader(profile, config, session)
    return ClientSettings(**values)  # type: ignore[arg-type]


def active_profile(
    cli_profile: str | None = None,
    overrides: Mapping[str, object] | None = None,
    *,
    session: SessionSecrets | None = None,
    environ: Mapping[str, str] | None = None,
    config: ConfigFile | None = None,
) -> ActiveProfile:
    """The active profile and its client settings, for the command line's ``--profile``
    and other options (``overrides``)."""
    config = config if config is not None else ConfigFile.load()
    aws = list_aws_profiles(environ)
    notes = [f"config: {error}" for error in config.errors]
    profile: Profile | None = None
    try:
        profile = config.resolve_active(cli_profile, environ)
    except UnusableProfileError as error:  # said where the name came from, like a typo
        raise ProfileUnusable(str(error),
                              config.selection(cli_profile, environ).origin) from None
    except UnknownProfileError as error:
        if not (cli_profile and _may_be_aws_profile(cli_profile, aws)):
            origin = config.selection(cli_profile, environ).origin
            message = f"{_ORIGINS.get(origin, origin)}: {error}"
            if origin == "--profile":
                message += "; nor is it an AWS named profile"
            raise ProfileNotFound(message, origin) from None
        settings = ClientSettings(label=f"aws:{cli_profile}", aws_profile=cli_profile)
    else:
        settings = (
            settings_from_profile(profile, config, session)
            if profile is not None
            else ClientSettings()
        )
    settings = replace(settings, **{k: v for k, v in (overrides or {}).items() if v is not None})
    _unknown_aws_profile(settings, aws, environ)
    overruled, short = environment_overruled(
        config.selection(cli_profile, environ).origin if profile is not None else "",
        profile, environ)
    return ActiveProfile(resolve_settings(settings, environ, aws), profile, config, notes,
                         overruled, short)


def _may_be_aws_profile(name: str, aws: AwsProfiles) -> bool:
    """True when ``name`` is an AWS named profile, or may be one in an AWS file that cannot
    be parsed (then the first call says what is wrong with that file)."""
    return aws.get(name) is not None or bool(aws.errors)


def active_profile_for_tui(
    cli_profile: str | None,
    overrides: Mapping[str, object] | None,
    *,
    session: SessionSecrets,
    environ: Mapping[str, str] | None = None,
) -> tuple[ActiveProfile, list[str]]:
    """Like `active_profile`, but a ``default_profile`` that does not exist (a broken config
    file) does not stop the TUI: it starts on the AWS environment and says why (the second
    value), so the user is not locked out of the profiles screen where it can be fixed.

    A name the user typed for this run (``--profile``, ``ENGTUI_PROFILE``, ``AWS_PROFILE``)
    is refused as on the command line (`ProfileNotFound`): running on other credentials
    than the ones asked for, after a toast, is worse than not starting.
    """
    config = ConfigFile.load()
    files = [aws_files_error(problem).one_line() for problem in list_aws_profiles(environ).errors]
    try:
        return active_profile(
            cli_profile, overrides, session=session, environ=environ, config=config
        ), files
    except ProfileNotFound as error:
        if error.origin != "default_profile":
            raise
        active = active_profile(
            ENVIRONMENT, overrides, session=session, environ=environ, config=config
        )
        return active, [
            f"{error}. Using the AWS environment instead; press F2 to pick or add a profile.",
            *files,
        ]
