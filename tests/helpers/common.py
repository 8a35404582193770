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
    from gkg.resident.control import stop

    stopped = [stop(pidfile, wait_s=10) for pidfile in folder.glob("resident-*.pid")]
    return [pid for pid in stopped if pid is not None]


def alive(pid: int) -> bool:
    """True while ``pid`` runs (a zombie waiting for its parent to reap it has ended)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[-1].split()[0] != "Z"
