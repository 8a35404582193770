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
