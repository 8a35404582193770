"""The cold command against the interpreter's own start: ``gkg query data-center`` on the
shipped seed graph (its server running) and ``python -c pass``, alternately, ten times
each; the ratio of the medians, in wall time and in CPU time (user + system of the
process, which other work on a busy machine inflates far less than wall time).

Measured twice: as users run it, with this installation's resident gkg (``gkg.resident``)
waiting (started by a first command, as a user's first command starts it), and with
``GKG_RESIDENT=0``, everything imported in the command's own process. With the resident,
the command's work runs in the resident's child, which the CPU time of the measured
process does not include: wall time is the measure there.

The same for ``gkg queries`` and ``gkg --help``, and what each import on the query's path
costs in its own process (``-X importtime``: the modules taking the most time).
"""

from __future__ import annotations

import contextlib
import re
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from benchmarks.measure import GKG, clean_env, median, run_measured
from gkg.resident.control import running_pid, stop

RUNS = 10
BARE = (sys.executable, "-c", "pass")
COMMANDS: dict[str, tuple[str, ...]] = {
    "query data-center": (GKG, "query", "data-center"),
    "queries": (GKG, "queries"),
    "--help": (GKG, "--help"),
}
#: Top-level imports to report the cost of (with everything they import).
IMPORTS = ("typer", "redis", "falkordb", "rich", "gkg.core", "gkg.catalogue", "gkg.present")


def cold_ratio(seed_home: Path, runs: int = RUNS, log: Callable[[str], None] = print) -> dict:
    """Medians of ``runs`` alternating runs of each command and of the bare interpreter,
    with the resident gkg and without it."""
    results: dict[str, Any] = {"runs": runs}
    with resident_env(seed_home) as env:
        log("  with the resident gkg waiting (as users run it):")
        results.update(_ratios(env, runs, log))
    log("  without it (GKG_RESIDENT=0: every import in the command's own process):")
    results["without_resident"] = _ratios(clean_env(seed_home, GKG_RESIDENT="0"), runs, log)
    results["imports_ms"] = import_costs(seed_home)
    return results


@contextlib.contextmanager
def resident_env(seed_home: Path) -> Iterator[dict[str, str]]:
    """The environment of a command with this installation's resident waiting in a folder
    of the benchmark's own; the resident is stopped at the end."""
    with tempfile.TemporaryDirectory(prefix="gkg-bench-resident-") as folder:
        env = clean_env(seed_home, GKG_RESIDENT_DIR=folder, GKG_RESIDENT="1")
        deadline = time.monotonic() + 60
        while not _listening(Path(folder)):
            if time.monotonic() > deadline:
                raise RuntimeError("the resident gkg did not start within 60 s")
            run_measured((GKG, "queries"), env)  # a first command starts it
            time.sleep(0.5)
        try:
            yield env
        finally:
            for pidfile in Path(folder).glob("resident-*.pid"):
                stop(pidfile)


def _listening(folder: Path) -> bool:
    """True when a resident runs in ``folder`` with its socket in place."""
    return any(
        running_pid(pidfile) is not None and pidfile.with_suffix(".sock").exists()
        for pidfile in folder.glob("resident-*.pid")
    )


def _ratios(env: dict[str, str], runs: int, log: Callable[[str], None]) -> dict[str, Any]:
    results: dict[str, Any] = {}
    for name, command in COMMANDS.items():
        bare_wall: list[float] = []
        bare_cpu: list[float] = []
        wall: list[float] = []
        cpu: list[float] = []
        for _ in range(runs):
            bare = run_measured(BARE, env)
            bare_wall.append(bare.wall_s)
            bare_cpu.append(bare.cpu_s)
            run = run_measured(command, env)
            if run.returncode != 0:
                raise RuntimeError(f"gkg {name} failed: {run.stderr.strip()[-300:]}")
            wall.append(run.wall_s)
            cpu.append(run.cpu_s)
        entry = {
            "wall_median_s": round(median(wall), 4),
            "cpu_median_s": round(median(cpu), 4),
            "bare_wall_median_s": round(median(bare_wall), 4),
            "bare_cpu_median_s": round(median(bare_cpu), 4),
            "wall_ratio": round(median(wall) / median(bare_wall), 2),
            "cpu_ratio": round(median(cpu) / median(bare_cpu), 2),
        }
        results[name] = entry
        log(
            f"    cold `gkg {name}`: {entry['wall_median_s']:.3f} s wall "
            f"({entry['wall_ratio']}x bare python), {entry['cpu_median_s']:.3f} s CPU "
            f"({entry['cpu_ratio']}x)"
        )
    return results


def import_costs(seed_home: Path, runs: int = 5) -> dict[str, float]:
    """Cumulative import time of the main modules on ``gkg query data-center``'s path
    (``-X importtime``, the smallest of ``runs`` runs, in ms)."""
    code = (
        "import sys; from gkg.launch import main; sys.argv[1:] = ['query', 'data-center']; main()"
    )
    best: dict[str, float] = {}
    for _ in range(runs):
        env = clean_env(seed_home, GKG_RESIDENT="0")
        run = run_measured((sys.executable, "-X", "importtime", "-c", code), env)
        found: dict[str, float] = {}
        for line in run.stderr.splitlines():
            match = re.match(r"import time:\s+\d+ \|\s+(\d+) \| (\s*)(\S+)", line)
            if match and not match.group(2):  # imported at the top level
                found[match.group(3)] = found.get(match.group(3), 0) + int(match.group(1)) / 1000
        for module, ms in found.items():
            best[module] = min(ms, best.get(module, ms))
    total = sum(best.values())
    shown = {m: round(best[m], 1) for m in IMPORTS if m in best}
    shown["all imports"] = round(total, 1)
    return shown
