"""Reading a local file without ever blocking on it: the one way engtui opens a file it
reads (the config file and its theme, the recent-engagements history, ``~/.aws/config`` and
``~/.aws/credentials`` as engtui reads them itself).

``open()`` of a FIFO waits for a writer, for ever; of a terminal or a device it may wait
too, or never end. `read_regular_file` opens with ``O_NONBLOCK`` (which never waits),
checks with ``fstat`` on the open descriptor (no window between a check and the open) that
it is a regular file, and refuses anything else with `NotRegularFile`, whose message names
the path and what it is.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


class NotRegularFile(OSError):
    """The path is not a regular file (a FIFO, a device, a socket, a folder): not read."""

    def __init__(self, path: str | os.PathLike[str], what: str) -> None:
        super().__init__(errno.EINVAL, f"it is {what}, not a regular file", os.fspath(path))
        self.what = what

    def __str__(self) -> str:
        return f"{self.filename} is {self.what}, not a regular file; engtui does not read it"


def kind_of(mode: int) -> str:
    """What a ``st_mode`` is, in words ("a FIFO (named pipe)", "a folder", ...)."""
    for test, words in _KINDS:
        if test(mode):
            return words
    return "not a regular file"


def read_regular_file(path: str | os.PathLike[str]) -> bytes:
    """The bytes of the regular file at ``path`` (a link to one is followed).

    Raises `NotRegularFile` (an ``OSError``) for anything else, without waiting on it, and
    the ``OSError`` of ``os.open`` (``FileNotFoundError``, ``PermissionError``, ...).
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0)
    fd = os.open(path, flags)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFile(path, kind_of(mode))
        chunks: list[bytes] = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_text_file(path: str | os.PathLike[str], encoding: str = "utf-8") -> str:
    """`read_regular_file` decoded (``UnicodeDecodeError`` when it is not ``encoding``)."""
    return read_regular_file(Path(path)).decode(encoding)
