"""gkg installs like a real tool: a wheel built from this checkout, installed (not editable)
into a fresh venv, gives a ``gkg`` that loads the shipped seed and answers a named query
from any folder; building and installing print no setuptools warning.

This takes a minute or so (a fresh venv and gkg's dependencies, from pip's cache when it
has them) and needs a package index; it runs in ``make test`` and under CI.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import venv
from pathlib import Path
from typing import Any

import pytest

from gkg.resident.control import running_pid
from tests.helpers.common import ROOT

#: Lines of a build or install log that warn (setuptools' warnings are ``...Warning:``
#: banners; distutils-style ones read ``warning: ...``).
WARNING = re.compile(r"warning", re.IGNORECASE)
#: Not about gkg: pip's verbose log notes that it asked setuptools not to byte-compile.
HARMLESS = ("byte-compiling is disabled",)
PIP_TIMEOUT_S = 900


def _warnings(log: str) -> list[str]:
    return [
        line.strip()
        for line in log.splitlines()
        if WARNING.search(line) and not any(harmless in line for harmless in HARMLESS)
    ]


def _run(args: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(args, capture_output=True, text=True, **kwargs)
    assert done.returncode == 0, f"{' '.join(args)}\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with gkg installed from a wheel of this checkout; its bin folder."""
    root = tmp_path_factory.mktemp("install")
    wheels = root / "wheels"
    built = _run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-v", "-w", str(wheels), str(ROOT)],
        timeout=PIP_TIMEOUT_S,
    )
    assert _warnings(built.stdout + built.stderr) == [], "building the wheel warned"
    (wheel,) = wheels.glob("gkg-*.whl")
    env_dir = root / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    bin_dir = env_dir / "bin"
    pip = [str(bin_dir / "python"), "-m", "pip"]
    done = _run([*pip, "install", str(wheel)], timeout=PIP_TIMEOUT_S)
    assert _warnings(done.stdout + done.stderr) == [], "installing the wheel warned"
    return bin_dir


def test_installed_gkg_loads_and_answers_from_any_folder(
    installed: Path, tmp_path: Path, store_homes: list[Path]
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    home = tmp_path / "gkg-home"
    store_homes.append(home)  # its server is stopped at the end of the session
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "GKG_"))}
    resident_folder = os.environ["GKG_RESIDENT_DIR"]  # the session's: stopped at its end
    env.update(GKG_HOME=str(home), PYTHONPATH="", GKG_RESIDENT_DIR=resident_folder)
    gkg = str(installed / "gkg")

    loaded = _run([gkg, "load"], cwd=elsewhere, env=env, timeout=300)
    assert "loaded: nodes +" in loaded.stdout
    answer = _run([gkg, "query", "data-center", "--format", "json"], cwd=elsewhere, env=env)
    rows = json.loads(answer.stdout)
    assert rows and rows[0]["computePetaflops"] == 88.5
    listed = _run([gkg, "queries", "--format", "json"], cwd=elsewhere, env=env)
    paths = {Path(q["path"]) for q in json.loads(listed.stdout)}
    assert all(installed.parent in p.parents for p in paths), "queries not from the install"
    page = _run([gkg, "viz", "--out", str(tmp_path / "g.html")], cwd=elsewhere, env=env)
    assert Path(page.stdout.strip()).read_text(encoding="utf-8").count("<style>") >= 2
    # the installed gkg's resident answers the same (the query above started it)
    assert _installed_resident(installed, Path(resident_folder)), "no resident started"
    again = _run([gkg, "query", "data-center", "--format", "json"], cwd=elsewhere, env=env)
    assert again.stdout == answer.stdout


def _installed_resident(installed: Path, folder: Path, wait_s: float = 60) -> bool:
    """Wait until a resident of the installed venv's Python listens in ``folder``."""
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        for pidfile in folder.glob("resident-*.pid"):
            pid = running_pid(pidfile)
            if pid is None or not pidfile.with_suffix(".sock").exists():
                continue
            if Path(f"/proc/{pid}/cmdline").read_bytes().startswith(bytes(installed)):
                return True
        time.sleep(0.2)
    return False


def test_the_installed_package_is_gkg_only(installed: Path) -> None:
    """Only ``gkg`` (and its metadata) lands in site-packages: no top-level ``graph``,
    ``loaders``, ``queries`` or ``data`` to collide with other projects."""
    (site,) = installed.parent.glob("lib/python*/site-packages")
    ours = sorted(p.name for p in site.iterdir() if p.name.startswith(("gkg", "graph")))
    assert [n for n in ours if not n.startswith("gkg-")] == ["gkg"]
    for name in ("graph", "loaders", "queries", "data"):
        assert not (site / name).exists(), name
