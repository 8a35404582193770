"""The resident process: import what the reading commands need once, then fork a child per
request (:mod:`gkg.resident.child`) and go back to waiting.

It holds an exclusive lock on ``<socket>.lock`` while it lives (a second one gives way),
answers only its own user (``SO_PEERCRED``), refuses a request from another interpreter,
module path, flag or import-time setting, and leaves for good (the next command starts a
fresh one) when gkg's files or the folders of the module path have changed (gkg edited;
anything installed, upgraded or removed), its socket was removed or replaced, or nobody
asked for :data:`IDLE_EXIT_S`.
"""

from __future__ import annotations

import fcntl
import gc
import importlib
import os
import signal
import socket
import struct
import sys
import threading
import time
from contextlib import suppress

from gkg.resident import wire

#: A resident nobody asked for this long leaves (seconds).
IDLE_EXIT_S = 1800.0
#: How often it looks at its socket while idle (seconds).
TICK_S = 2.0
#: Seconds a client has to send its whole request.
REQUEST_TIMEOUT_S = 5.0
#: What the reading commands import; the children then import nearly nothing.
PRELOAD = (
    "gkg.launch",
    "gkg.resident.child",
    "gkg.cli",
    "gkg.cli.common",
    "gkg.cli.query_cmds",
    "gkg.cli.load_cmds",
    "gkg.cli.output",
    "gkg.core",
    "gkg.runner",
    "gkg.catalogue",
    "gkg.present.tables",
    "gkg.present.formatting",
    "typer.rich_utils",
    "typer._click.decorators",
    "typer._click.shell_completion",
    "importlib.metadata",
    "secrets",
)


