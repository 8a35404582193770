"""Where the embedded server of one data folder keeps its files, and the rules that keep
them private.

- The data folder is the real path of ``GKG_HOME`` (symlinks resolved), so two spellings
  of one folder share one server and one ``dump.rdb``.
- The run folder (socket, pid file) is created by this user with mode 0700; one that
  exists with another owner, a wider mode, or as a symlink is refused, never used.
- ``data/`` is 0700 and the server writes its files 0600.
- Socket paths are measured in bytes (``sun_path`` holds 108); a path too long moves the
  run folder to ``/tmp/gkg-<uid>-<hash of the real home>``, under the same rules.
"""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from gkg.errors import StoreError

#: sun_path holds 108 bytes with its final NUL; keep a margin.
MAX_SOCKET_BYTES = 100


def real_home(home: Path) -> Path:
    """The data folder's real, absolute path (symlinks resolved)."""
    return Path(os.path.realpath(os.path.abspath(home)))


@dataclass(frozen=True)
class ServerPaths:
    """Where one data folder's server keeps its files (``home`` is already real)."""

    home: Path

    @classmethod
    def of(cls, home: Path) -> ServerPaths:
        return cls(real_home(home))

    @property
    def run_dir(self) -> Path:
        own = self.home / "run"
        if len(os.fsencode(own / "gkg.sock")) <= MAX_SOCKET_BYTES:
            return own
        digest = hashlib.sha256(os.fsencode(self.home)).hexdigest()[:16]
        return Path(tempfile.gettempdir()) / f"gkg-{os.getuid()}-{digest}"

    @property
    def socket(self) -> Path:
        return self.run_dir / "gkg.sock"

    @property
    def pidfile(self) -> Path:
        return self.run_dir / "server.pid"

    @property
    def import_dir(self) -> Path:
        """An empty private folder: the only place FalkorDB's LOAD CSV could read files."""
        return self.run_dir / "import"

    @property
    def data_dir(self) -> Path:
        return self.home / "data"

    @property
    def dump(self) -> Path:
        return self.data_dir / "dump.rdb"

    @property
    def previous_dump(self) -> Path:
        """The save before the current one, kept beside it."""
        return self.data_dir / "dump.prev.rdb"

    @property
    def logfile(self) -> Path:
        return self.home / "server.log"

    @property
    def lockfile(self) -> Path:
        return self.home / "server.lock"

    def check_socket_length(self) -> None:
        size = len(os.fsencode(self.socket))
        if size > MAX_SOCKET_BYTES:
            raise StoreError(
                f"the socket path {self.socket} is {size} bytes; a unix socket path may have "
                f"at most {MAX_SOCKET_BYTES}. Set TMPDIR to a shorter folder"
            )


def private_dir(path: Path, what: str) -> None:
    """Create ``path`` as this user's folder with mode 0700, or check that it is one.

    Refused with a clear message: a symlink, not a folder, another owner, or a mode that
    lets other users in (they may have put files there while it was open)."""
    try:
        path.mkdir(mode=0o700, parents=False)
    except FileExistsError:
        pass
    except FileNotFoundError:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        path.mkdir(mode=0o700, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot create the {what} {path}: {exc.strerror or exc}") from None
    info = os.lstat(path)
    refuse = None
    if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode):
        refuse = "is not a plain folder (a symlink or a file)"
    elif info.st_uid != os.getuid():
        refuse = f"belongs to another user (uid {info.st_uid})"
    elif stat.S_IMODE(info.st_mode) & 0o077:
        refuse = f"has mode {stat.S_IMODE(info.st_mode):04o}, which lets other users in"
    if refuse:
        raise StoreError(
            f"refusing to use the {what} {path}: it {refuse}. gkg needs it to be yours with "
            f"mode 0700; remove it (or fix it) and try again"
        )


def own_private(path: Path) -> None:
    """Make a folder of this user's private (0700) if it is not; create it if missing."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    info = os.lstat(path)
    if info.st_uid == os.getuid() and stat.S_IMODE(info.st_mode) & 0o077:
        os.chmod(path, 0o700)


def own_files_private(folder: Path, *files: Path) -> None:
    """Files of this user in ``folder`` (and ``files``) become 0600."""
    candidates = [*folder.iterdir(), *files] if folder.is_dir() else list(files)
    for item in candidates:
        try:
            info = os.lstat(item)
        except FileNotFoundError:
            continue
        mine = stat.S_ISREG(info.st_mode) and info.st_uid == os.getuid()
        if mine and stat.S_IMODE(info.st_mode) & 0o077:
            os.chmod(item, 0o600)
