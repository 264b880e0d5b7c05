"""The TOML config file: loading, validation, edits that keep comments, atomic saves."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from engtui.local.paths import config_path
from engtui.profiles.aws_config import list_aws_profiles
from engtui.profiles.config_file import ConfigFile
from engtui.profiles.model import ConfigError, Profile, ProfileValueError, UnknownProfileError
from engtui.profiles.resolve import resolve_endpoint, resolve_region

COMMENTED = """\
# engtui settings, written by hand
default_profile = "prod"   # the one I use most

# production account
[profiles.prod]
aws_profile = "partner-prod"  # SSO
region = "us-east-1"
catalog = "AWS"

[profiles.sandbox]
# a test key; the secret is in the keyring
access_key_id = "AKIAIOSFODNN7EXAMPLE"
catalog = "Sandbox"
retry_mode = "adaptive"  # throttled a lot
"""


def write(text: str, path: Path | None = None) -> Path:
    path = path or config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_missing_file_is_an_empty_healthy_config() -> None:
    config = ConfigFile.load()
    assert config.ok and not config.exists
    assert config.list() == [] and config.default_profile is None
    assert config.path == config_path()


def test_loads_profiles_in_file_order() -> None:
    write(COMMENTED)
    config = ConfigFile.load()
    assert config.ok, config.errors
    assert config.names() == ["prod", "sandbox"]
    assert config.default_profile == "prod"
    assert config.get("prod") == Profile(
        "prod", aws_profile="partner-prod", region="us-east-1", catalog="AWS"
    )
    sandbox = config.get("sandbox")
    assert sandbox.aws_profile is None and sandbox.needs_secret
    assert sandbox.retry_mode == "adaptive" and sandbox.region is None


def test_edits_keep_comments_and_layout() -> None:
    path = write(COMMENTED)
    config = ConfigFile.load()
    config.update(config.get("prod").replace(region="eu-west-1"))
    config.add(Profile("extra", aws_profile="other", catalog="Sandbox", max_attempts=3))
    config.update(config.get("sandbox").replace(retry_mode=None, read_timeout=12.5))
    config.save()
    text = path.read_text()
    for comment in (
        "# engtui settings, written by hand",
        'default_profile = "prod"   # the one I use most',
        "# production account",
        'aws_profile = "partner-prod"  # SSO',
        "# a test key; the secret is in the keyring",
    ):
        assert comment in text
    assert 'region = "eu-west-1"' in text
    assert "retry_mode" not in text and "# throttled a lot" not in text
    assert "[profiles.extra]" in text and "[profiles]\n" not in text
    reloaded = ConfigFile.load()
    assert reloaded.ok, reloaded.errors
    assert reloaded.names() == ["prod", "sandbox", "extra"]
    assert reloaded.get("prod").region == "eu-west-1"
    assert reloaded.get("sandbox").read_timeout == 12.5
    assert reloaded.get("extra").max_attempts == 3


def test_remove_keeps_the_rest_and_clears_the_default() -> None:
    path = write(COMMENTED)
    config = ConfigFile.load()
    removed = config.remove("prod")
    assert removed.name == "prod"
    config.save()
    text = path.read_text()
    assert "# engtui settings, written by hand" in text
    assert "# a test key; the secret is in the keyring" in text
    assert "default_profile" not in text and "[profiles.prod]" not in text
    reloaded = ConfigFile.load()
    assert reloaded.names() == ["sandbox"] and reloaded.default_profile is None


def test_first_profile_becomes_default_and_set_default() -> None:
    config = ConfigFile.load()
    config.add(Profile("a", aws_profile="x"))
    config.add(Profile("b", aws_profile="y"))
    assert config.default_profile == "a"
    config.set_default(None)
    config.add(Profile("d", aws_profile="w"))  # not the first: no default unless asked
    assert config.default_profile is None
    config.add(Profile("c", aws_profile="z"), make_default=True)
    assert config.default_profile == "c"
    config.set_default("b")
    config.save()
    text = config.path.read_text()
    assert text.startswith('default_profile = "b"\n'), text
    assert ConfigFile.load().default_profile == "b"
    with pytest.raises(UnknownProfileError):
        config.set_default("nope")


def test_add_existing_name_is_refused() -> None:
    config = ConfigFile.load()
    config.add(Profile("a", aws_profile="x"))
    with pytest.raises(ConfigError, match="already exists"):
        config.add(Profile("a", aws_profile="y"))


def test_save_is_atomic_and_private(isolated_home: Path) -> None:
    path = write(COMMENTED)
    path.chmod(0o644)
    inode = path.stat().st_ino
    config = ConfigFile.load()
    config.set_default("sandbox")
    config.save()
    assert path.stat().st_ino != inode  # replaced, not rewritten in place
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in path.parent.iterdir()] == ["config.toml"]


def test_new_config_folder_is_0700(isolated_home: Path) -> None:
    config = ConfigFile.load()
    config.add(Profile("a", aws_profile="x"))
    config.save()
    assert stat.S_IMODE(config.path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(config.path.stat().st_mode) == 0o600


def test_syntax_error_names_file_line_and_column_and_file_is_kept() -> None:
    broken = COMMENTED.replace('catalog = "Sandbox"', 'catalog = "Sandbox" oops')
    path = write(broken)
    before = path.read_bytes()
    config = ConfigFile.load()
    assert not config.ok
    assert config.list() == []
    error = config.error
    assert error is not None and error.path == path
    assert (error.line, error.column) == (13, 21)
    assert str(error).startswith(f"{path}:13:21: not valid TOML")
    with pytest.raises(ConfigError, match="has errors"):
        config.add(Profile("new", aws_profile="x"))
    with pytest.raises(ConfigError, match="has errors"):
        config.save()
    with pytest.raises(ConfigError):
        config.set_default(None)
    assert path.read_bytes() == before


def test_invalid_values_name_key_and_line_and_skip_only_that_profile() -> None:
    path = write(
        """\
