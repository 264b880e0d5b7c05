"""Where files live, and the atomic 0600 write."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from engtui.local import paths


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_config_path_follows_xdg(isolated_home: Path) -> None:
    assert paths.config_path() == isolated_home / ".config" / "engtui" / "config.toml"


def test_engtui_config_overrides(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENGTUI_CONFIG", str(tmp_path / "elsewhere.toml"))
    assert paths.config_path() == tmp_path / "elsewhere.toml"


def test_folders_are_platformdirs_and_not_created(isolated_home: Path) -> None:
    assert paths.state_dir() == isolated_home / ".local" / "state" / "engtui"
    assert paths.cache_dir() == isolated_home / ".cache" / "engtui"
    assert paths.log_dir().is_relative_to(paths.state_dir())
    for folder in (paths.state_dir(), paths.cache_dir(), paths.log_dir()):
        assert not folder.exists()


def test_atomic_write_creates_private_file_and_folders(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "file.txt"
    old_umask = os.umask(0o022)  # a usual umask would give 0755 folders and 0644 files
    try:
        paths.atomic_write(target, b"hello")
    finally:
        os.umask(old_umask)
    assert target.read_bytes() == b"hello"
    assert mode(target) == 0o600
    assert mode(target.parent) == 0o700
    assert mode(target.parent.parent) == 0o700


def test_existing_folder_keeps_its_mode(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir(mode=0o755)
    os.chmod(folder, 0o755)
    paths.atomic_write(folder / "f", b"x")
    assert mode(folder) == 0o755
    assert mode(folder / "f") == 0o600


def test_atomic_write_replaces_with_a_new_inode_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "d" / "f"
    target.parent.mkdir()
    target.write_bytes(b"old")
    os.chmod(target, 0o644)
    before = target.stat().st_ino
    paths.atomic_write(target, b"new")
    assert target.read_bytes() == b"new"
    assert target.stat().st_ino != before
    assert mode(target) == 0o600
    assert sorted(p.name for p in target.parent.iterdir()) == ["f"]


def test_atomic_write_failure_keeps_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "d" / "f"
    target.parent.mkdir()
    target.write_bytes(b"old")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError("disk on fire")

    monkeypatch.setattr(paths.os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk on fire"):
        paths.atomic_write(target, b"new")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in target.parent.iterdir()) == ["f"]


def test_atomic_write_through_a_symlink_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "dotfiles" / "config.toml"
    real.parent.mkdir()
    real.write_text("a = 1\n")
    link = tmp_path / "config.toml"
    link.symlink_to(real)
    paths.atomic_write(link, b"a = 2\n")
    assert link.is_symlink()
    assert real.read_text() == "a = 2\n"


# -- the export folder ------------------------------------------------------------------------
def test_the_export_folder_is_downloads_then_documents_then_home(isolated_home: Path,
                                                                 tmp_path: Path,
                                                                 monkeypatch) -> None:
    """Never the current folder (exports landed in a git checkout): downloads, the folder
    `user-dirs.dirs` names, else documents, else home."""
    from engtui.local.paths import export_folder

    monkeypatch.chdir(tmp_path)
    assert export_folder() == (isolated_home, "your home folder")
    (isolated_home / "Documents").mkdir()
    assert export_folder() == (isolated_home / "Documents", "your documents folder")
    (isolated_home / "Downloads").mkdir()
    assert export_folder() == (isolated_home / "Downloads", "your downloads folder")
    (isolated_home / "dl").mkdir()
    user_dirs = Path(os.environ["XDG_CONFIG_HOME"]) / "user-dirs.dirs"
    user_dirs.parent.mkdir(parents=True, exist_ok=True)
    user_dirs.write_text('XDG_DOWNLOAD_DIR="$HOME/dl"\n', encoding="utf-8")
    assert export_folder() == (isolated_home / "dl", "your downloads folder")


def test_an_export_path_typed_relative_is_inside_the_folder_offered(tmp_path: Path,
                                                                     monkeypatch) -> None:
    from engtui.export import resolve_export_path

    monkeypatch.chdir(tmp_path)
    offered = tmp_path / "offered"
    offered.mkdir()
    assert resolve_export_path("North", "eng-x", offered) == offered / "North"
    assert resolve_export_path(".", "eng-x", offered) == offered / "eng-x.json"
    assert resolve_export_path(str(tmp_path), "eng-x", offered) == tmp_path / "eng-x.json"