def main() -> None:
    """Entry point of ``python -c 'from gkg.resident.server import main; main()'``."""
    os.closerange(3, os.sysconf("SC_OPEN_MAX"))  # nothing of the starting process kept open
    path = wire.socket_path()
    if path is None or wire.switched_off():
        return
    folder = os.path.dirname(path)
    with suppress(FileExistsError):
        os.mkdir(folder, 0o700)
    if not wire.folder_is_private(folder):
        return
    lock = os.open(path + ".lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return  # another resident of this installation is running
    preload()
    gc.freeze()  # the children then leave the preloaded objects' pages shared
    Resident(path, lock).serve()


def preload() -> None:
    """Import the reading commands' modules and the store adapters (through the factory),
    then build the whole command line and read the built-in catalogue once, and throw both
    away: what stays are warm caches of code (compiled patterns, signatures), never data."""
    for name in PRELOAD:
        with suppress(ImportError):
            importlib.import_module(name)
    from gkg.stores.factory import preload_adapters

    preload_adapters()
    from typer.main import get_command

    from gkg.catalogue.registry import Catalogue, builtin_dir
    from gkg.cli import build_app

    with suppress(Exception):  # only a warm-up: a problem shows when a command meets it
        get_command(build_app())
        Catalogue.from_dirs([builtin_dir()])


class Resident:
    """The listening socket and the loop around it."""

    def __init__(self, path: str, lock: int) -> None:
        self.path = path
        self.lock = lock
        self.fingerprint = wire.interpreter_fingerprint()
        self.modules = module_files()
        with suppress(FileNotFoundError):
            os.unlink(path)
        self.listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.listener.bind(path)
        os.chmod(path, 0o600)
        self.listener.listen(16)
        self.inode = os.stat(path).st_ino
        pidfile = os.open(
            path.removesuffix(".sock") + ".pid", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600
        )
        os.write(pidfile, f"{os.getpid()}\n".encode())
        os.close(pidfile)
        self.last_request = time.monotonic()
        self.leaving = False

    def serve(self) -> None:
        signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children reap themselves
        signal.signal(signal.SIGTERM, self._leave)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        self.listener.settimeout(TICK_S)
        try:
            while not self.leaving:
                try:
                    conn, _ = self.listener.accept()
                except TimeoutError:
                    self.leaving = self._should_leave()
                    continue
                self.last_request = time.monotonic()
                with conn:
                    self._handle(conn)
        finally:
            self.listener.close()
            if self._socket_is_mine():
                for leftover in (self.path, self.path.removesuffix(".sock") + ".pid"):
                    with suppress(OSError):
                        os.unlink(leftover)

    def _leave(self, signum: int, frame: object) -> None:
        raise SystemExit(0)  # out of the wait at once; ``serve`` cleans up on the way

    def _should_leave(self) -> bool:
        idle = time.monotonic() - self.last_request > IDLE_EXIT_S
        return idle or not self._socket_is_mine() or self.modules != module_files()

    def _socket_is_mine(self) -> bool:
        try:
            return os.stat(self.path).st_ino == self.inode
        except OSError:
            return False

    def _handle(self, conn: socket.socket) -> None:
        if not _same_user(conn):
            return
        conn.settimeout(REQUEST_TIMEOUT_S)
        fds: list[int] = []
        try:
            fields, fds = _receive(conn)
            refusal = self._refusal(fields, fds)
            if refusal:
                conn.sendall(b"no " + refusal + b"\n")
                return
            conn.settimeout(None)
            if os.fork() == 0:
                self.listener.close()
                os.close(self.lock)  # a long command must not keep the next resident out
                from gkg.resident.child import run_child

                run_child(conn, fields, fds)  # never returns
        except (OSError, ValueError):
            return
        finally:
            for fd in fds:
                with suppress(OSError):
                    os.close(fd)

    def _refusal(self, fields: list[bytes], fds: list[int]) -> bytes:
        """Why this resident will not run the request (empty when it will)."""
        if len(fields) != len(wire.FIELDS) or fields[0] != wire.PROTOCOL or len(fds) != 3:
            return b"protocol"
        if fields[1] != self.fingerprint:
            return b"interpreter"
        if self.modules != module_files():
            self.leaving = True
            return b"stale"
        if threading.active_count() != 1:
            return b"threads"
        return b""


def _same_user(conn: socket.socket) -> bool:
    """True when the peer runs as this user. Where the system cannot say (no
    ``SO_PEERCRED``, as on macOS), the folder only this user may enter is the guard."""
    option = getattr(socket, "SO_PEERCRED", None)
    if option is None:
        return True
    creds = conn.getsockopt(socket.SOL_SOCKET, option, struct.calcsize("3i"))
    return bool(struct.unpack("3i", creds)[1] == os.getuid())


def _receive(conn: socket.socket) -> tuple[list[bytes], list[int]]:
    """A whole request and the three descriptors sent with its first bytes."""
    data, fds, _, _ = socket.recv_fds(conn, 1 << 16, 3)
    if len(data) < 4:
        raise ValueError("short request")
    total = int.from_bytes(data[:4], "big")
    body = bytearray(data[4:])
    while len(body) < total:
        more = conn.recv(min(1 << 16, total - len(body)))
        if not more:
            raise ValueError("request cut short")
        body += more
    return wire.decode(bytes(body)), list(fds)


def module_files() -> dict[str, tuple[int, int]]:
    """What changes when gkg is edited or anything is installed, upgraded or removed: the
    (modification time, size) of each of gkg's module files, and the modification time of
    each folder on the module path (installing or removing a package adds or removes its
    folders there). Half a millisecond, against several for every imported file."""
    paths = [
        getattr(module, "__file__", None) or ""
        for name, module in list(sys.modules.items())
        if name == "gkg" or name.startswith("gkg.")
    ]
    found: dict[str, tuple[int, int]] = {}
    for path in [*paths, *sys.path[1:]]:
        if not path or path in found:
            continue
        try:
            info = os.stat(path)
        except OSError:
            found[path] = (-1, -1)
        else:
            found[path] = (info.st_mtime_ns, info.st_size)
    return found
