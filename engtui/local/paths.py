"""Where engtui keeps its files, and how it writes them.

* ``config_path()``: ``$ENGTUI_CONFIG`` when set, else
  ``platformdirs.user_config_path("engtui") / "config.toml"`` (on Linux
  ``$XDG_CONFIG_HOME/engtui/config.toml``, by default ``~/.config/engtui/config.toml``).
* ``state_dir()``, ``cache_dir()``, ``log_dir()``: the platformdirs user state, cache and log
  folders for ``engtui``.
* ``export_folder()``: where an export goes by default, the user's downloads folder.

Nothing here creates a folder just by being asked for a path: folders are made (mode 0700)
only when a file is written into them, by :func:`atomic_write` (or locked, by
:func:`file_lock`).
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import platformdirs

from engtui.local.reading import NotRegularFile, read_regular_file

APP_NAME = "engtui"
CONFIG_ENV = "ENGTUI_CONFIG"

PRIVATE_FILE_MODE = 0o600
PRIVATE_DIR_MODE = 0o700


def config_path() -> Path:
    """The config file: ``$ENGTUI_CONFIG`` if set and not empty, else the platformdirs one."""
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override).expanduser()
    return platformdirs.user_config_path(APP_NAME) / "config.toml"


def state_dir() -> Path:
    """The folder for state that survives restarts (recent engagements)."""
    return platformdirs.user_state_path(APP_NAME)


def cache_dir() -> Path:
    """The folder for caches that may be deleted at any time."""
    return platformdirs.user_cache_path(APP_NAME)


def log_dir() -> Path:
    """The folder for log files."""
    return platformdirs.user_log_path(APP_NAME)


def export_folder() -> tuple[Path, str]:
    """Where an export goes when no folder was used yet in this run, and that folder in
    words: the platformdirs downloads folder (``~/Downloads``, or the one in
    ``user-dirs.dirs``), else the documents folder, else the home folder, whichever exists
    first; never the current folder (often a git checkout: an export must not land in it)."""
    for folder, words in ((platformdirs.user_downloads_path(), "your downloads folder"),
                          (platformdirs.user_documents_path(), "your documents folder")):
        if folder.is_dir():
            return folder, words
    return Path.home(), "your home folder"


def ensure_private_dir(folder: Path) -> None:
    """Create ``folder`` and any missing parents with mode 0700.

    Folders that already exist are left as they are: engtui does not change the mode of a
    folder it did not create (``ENGTUI_CONFIG`` may point anywhere).
    """
    missing: list[Path] = []
    current = folder
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for path in reversed(missing):
        with contextlib.suppress(FileExistsError):
            path.mkdir(mode=PRIVATE_DIR_MODE)
        # mkdir's mode is filtered by the umask; make it exact.
        os.chmod(path, PRIVATE_DIR_MODE)


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically, as a 0600 file.

    The bytes go to a temporary file in the same folder, which is flushed and fsynced and
    then moved over ``path`` with ``os.replace``, so a reader (or a crash) sees either the
    old file or the new one, never half of one. A symlink at ``path`` is followed, so the
    file it points to is replaced and the link stays. Missing folders are created 0700.
    """
    target = Path(os.path.realpath(path))
    folder = target.parent
    ensure_private_dir(folder)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), PRIVATE_FILE_MODE)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    _fsync_dir(folder)


def _fsync_dir(folder: Path) -> None:
    """Persist the rename itself (best effort: not every platform can open a folder)."""
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


LOCK_TIMEOUT = 10.0


class LockTimeout(OSError):
    """Another process held the lock of a file for longer than the wait allowed."""


@contextlib.contextmanager
def file_lock(path: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold an advisory lock (``fcntl.flock``) for changing ``path``, on ``PATH.lock`` beside
    it, for as long as the ``with`` block runs.

    Every engtui process that changes the file takes this lock around reading it, changing
    it and writing it back, so parallel changes queue up instead of losing each other.
    Waits at most ``timeout`` seconds, then raises :class:`LockTimeout`. Where ``fcntl``
    does not exist (Windows) no lock is taken.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on Linux or macOS
        yield
        return
    target = Path(os.path.realpath(path))
    ensure_private_dir(target.parent)
    lock_path = target.with_name(f"{target.name}.lock")
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, PRIVATE_FILE_MODE)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise LockTimeout(
                        f"another engtui kept {path} locked for {timeout:g} s"
                    ) from None
                time.sleep(0.02)
        yield
    finally:
        os.close(fd)  # closing releases the lock


_OS_ERRORS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
}


def describe_os_error(exc: OSError) -> str:
    """Why a file could not be read or written, in words ("the disk is full", ...)."""
    if isinstance(exc, NotRegularFile):  # the callers name the path
        return f"it is {exc.what}, not a regular file (engtui does not wait on it)"
    words = _OS_ERRORS.get(exc.errno or 0) or exc.strerror or type(exc).__name__
    where = exc.filename
    return f"{words} ({where})" if where else words


def read_if_present(path: Path) -> tuple[bytes | None, str | None]:
    """The file's bytes (None: there is no such file), or None and why it could not be
    read, in words (a FIFO or a device is refused at once, never waited on)."""
    try:
        return read_regular_file(path), None
    except FileNotFoundError:
        return None, None
    except OSError as exc:
        return None, describe_os_error(exc)
