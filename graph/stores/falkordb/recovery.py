"""What the embedded store does about its files going wrong: a data file the server cannot
read is moved aside (never deleted) and the previous save used instead; leftover temp files
of an interrupted save are removed; a failed save is explained from the server's log."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
from pathlib import Path

from gkg.stores.falkordb.rundir import ServerPaths
from gkg.stores.limits import notice

#: What the server logs when it has read its data file to the end.
LOADED_MARK = "DB loaded from disk"
#: What it logs when it starts with no data file at all.
FRESH_MARKS = ("Ready to accept connections",)
CORRUPT_PREFIX = "dump.rdb.corrupt-"
#: What the server logs when a background save failed, after its child has logged why.
GENERIC_SAVE_ERROR = "Background saving error"


def clean_temp_files(paths: ServerPaths) -> None:
    """Remove ``temp-*.rdb`` left by a save that was killed (call only with no server)."""
    for leftover in paths.data_dir.glob("temp-*.rdb"):
        with contextlib.suppress(OSError):
            leftover.unlink()


def log_size(paths: ServerPaths) -> int:
    try:
        return paths.logfile.stat().st_size
    except OSError:
        return 0


def log_since(paths: ServerPaths, offset: int) -> str:
    """What the server logged after byte ``offset`` of its log (at most the last 64 KB)."""
    try:
        with open(paths.logfile, "rb") as handle:
            handle.seek(max(offset, log_size(paths) - 65536))
            return handle.read().decode(errors="replace")
    except OSError:
        return ""


def died_reading_data(paths: ServerPaths, log: str) -> bool:
    """True when a server that just exited did so while reading ``dump.rdb``."""
    return paths.dump.exists() and LOADED_MARK not in log and "RDB" in log


def move_aside(paths: ServerPaths) -> Path:
    """Move the unreadable ``dump.rdb`` aside (kept, named with the time) and put the
    previous save in its place when there is one. Returns where the bad file went."""
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S.%fZ")
    target = paths.data_dir / f"{CORRUPT_PREFIX}{stamp}"
    number = 1
    while target.exists():  # never replace a file moved aside before
        number += 1
        target = paths.data_dir / f"{CORRUPT_PREFIX}{stamp}-{number}"
    os.replace(paths.dump, target)
    previous = paths.previous_dump
    if previous.exists():
        shutil.copy2(previous, paths.dump)
        os.chmod(paths.dump, 0o600)
        notice(
            f"the data file could not be read; it was moved to {target}. The server started "
            f"from the previous save ({previous.name}), which may be an older graph: run "
            "`gkg load` to store the seed again"
        )
    else:
        notice(
            f"the data file could not be read; it was moved to {target}. The server started "
            "empty: run `gkg load` to store the seed again"
        )
    return target


def corrupt_files(paths: ServerPaths) -> list[Path]:
    """Data files moved aside because the server could not read them."""
    return sorted(paths.data_dir.glob(f"{CORRUPT_PREFIX}*"))


def keep_previous(paths: ServerPaths) -> None:
    """Before a save: keep the current save as ``dump.prev.rdb`` (a hard link, so no copy;
    the save replaces ``dump.rdb`` with a new file and the link keeps the old one)."""
    if not paths.dump.exists():
        return
    with contextlib.suppress(FileNotFoundError):
        paths.previous_dump.unlink()
    try:
        os.link(paths.dump, paths.previous_dump)
    except OSError:
        with contextlib.suppress(OSError):
            shutil.copy2(paths.dump, paths.previous_dump)


def save_failure_reason(paths: ServerPaths, offset: int) -> str:
    """Why the server's last save failed, from its log (or the free space left)."""
    for line in reversed(log_since(paths, offset).splitlines()):
        if line.endswith(GENERIC_SAVE_ERROR):  # the parent's line; the child says why
            continue
        if any(word in line for word in ("Failed", "Write error", "Error", "error", "Can't")):
            return line.split(" # ", 1)[-1].split(" * ", 1)[-1].strip()[:300]
    try:
        free = shutil.disk_usage(paths.data_dir).free
    except OSError:
        return "the server gave no reason (see its log)"
    if free < 1024 * 1024:
        return f"the disk holding {paths.data_dir} is full ({free} bytes free)"
    return f"the server gave no reason (see {paths.logfile})"
