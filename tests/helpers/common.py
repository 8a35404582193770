"""Paths the tests use, the ``gkg`` command of this venv, and system-program checks."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "seed.yaml"
SMALL = ROOT / "tests" / "fixtures" / "small.yaml"
GKG = str(Path(sys.executable).with_name("gkg"))
#: A label gkg never writes, for nodes the Neo4j tests plant themselves.
FOREIGN_LABEL = "GkgTestForeign"


def need_program(name: str, why: str) -> str:
    """Path of a system program; skip (with a reason) when it is absent, fail under CI."""
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is required under CI ({why}); .ci/run installs it")
        pytest.skip(f"{name} is not installed: {why}")
    return path


def stop_residents(folder: Path) -> list[int]:
    """Stop every resident gkg whose pid file is in ``folder`` (any installation's: the
    install test makes a second one); the pids stopped."""
    import signal
    import time

    stopped = []
    for pidfile in folder.glob("resident-*.pid"):
        try:
            pid = int(pidfile.read_text().strip())
            if b"gkg.resident.server" not in Path(f"/proc/{pid}/cmdline").read_bytes():
                continue
            os.kill(pid, signal.SIGTERM)
        except (OSError, ValueError):
            continue
        stopped.append(pid)
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in stopped) and time.monotonic() < deadline:
        time.sleep(0.05)
    return stopped


def alive(pid: int) -> bool:
    """True while ``pid`` runs (a zombie waiting for its parent to reap it has ended)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[-1].split()[0] != "Z"
