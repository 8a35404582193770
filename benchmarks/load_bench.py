"""Load throughput: ``gkg load`` against the raw baseline, scale by scale.

At each scale the synthetic file is loaded by the real ``gkg load`` command and by
:mod:`benchmarks.raw`, alternately, each into a fresh data folder with its own server,
timed from process start to exit (the graph saved to disk). Then :mod:`benchmarks.phases`
shows where gkg's time goes. The ratio is raw time / gkg time: 1.0 means gkg is as fast
as the bare minimum.
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from benchmarks.generate import GeneratedSize, generate, scale_name
from benchmarks.measure import (
    GKG,
    Run,
    clean_env,
    discard_home,
    median,
    new_home,
    run_measured,
)

#: Files bigger than gkg's default limit (512 MB) are read with this limit instead.
BIG_FILE_LIMIT = str(4 * 1024**3)


def dataset(count: int, data_dir: Path, seed: int) -> tuple[GeneratedSize, float]:
    """The synthetic file for ``count`` nodes (made once, then reused) and the seconds it
    took to make (0 when reused)."""
    import time

    path = data_dir / f"eco-{scale_name(count)}-seed{seed}.yaml"
    sidecar = path.with_suffix(".json")
    if path.exists() and sidecar.exists():
        size = GeneratedSize(**json.loads(sidecar.read_text()))
        if size.bytes == path.stat().st_size:
            return size, 0.0
    started = time.perf_counter()
    size = generate(count, path, seed)
    elapsed = time.perf_counter() - started
    sidecar.write_text(json.dumps(asdict(size)))
    return size, elapsed


def _env(home: Path, size: GeneratedSize) -> dict[str, str]:
    extra = {"GKG_MAX_SEED_BYTES": BIG_FILE_LIMIT} if size.bytes > 512 * 1024**2 else {}
    return clean_env(home, **extra)


def run_gkg(size: GeneratedSize, keep: bool = False) -> tuple[Run, Path]:
    """``gkg load -q FILE`` into a fresh folder; the folder is kept (server running) if
    ``keep``, for the query benchmark."""
    home = new_home("gkg")
    try:
        run = run_measured([GKG, "load", "--quiet", size.path], _env(home, size), home)
    finally:
        if not keep:
            discard_home(home)
    _check(run, "gkg load")
    return run, home


def run_raw(size: GeneratedSize) -> Run:
    """The raw baseline into a fresh folder."""
    home = new_home("raw")
    try:
        command = [sys.executable, "-m", "benchmarks.raw", size.path]
        run = run_measured(command, _env(home, size), home)
    finally:
        discard_home(home)
    _check(run, "raw baseline")
    run.extra = json.loads(run.stdout.strip().splitlines()[-1])
    return run


def run_phases(size: GeneratedSize) -> dict[str, Any]:
    """gkg's load step by step, in one process (see :mod:`benchmarks.phases`)."""
    home = new_home("phases")
    try:
        command = [sys.executable, "-m", "benchmarks.phases", size.path]
        run = run_measured(command, _env(home, size), home)
    finally:
        discard_home(home)
    _check(run, "phase breakdown")
    return json.loads(run.stdout.strip().splitlines()[-1])


def _check(run: Run, what: str) -> None:
    if run.returncode != 0:
        raise RuntimeError(f"{what} failed (exit {run.returncode}):\n{run.stderr[-2000:]}")


def _side(runs: list[Run], elements: int) -> dict[str, Any]:
    wall = median([r.wall_s for r in runs])
    return {
        "wall_s": round(wall, 3),
        "runs_s": [round(r.wall_s, 3) for r in runs],
        "elements_per_s": round(elements / wall),
        "peak_rss_mb": round(max(r.peak_rss_mb for r in runs)),
        "server_peak_mb": round(max(r.server_peak_mb or 0 for r in runs)),
    }


def bench_scale(
    size: GeneratedSize,
    repeats: int,
    *,
    with_raw: bool = True,
    with_phases: bool = True,
    keep_last: bool = False,
    log: Any = print,
) -> tuple[dict[str, Any], Path | None]:
    """Measure one scale; returns its result and, if ``keep_last``, the loaded folder."""
    elements = size.nodes + size.relationships
    gkg_runs: list[Run] = []
    raw_runs: list[Run] = []
    kept: Path | None = None
    for attempt in range(repeats):
        last = attempt == repeats - 1
        run, home = run_gkg(size, keep=keep_last and last)
        gkg_runs.append(run)
        log(f"  gkg load: {run.wall_s:.2f} s, peak {run.peak_rss_mb:.0f} MB")
        if keep_last and last:
            kept = home
        if with_raw:
            raw = run_raw(size)
            raw_runs.append(raw)
            log(f"  raw baseline: {raw.wall_s:.2f} s, peak {raw.peak_rss_mb:.0f} MB")
    result: dict[str, Any] = {
        "nodes": size.nodes,
        "relationships": size.relationships,
        "file_mb": round(size.bytes / 1e6, 1),
        "gkg": _side(gkg_runs, elements),
    }
    if raw_runs:
        result["raw"] = _side(raw_runs, elements)
        result["raw"]["phases"] = {
            k: round(median([r.extra[k] for r in raw_runs]), 3)
            for k in ("server_s", "parse_s", "rows_s", "write_s", "save_s")
        }
        result["ratio_raw_over_gkg"] = round(result["raw"]["wall_s"] / result["gkg"]["wall_s"], 3)
    if with_phases:
        result["gkg"]["phases"] = run_phases(size)
        log(f"  gkg phases: {result['gkg']['phases']}")
    return result, kept


def estimate_next(results: dict[str, dict[str, Any]], small: str, big: str) -> dict[str, Any]:
    """Time and memory of a 10x bigger load, from how ``small`` -> ``big`` (10x) grew."""
    a, b = results[small], results[big]
    growth = b["gkg"]["wall_s"] / a["gkg"]["wall_s"]
    estimate: dict[str, Any] = {
        "gkg_wall_s": round(b["gkg"]["wall_s"] * max(growth, 10.0)),
        "gkg_peak_rss_mb": b["gkg"]["peak_rss_mb"] * 10,
        "server_peak_mb": b["gkg"]["server_peak_mb"] * 10,
        "basis": f"{big} figures x the {small}->{big} growth (at least 10x)",
    }
    if "raw" in b:
        estimate["raw_peak_rss_mb"] = b["raw"]["peak_rss_mb"] * 10
        estimate["raw_wall_s"] = round(b["raw"]["wall_s"] * 10)
    return estimate
