"""Start, stop and check the local Neo4j that `make neo4j-start` and the tests use.

Standard library only. Everything lives in ``<root>/.neo4j`` (ignored by git): the jars Maven
gathers (``lib/``), the compiled launcher (``classes/``), the database (``data/``), logs
(``logs/``), ``pid`` and ``env``. ``env`` (mode 0600) holds ``NEO4J_URI``, ``NEO4J_USERNAME``
and ``NEO4J_PASSWORD``; a shell reads it with ``set -a; . .neo4j/env; set +a``.

The password is generated per start and handed to the JVM on its standard input, so it is in
no command line and no process environment (see GkgNeo4j.java). From Python (with this
folder on sys.path)::

    settings = neo4jctl.start(root)    # reuses a running server
    neo4jctl.kill9(root)               # SIGKILL, as in a crash; data, env and pid stay
    settings = neo4jctl.restart(root)  # same data, same password
    neo4jctl.stop(root)
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import json
import os
import secrets
import shlex
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

if str(Path(__file__).resolve().parent) not in sys.path:  # its helpers, also when imported
    sys.path.insert(0, str(Path(__file__).resolve().parent))

from neo4jbuild import (
    MAIN_CLASS,
    Neo4jCtlError,
    ensure_classes,
    ensure_jars,
    home,
    program,
)
from neo4jproc import (
    alive,
    bolt_answers,
    children,
    free_port,
    kill_group,
    start_ticks,
    write_private,
)

__all__ = ["Neo4jCtlError", "Settings", "kill9", "read_env", "restart", "start", "status", "stop"]
ROOT = Path(__file__).resolve().parents[2]
READY, FAILED = "gkg-neo4j: ready on ", "gkg-neo4j: failed"
# Heap: gkg loads a graph in one transaction, and Neo4j keeps a transaction's whole state on
# the heap, letting all transactions together use at most 70% of the maximum heap (then the
# load is refused and rolled back). Measured with the synthetic 100k graph (100k nodes, 300k
# relationships): replacing one such graph by another peaks at 3.7 GiB of transaction memory;
# with -Xmx2g (limit 1.4 GiB) even a first load is refused, with -Xmx4g (2.8 GiB) a first
# load fits and a replacement does not. -Xmx8g (limit 5.6 GiB) leaves 1.5x headroom and about
# 15 GiB of the 24 GiB for the embedded store and Python; no -Xms, so the heap grows only when
# a big load needs it. Page cache: the 100k store takes 350 MiB on disk, so 512 MiB keeps it
# all in memory. Both can be overridden.
HEAP = os.environ.get("GKG_NEO4J_HEAP", "8g")
PAGE_CACHE = os.environ.get("GKG_NEO4J_PAGECACHE", "512m")
JVM_FLAGS = [
    "-XX:+UseG1GC",
    "-XX:+ExitOnOutOfMemoryError",
    "-XX:-OmitStackTraceInFastThrow",
    "-Dfile.encoding=UTF-8",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
]


@dataclass(frozen=True)
class Settings:
    """How to reach the running server. The password never shows in repr()."""

    uri: str
    username: str
    password: str = field(repr=False)
    pid: int = 0
    version: str = ""
    seconds: float = 0.0
    reused: bool = False

    def env(self) -> dict[str, str]:
        """The variables gkg and the tests read."""
        return {
            "NEO4J_URI": self.uri,
            "NEO4J_USERNAME": self.username,
            "NEO4J_PASSWORD": self.password,
        }


def _read_pid(root: Path) -> tuple[int, str | None] | None:
    try:
        data = json.loads((home(root) / "pid").read_text())
        return int(data["pid"]), data.get("ticks")
    except (FileNotFoundError, ValueError, KeyError, TypeError):
        return None


def read_env(root: Path = ROOT) -> Settings | None:
    """The settings written in .neo4j/env (even if the server is gone), or None."""
    try:
        text = (home(root) / "env").read_text()
    except FileNotFoundError:
        return None
    pairs = [word.split("=", 1) for word in shlex.split(text, comments=True) if "=" in word]
    values = dict(pairs)
    pid = _read_pid(root)
    return Settings(
        values.get("NEO4J_URI", ""),
        values.get("NEO4J_USERNAME", "neo4j"),
        values.get("NEO4J_PASSWORD", ""),
        pid[0] if pid else 0,
        values.get("GKG_NEO4J_VERSION", ""),
    )


@contextlib.contextmanager
def _locked(root: Path) -> Iterator[None]:
    """One start/stop at a time per folder, across processes."""
    home(root).mkdir(parents=True, exist_ok=True)
    with open(home(root) / "lock", "a") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        yield


def status(root: Path = ROOT) -> Settings | None:
    """The running server's settings, or None when it is not running."""
    pid, settings = _read_pid(root), read_env(root)
    if pid is None or settings is None or not alive(*pid):
        return None
    return settings


