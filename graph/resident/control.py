"""Find and stop resident gkgs by their pid files (``gkg doctor``, the tests and the
benchmarks do)."""

from __future__ import annotations

import os
import signal
import time

from gkg.resident import wire


def running_pid(pidfile: str | os.PathLike[str]) -> int | None:
    """The pid a resident's pid file names, while that process runs and is a resident (a
    pid reused by another program, or a zombie, is not)."""
    try:
        with open(pidfile) as text:
            pid = int(text.read().strip())
        with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
            running = b"gkg.resident.server" in cmdline.read()
    except (OSError, ValueError):
        return None
    return pid if running else None


def resident_pid() -> int | None:
    """The pid of this installation's resident, when one is running."""
    path = wire.socket_path()
    return None if path is None else running_pid(path.removesuffix(".sock") + ".pid")


def stop(pidfile: str | os.PathLike[str], wait_s: float = 5.0) -> int | None:
    """Stop the resident of ``pidfile`` and wait (up to ``wait_s``) until it has gone; its
    pid, or None when none was running. Commands it started run on in their children."""
    pid = running_pid(pidfile)
    if pid is None:
        return None
    try:
        os.kill(pid, signal.SIGTERM)
    except OSError:
        return None
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline and running_pid(pidfile) == pid:
        time.sleep(0.05)
    return pid


def stop_resident(wait_s: float = 5.0) -> bool:
    """Stop this installation's resident. True when one was running."""
    path = wire.socket_path()
    return path is not None and stop(path.removesuffix(".sock") + ".pid", wait_s) is not None


def describe() -> str:
    """One line for ``gkg doctor``: whether this installation's resident is running."""
    if wire.switched_off():
        return f"off ({wire.SWITCH_ENV}=0)"
    pid = resident_pid()
    if pid is None:
        return "not running (the next query, queries, cypher or datasets command starts one)"
    return f"running (pid {pid}), socket {wire.socket_path()}"
