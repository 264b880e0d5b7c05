"""Export a record as a JSON file: a careful atomic write of the document that
`engtui.api.record_view.RecordView.export_text` builds.

The document keeps the API's own shapes under the API's own keys, so a reader (or ``jq``)
knows what each part is: the record under the name of its Get operation's noun
(``GetEngagement`` → ``Engagement``, ``GetOpportunity`` → ``Opportunity``,
``GetEngagementInvitation`` → ``EngagementInvitation``), then each related list that was
loaded, under the member its List operation returns it in::

    {"Catalog": "Sandbox",
     "Engagement": {<GetEngagement response>},
     "EngagementMemberList": [...],                    # only when loaded
     "EngagementResourceAssociationSummaries": [...],  # only when loaded
     "ResourceSnapshotSummaries": [...],               # only when loaded
     "Redacted": false}

Exactly the related lists the export dialog names are in the file (`export_related`): the
dialog's sentence and the document come from the same list. ``Redacted`` is true when
privacy mode was on: then every sensitive value is the mask.

The write never clobbers by accident: without ``overwrite`` an existing file raises
`FileExistsError` (the caller asks the user first). The bytes go to a temporary file in the
target folder (flushed, fsynced), which is then linked (no overwrite) or renamed (overwrite)
into place, so a crash leaves either the old file or the new one. A missing folder is an
error, not created silently: a typo in the path should not scatter folders around. The file
is 0600: it holds customer data. Only a regular file is ever replaced: a device node, a FIFO,
a socket, a folder, or a symbolic link to any of these is refused with a message (confirming
"replace" on ``/dev/sda`` must not turn it into a JSON file). A symbolic link to a regular
file is written through: the file it points to is replaced (in its own folder), the link
stays a link. The default file name is made
from the record's id with only ``[A-Za-z0-9._-]`` (`engtui.textsafe.safe_file_name`).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

from engtui.textsafe import safe_file_name


def default_export_path(engagement_id: str, folder: Path | None = None,
                        suffix: str = ".json") -> Path:
    """``<record-id>.json`` (the id made safe for a name; a list's export: ``<list>.csv``)
    in ``folder``, by default the export folder (`engtui.local.paths.export_folder`:
    downloads; never the current one)."""
    if folder is None:
        from engtui.local.paths import export_folder

        folder = export_folder()[0]
    return folder / f"{safe_file_name(engagement_id)}{suffix}"


def resolve_export_path(text: str, engagement_id: str, folder: Path | None = None,
                        suffix: str = ".json") -> Path:
    """The path typed by the user: ``~`` expanded, relative to ``folder`` (the folder the
    dialog offered; by default the export folder, never the current one), and an existing
    folder gets the default file name (with ``suffix``) inside it."""
    path = Path(os.path.expanduser(text.strip()))
    if not path.is_absolute():
        if folder is None:
            from engtui.local.paths import export_folder

            folder = export_folder()[0]
        path = folder / path
    if path.is_dir():
        path = default_export_path(engagement_id, path, suffix)
    return path


class ExportError(Exception):
    """The file could not be written; the message says why in words, with the path."""


def write_export(path: Path, text: str, *, overwrite: bool = False) -> Path:
    """Write ``text`` to ``path`` atomically; `FileExistsError` when the file exists and
    ``overwrite`` is false; `ExportError` for anything else that goes wrong."""
    _refuse_special(path)
    if os.path.islink(path):  # replace what it points to, never the link itself
        path = Path(os.path.realpath(path))
    folder = path.parent
    if not folder.is_dir():
        raise ExportError(f"The folder {folder} does not exist.")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise ExportError(_folder_reason(exc, path)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        _move_into_place(tmp_name, path, overwrite)
    except FileExistsError:
        raise
    except OSError as exc:
        raise ExportError(_reason(exc, path)) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
    return path


def _refuse_special(path: Path) -> None:
    """Raise `ExportError` when ``path`` exists and is not a regular file (a symbolic link
    is judged by what it points to; a dangling one is refused too)."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        if os.path.islink(path):
            raise ExportError(f"{path} is a symbolic link to nothing; not replaced.") from None
        return
    except OSError as exc:
        raise ExportError(_reason(exc, path)) from None
    if stat.S_ISREG(mode):
        return
    raise ExportError(f"{path} is {_kind(mode)}, not a regular file; engtui only replaces "
                      "regular files. Choose another path.")


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, "a folder"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
                       (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "a special file"


def _move_into_place(tmp_name: str, path: Path, overwrite: bool) -> None:
    if overwrite:
        _refuse_special(path)  # checked again right before: it may have changed meanwhile
        os.replace(tmp_name, path)
        return
    try:
        os.link(tmp_name, path)  # fails if the file exists: no race with another writer
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV, errno.EMLINK):
            raise
        # A file system without hard links (FAT, some network mounts): check, then rename.
        if path.exists():
            raise FileExistsError(errno.EEXIST, "File exists", str(path)) from None
        os.replace(tmp_name, path)


def _folder_reason(exc: OSError, path: Path) -> str:
    """Why no file could be created next to ``path``, naming the file the user asked for."""
    folder = path.parent
    if exc.errno in (errno.ENOENT, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        # /proc, /sys and the like exist but take no new files (ENOENT from mkstemp).
        return (f"Cannot write {path}: the folder {folder} does not accept new files. "
                "Choose another folder.")
    return _reason(exc, path)


def _reason(exc: OSError, path: Path) -> str:
    if isinstance(exc, PermissionError):
        return f"Permission denied: cannot write to {path}."
    if exc.errno == errno.ENOSPC:
        return f"No space left on the device holding {path}."
    if exc.errno == errno.EROFS:
        return f"{path} is on a read-only file system."
    return f"Cannot write {path}: {exc.strerror or exc}."