def _launch(root: Path, password: str, timeout: float) -> Settings:
    began = time.monotonic()
    lib = ensure_jars(root)
    classes = ensure_classes(root, lib)
    port, logs = free_port(), home(root) / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    log = logs / "launcher.log"
    if log.exists():
        log.replace(logs / "launcher.previous.log")
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    cmd = [program("java"), f"-Xmx{HEAP}", *JVM_FLAGS]
    cmd += ["-cp", f"{classes}:{lib}/*", MAIN_CLASS, "--home", str(home(root))]
    cmd += ["--port", str(port), "--pagecache", PAGE_CACHE]
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            cmd,
            stdin=subprocess.PIPE,
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=home(root),
            env=env,
            start_new_session=True,
        )
    children[proc.pid] = proc
    pid_line = {"pid": proc.pid, "ticks": start_ticks(proc.pid), "port": port}
    write_private(home(root) / "pid", json.dumps(pid_line) + "\n")
    assert proc.stdin is not None
    proc.stdin.write(password.encode() + b"\n")
    proc.stdin.close()
    try:
        version = _wait_ready(proc, log, port, began + timeout)
    except Neo4jCtlError:
        (home(root) / "pid").unlink(missing_ok=True)
        raise
    uri, seconds = f"bolt://127.0.0.1:{port}", round(time.monotonic() - began, 1)
    settings = Settings(uri, "neo4j", password, proc.pid, version, seconds)
    lines = [f"{k}={shlex.quote(v)}" for k, v in settings.env().items()]
    header = "# the local Neo4j of gkg (tools/neo4j/neo4jctl.py); private: mode 0600"
    footer = f"GKG_NEO4J_VERSION={shlex.quote(version)}"
    write_private(home(root) / "env", "\n".join([header, *lines, footer, ""]))
    return settings


def _wait_ready(proc: subprocess.Popen[bytes], log: Path, port: int, deadline: float) -> str:
    """Wait for the launcher's ready line and a Bolt handshake; return Neo4j's version."""
    while time.monotonic() < deadline:
        text = log.read_text(errors="replace")
        ready = next((ln for ln in text.splitlines() if ln.startswith(READY)), None)
        if ready and bolt_answers(port):
            return ready.split("(Neo4j ", 1)[1].split(",", 1)[0]
        if proc.poll() is not None or FAILED in text:
            kill_group(proc.pid, 10.0)
            tail = "\n".join(text.strip().splitlines()[-15:])
            raise Neo4jCtlError(f"Neo4j did not start (exit {proc.poll()}); {log}:\n{tail}")
        time.sleep(0.2)
    kill_group(proc.pid, 10.0)
    raise Neo4jCtlError(f"Neo4j did not answer on Bolt in the time allowed; see {log}")


def _stop(root: Path, timeout: float) -> bool:
    pid = _read_pid(root)
    was_running = pid is not None and alive(*pid)
    if pid is not None and was_running:
        kill_group(pid[0], timeout, pid[1])
    for name in ("env", "pid"):
        (home(root) / name).unlink(missing_ok=True)
    return was_running


def start(root: Path = ROOT, password: str | None = None, timeout: float = 300.0) -> Settings:
    """Start the local Neo4j, or reuse the one running; write .neo4j/env; say how."""
    with _locked(root):
        running = status(root)
        if running is not None and bolt_answers(int(running.uri.rsplit(":", 1)[1])):
            s = running
            return Settings(s.uri, s.username, s.password, s.pid, s.version, 0.0, reused=True)
        _stop(root, 60.0)
        return _launch(root, password or secrets.token_urlsafe(24), timeout)


def stop(root: Path = ROOT, timeout: float = 60.0) -> bool:
    """Stop it (SIGTERM, SIGKILL after timeout s), remove env and pid; True if it ran."""
    with _locked(root):
        return _stop(root, timeout)


def kill9(root: Path = ROOT) -> int | None:
    """SIGKILL the JVM as a crash would; data, env and pid stay. Returns the pid killed."""
    with _locked(root):
        pid = _read_pid(root)
        if pid is None or not alive(*pid):
            return None
        kill_group(pid[0], 0.0, pid[1])
        return pid[0]


def restart(root: Path = ROOT, timeout: float = 300.0) -> Settings:
    """Stop it if running (or after kill9) and start again: same data, same password."""
    with _locked(root):
        previous = read_env(root)
        _stop(root, 60.0)
        password = previous.password if previous else secrets.token_urlsafe(24)
        return _launch(root, password, timeout)


def _report(command: str, root: Path) -> int:
    rel = os.path.relpath(home(root) / "env")
    if command in ("start", "restart"):
        s = start(root) if command == "start" else restart(root)
        if s.reused:
            print(f"Neo4j {s.version} is already running on {s.uri} (pid {s.pid}); reusing it")
        else:
            print(f"Neo4j {s.version} started on {s.uri} in {s.seconds:.1f} s (pid {s.pid})")
        print(f"credentials in {rel}: set -a; . {rel}; set +a")
    elif command == "stop":
        print("Neo4j stopped" if stop(root) else "Neo4j was not running")
    elif command == "kill9":
        pid = kill9(root)
        print(f"Neo4j (pid {pid}) killed with SIGKILL" if pid else "Neo4j was not running")
    else:
        running = status(root)
        if running is None:
            print("Neo4j is not running")
            return 3
        print(f"Neo4j {running.version} running on {running.uri} (pid {running.pid})")
    return 0


def main(argv: list[str] | None = None) -> int:
    """The command line: start, stop, status, restart or kill9."""
    parser = argparse.ArgumentParser(prog="neo4jctl", description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=["start", "stop", "status", "restart", "kill9"])
    parser.add_argument("--root", type=Path, default=ROOT, help="repository root")
    args = parser.parse_args(argv)
    try:
        return _report(args.command, args.root.resolve())
    except Neo4jCtlError as e:
        print(f"neo4jctl: {e}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
