"""Process and socket helpers of the local Neo4j: ports, Bolt's handshake, signals, files."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
from pathlib import Path

from neo4jbuild import Neo4jCtlError

# JVMs started by this Python process, so that their exit is collected (no zombie remains).
children: dict[int, subprocess.Popen[bytes]] = {}


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def bolt_answers(port: int, host: str = "127.0.0.1", timeout: float = 2.0) -> bool:
    """True when a Bolt server on host:port agrees to a protocol version (5.0 to 5.4)."""
    try:
        with socket.create_connection((host, port), timeout=timeout) as s:
            # Bolt's magic preamble, then four proposals: "5.4 and the 4 versions below it".
            s.sendall(b"\x60\x60\xb0\x17" + b"\x00\x04\x04\x05" + b"\x00" * 12)
            reply = b""
            while len(reply) < 4:
                chunk = s.recv(4 - len(reply))
                if not chunk:
                    return False
                reply += chunk
            return reply != b"\x00\x00\x00\x00"
    except OSError:
        return False


def start_ticks(pid: int) -> str | None:
    """When the process started, in clock ticks (tells a reused pid apart); None if it exited."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return None
    except OSError:
        return "?"
    fields = stat.rsplit(")", 1)[1].split()
    return None if fields[0] in ("Z", "X") else fields[19]


def alive(pid: int, ticks: str | None = None) -> bool:
    """True while the process runs (and, given ticks, is the one that started then)."""
    child = children.get(pid)
    if child is not None and child.poll() is not None:
        del children[pid]
        return False
    if Path("/proc").is_dir():
        now = start_ticks(pid)
        return now is not None and (ticks is None or now == ticks)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def kill_group(pid: int, timeout: float, ticks: str | None = None) -> None:
    """SIGTERM the process group, SIGKILL it after timeout s (at once if 0); wait till gone."""
    for sig, wait in ((signal.SIGTERM, timeout), (signal.SIGKILL, 30.0)):
        if timeout <= 0 and sig == signal.SIGTERM:
            continue
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, sig)
        end = time.monotonic() + wait
        while time.monotonic() < end:
            if not alive(pid, ticks):
                await_reaped(pid, 10.0)
                return
            time.sleep(0.1)
    raise Neo4jCtlError(f"Neo4j (pid {pid}) did not exit even after SIGKILL")


def await_reaped(pid: int, timeout: float) -> None:
    """Wait (a while) until an exited JVM is reaped, so no <defunct> java stays listed."""
    end = time.monotonic() + timeout
    while Path(f"/proc/{pid}").exists() and time.monotonic() < end:
        time.sleep(0.1)


def write_private(path: Path, text: str) -> None:
    """Write a file only its owner can read (mode 0600 from the start), atomically."""
    tmp = path.with_name(path.name + ".tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(text)
    os.replace(tmp, path)
