"""The cold command against the interpreter's own start: ``gkg query data-center`` on the
shipped seed graph (its server running) and ``python -c pass``, alternately, ten times
each; the ratio of the medians, in wall time and in CPU time (user + system of the
process, which other work on a busy machine inflates far less than wall time).

The same for ``gkg queries`` and ``gkg --help``, and what each import on the query's path
costs (``-X importtime``: the modules taking the most time, with what they import).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.measure import GKG, clean_env, median, run_measured

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
    """Medians of ``runs`` alternating runs of each command and of the bare interpreter."""
    env = clean_env(seed_home)
    results: dict[str, Any] = {"runs": runs}
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
            f"  cold `gkg {name}`: {entry['wall_median_s']:.3f} s wall "
            f"({entry['wall_ratio']}x bare python), {entry['cpu_median_s']:.3f} s CPU "
            f"({entry['cpu_ratio']}x)"
        )
    results["imports_ms"] = import_costs(seed_home)
    return results


def import_costs(seed_home: Path, runs: int = 5) -> dict[str, float]:
    """Cumulative import time of the main modules on ``gkg query data-center``'s path
    (``-X importtime``, the smallest of ``runs`` runs, in ms)."""
    code = (
        "import sys; from gkg.launch import main; sys.argv[1:] = ['query', 'data-center']; main()"
    )
    best: dict[str, float] = {}
    for _ in range(runs):
        run = run_measured((sys.executable, "-X", "importtime", "-c", code), clean_env(seed_home))
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
