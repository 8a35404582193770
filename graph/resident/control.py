"""Find and stop this installation's resident gkg (``gkg server stop`` and the tests do)."""

from __future__ import annotations

import os
import signal
import time

from gkg.resident import wire


def resident_pid() -> int | None:
    """The pid of this installation's resident, when one is running."""
    path = wire.socket_path()
    if path is None:
        return None
    try:
        with open(path.removesuffix(".sock") + ".pid") as pidfile:
            pid = int(pidfile.read().strip())
        with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
            running = b"gkg.resident.server" in cmdline.read()
    except (OSError, ValueError):
        return None
    return pid if running else None


def stop_resident(wait_s: float = 5.0) -> bool:
    """Stop this installation's resident (it finishes nothing: commands run in children,
    which go on to their end). True when one was running."""
    pid = resident_pid()
    if pid is None:
        return False
    try:
        os.kill(pid, signal.SIGTERM)
    except OSError:
        return False
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline and resident_pid() == pid:
        time.sleep(0.05)
    return True


def describe() -> str:
    """One line for ``gkg doctor``: whether this installation's resident is running."""
    if wire.switched_off():
        return f"off ({wire.SWITCH_ENV}=0)"
    pid = resident_pid()
    if pid is None:
        return "not running (the next query, queries, cypher or datasets command starts one)"
    return f"running (pid {pid}), socket {wire.socket_path()}"