[profiles.good]
aws_profile = "x"

[profiles.bad]
region = "us-east-1"
  "max_attempts" = "5"
catalog = "aws"
"""
    )
    config = ConfigFile.load()
    assert config.names() == ["good"]
    messages = [(e.line, e.column, e.key) for e in config.errors]
    assert messages == [(6, 3, "max_attempts"), (7, 1, "catalog")]
    assert "max_attempts must be a whole number" in str(config.errors[0])
    assert "catalog must be one of: AWS, Sandbox" in str(config.errors[1])
    assert str(config.errors[1]).startswith(f"{path}:7:1: ")
    with pytest.raises(ConfigError):
        config.save()


def test_both_sources_is_an_error_at_the_line() -> None:
    write('[profiles.x]\naws_profile = "a"\naccess_key_id = "AKIAIOSFODNN7EXAMPLE"\n')
    config = ConfigFile.load()
    assert config.names() == []
    assert config.errors[0].line == 3 and "not both" in str(config.errors[0])


def test_wrong_types_at_top_level() -> None:
    write('allow_insecure_keyring = "yes"\ndefault_profile = "ghost"\n[profiles.a]\n')
    config = ConfigFile.load()
    lines = {e.key: e.line for e in config.errors}
    assert lines == {"allow_insecure_keyring": 1, "default_profile": 2}
    assert "ghost" in str(config.errors[1]) and "known: a" in str(config.errors[1])
    assert config.allow_insecure_keyring is False


def test_unknown_keys_are_warnings_and_secrets_get_a_pointed_one() -> None:
    write(
        'colour = "blue"\n[profiles.a]\naws_profile = "x"\n'
        'aws_secret_access_key = "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY"\n'
    )
    config = ConfigFile.load()
    assert config.ok and config.names() == ["a"]
    assert [w.line for w in config.warnings] == [1, 4]
    assert "unknown key 'colour'" in str(config.warnings[0])
    assert "secrets do not belong in this file" in str(config.warnings[1])
    assert all("wJalr" not in str(w) for w in config.warnings)


def test_error_messages_do_not_echo_values() -> None:
    secretish = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
    write(f'[profiles.a]\naccess_key_id = "{secretish}"\n')
    config = ConfigFile.load()
    assert config.errors and all(secretish not in str(e) for e in config.errors)


def test_not_utf8_and_duplicate_keys_are_errors() -> None:
    path = write("")
    path.write_bytes(b'[profiles.a]\naws_profile = "\xff"\n')
    config = ConfigFile.load()
    assert config.error is not None and config.error.line == 2
    write('[profiles.a]\naws_profile = "x"\naws_profile = "y"\n')
    assert not ConfigFile.load().ok


def test_save_refuses_when_the_file_changed_on_disk() -> None:
    path = write(COMMENTED)
    config = ConfigFile.load()
    config.set_default("sandbox")
    path.write_text(COMMENTED + "\n# edited meanwhile\n")
    with pytest.raises(ConfigError, match="changed on disk"):
        config.save()
    assert path.read_text().endswith("# edited meanwhile\n")


def test_active_profile_precedence(monkeypatch: pytest.MonkeyPatch) -> None:
    write(COMMENTED)
    config = ConfigFile.load()
    assert config.resolve_active().name == "prod"
    assert config.selection().origin == "default_profile"
    monkeypatch.setenv("ENGTUI_PROFILE", "sandbox")
    assert config.resolve_active().name == "sandbox"
    assert config.selection().origin == "ENGTUI_PROFILE"
    assert config.resolve_active("prod").name == "prod"
    assert config.selection("prod").origin == "--profile"
    assert config.resolve_active("environment") is None
    monkeypatch.delenv("ENGTUI_PROFILE")
    config.set_default(None)
    assert config.resolve_active() is None
    assert config.selection().origin == "environment"


def test_unknown_profile_lists_the_known_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    write(COMMENTED)
    config = ConfigFile.load()
    with pytest.raises(UnknownProfileError) as caught:
        config.resolve_active("prdo")
    assert str(caught.value) == "no profile named 'prdo'; known profiles: prod, sandbox"
    monkeypatch.setenv("ENGTUI_PROFILE", "ghost")
    with pytest.raises(UnknownProfileError, match="ghost"):
        config.resolve_active()
    empty = ConfigFile.load(config.path.parent / "none.toml")
    with pytest.raises(UnknownProfileError, match="no profiles are configured"):
        empty.get("x")


@pytest.mark.parametrize(
    ("changes", "key"),
    [
        ({"name": "has space"}, "name"),
        ({"name": "environment"}, "name"),
        ({"name": "a.b"}, "name"),
        ({"access_key_id": "short"}, "access_key_id"),
        ({"region": "US East"}, "region"),
        ({"catalog": "aws"}, "catalog"),
        ({"endpoint_url": "ftp://x"}, "endpoint_url"),
        ({"connect_timeout": 0}, "connect_timeout"),
        ({"read_timeout": float("nan")}, "read_timeout"),
        ({"max_attempts": True}, "max_attempts"),
        ({"retry_mode": "fast"}, "retry_mode"),
        ({"aws_profile": " padded "}, "aws_profile"),
    ],
)
def test_profile_validation(changes: dict[str, object], key: str) -> None:
    values: dict[str, object] = {"name": "ok", **changes}
    with pytest.raises(ProfileValueError) as caught:
        Profile(**values)  # type: ignore[arg-type]
    assert caught.value.key == key


def test_region_and_endpoint_resolution(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    aws_dir = isolated_home / ".aws"
    aws_dir.mkdir()
    (aws_dir / "config").write_text(
        "[profile p]\nregion = eu-central-1\n[default]\nregion = ap-south-1\n"
    )
    aws = list_aws_profiles()
    assert resolve_region(Profile("a", region="us-west-2"), aws) == ("us-west-2", "profile")
    assert resolve_region(Profile("a", aws_profile="p"), aws) == ("eu-central-1", "aws profile p")
    assert resolve_region(None, aws) == ("ap-south-1", "aws profile default")
    monkeypatch.setenv("AWS_DEFAULT_PROFILE", "p")
    assert resolve_region(None, aws) == ("eu-central-1", "aws profile p")
    monkeypatch.setenv("AWS_PROFILE", "nowhere")
    assert resolve_region(None, aws) == ("us-east-1", "default")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-north-1")
    assert resolve_region(Profile("a", aws_profile="p"), aws) == (
        "eu-north-1",
        "AWS_DEFAULT_REGION",
    )
    monkeypatch.setenv("AWS_REGION", "eu-west-3")
    assert resolve_region(None, aws).origin == "AWS_REGION"
    assert resolve_region(None, None, {}) == ("us-east-1", "default")

    assert resolve_endpoint(None) == (None, "default")
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://a")
    monkeypatch.setenv("AWS_ENDPOINT_URL_PARTNERCENTRAL_SELLING", "http://b")
    assert resolve_endpoint(None).value == "http://b"
    local = Profile("a", endpoint_url="http://127.0.0.1:9")
    assert resolve_endpoint(local) == ("http://127.0.0.1:9", "profile")


def test_theme_is_read_kept_and_a_wrong_type_only_warns(tmp_path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('# mine\ntheme = "nord"\n', encoding="utf-8")
    config = ConfigFile.load(path)
    assert config.theme == "nord" and config.ok
    ConfigFile.change(path, lambda c: c.set_theme("gruvbox"))
    assert path.read_text("utf-8") == '# mine\ntheme = "gruvbox"\n'
    path.write_text("theme = 3\n", encoding="utf-8")
    config = ConfigFile.load(path)
    assert config.ok and config.theme is None
    assert [w.message for w in config.warnings] == [
        "theme must be a theme name (a string); ignored"]
