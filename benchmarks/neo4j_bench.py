"""Loading into Neo4j: ``gkg load`` against :mod:`benchmarks.neo4j_raw` (the same ``UNWIND
... MERGE`` batches with the official driver, nothing else), in the same run, on the same
server, each into an emptied database.

The server is NEO4J_URI's when set, else the local Neo4j 5.26 of tools/neo4j, started in its
own folder (``.neo4j/bench``) and stopped at the end. The ratio is raw time / gkg time.

    python -m benchmarks.neo4j_bench --scale 100k     # writes benchmarks/results/neo4j_load.json
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import shutil
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks import load_bench, measure
from benchmarks.generate import parse_scale, scale_name

HERE = Path(__file__).resolve().parent
TOOL = measure.ROOT / "tools" / "neo4j"
BENCH_ROOT = measure.ROOT / ".neo4j" / "bench"


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _local_server() -> tuple[dict[str, str], Any]:
    """Start the local Neo4j in .neo4j/bench (jars shared with .neo4j/); (env, its module)."""
    sys.path.insert(0, str(TOOL))
    ctl, build = importlib.import_module("neo4jctl"), importlib.import_module("neo4jbuild")
    lib = build.ensure_jars(measure.ROOT)
    build.ensure_classes(measure.ROOT, lib)
    own = build.home(BENCH_ROOT)
    own.mkdir(parents=True, exist_ok=True)
    for name in ("lib", "classes"):
        if not (own / name).is_symlink():
            shutil.rmtree(own / name, ignore_errors=True)
            (own / name).symlink_to(build.home(measure.ROOT) / name)
    started = ctl.start(BENCH_ROOT)
    log(f"Neo4j {started.version} on {started.uri} (started in {started.seconds} s)")
    return started.env(), ctl


def _wipe(env: dict[str, str]) -> None:
    import neo4j

    auth = (env.get("NEO4J_USERNAME", "neo4j"), env["NEO4J_PASSWORD"])
    driver = neo4j.GraphDatabase.driver(env["NEO4J_URI"], auth=auth)
    with driver, driver.session(database=env.get("NEO4J_DATABASE") or None) as session:
        for label in ("Entity", "GkgDataset", "GkgLoadGuard"):
            session.run(
                f"MATCH (n:{label}) CALL (n) {{ DETACH DELETE n }} IN TRANSACTIONS OF 10000 ROWS"
            ).consume()


def _jvm_peak_mb(pid: int | None) -> float | None:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except (OSError, TypeError):
        return None
    line = next((ln for ln in status.splitlines() if ln.startswith("VmHWM:")), None)
    return round(int(line.split()[1]) / 1024) if line else None


def _side(run: measure.Run, elements: int) -> dict[str, Any]:
    return {
        "wall_s": round(run.wall_s, 2),
        "elements_per_s": round(elements / run.wall_s),
        "peak_rss_mb": round(run.peak_rss_mb),
    }


def bench(count: int, data: Path, seed: int) -> dict[str, Any]:
    size, _ = load_bench.dataset(count, data, seed)
    elements = size.nodes + size.relationships
    external = os.environ.get("NEO4J_URI")
    ctl = None
    if external:
        neo = {k: v for k, v in os.environ.items() if k.startswith("NEO4J_")}
    else:
        neo, ctl = _local_server()
    pid = None if ctl is None else json.loads((BENCH_ROOT / ".neo4j" / "pid").read_text())["pid"]
    home = measure.new_home("neo4j-bench")
    load_before = os.getloadavg()
    try:
        env = {**measure.clean_env(home), **neo}
        _wipe(env)
        log(
            f"{scale_name(count)}: gkg load into Neo4j ({size.nodes} nodes, "
            f"{size.relationships} relationships)"
        )
        gkg = measure.run_measured([measure.GKG, "load", "--quiet", size.path], env, timeout=7200)
        load_bench._check(gkg, "gkg load into Neo4j")
        log(f"gkg: {gkg.wall_s:.1f} s; now the bare driver script")
        _wipe(env)
        command = [sys.executable, "-m", "benchmarks.neo4j_raw", size.path]
        raw = measure.run_measured(command, env, timeout=7200)
        load_bench._check(raw, "the bare Neo4j script")
        log(f"raw: {raw.wall_s:.1f} s")
        _wipe(env)
    finally:
        measure.discard_home(home)
        if ctl is not None:
            peak = _jvm_peak_mb(pid)
            ctl.stop(BENCH_ROOT)
    return {
        "scale": scale_name(count),
        "nodes": size.nodes,
        "relationships": size.relationships,
        "server": "NEO4J_URI" if external else "local Neo4j 5.26.30 (tools/neo4j)",
        "server_settings": None if external else {"heap": ctl.HEAP, "pagecache": ctl.PAGE_CACHE},
        "server_peak_rss_mb": None if external else peak,
        "gkg": _side(gkg, elements),
        "raw": {**_side(raw, elements), "phases": json.loads(raw.stdout.strip().splitlines()[-1])},
        "ratio_raw_over_gkg": round(raw.wall_s / gkg.wall_s, 2),
        "atomicity": "gkg: one write transaction, its commit guarded so readers see old or new",
        "load_average_before_after": [round(x, 2) for x in (*load_before, *os.getloadavg())],
        "timing": "wall clock from process start to exit (commit acknowledged); one run each",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.neo4j_bench")
    parser.add_argument("--scale", default="100k")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--data", type=Path, default=HERE / "data")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    count = parse_scale(args.scale)
    result = bench(count, args.data, args.seed)
    out = args.out or (HERE / "results" if count >= 100_000 else HERE / "results" / "quick")
    out.mkdir(parents=True, exist_ok=True)
    path = out / "neo4j_load.json"
    path.write_text(json.dumps({"machine": measure.machine(), **result}, indent=2) + "\n")
    log(f"wrote {path}: ratio {result['ratio_raw_over_gkg']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
