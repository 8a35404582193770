"""Run the benchmarks and write ``benchmarks/results/*.json`` (``make bench``).

    python -m benchmarks.run                     # 1k, 10k, 100k; queries; rendering
    python -m benchmarks.run --scales 1k,10k     # a quick run (results/quick/)
    python -m benchmarks.run --with-1m           # also 1M nodes, if it fits (see below)

A full run (one that includes 100k) writes ``benchmarks/results`` and refreshes the
generated tables in ``benchmarks/README.md``; any other run writes
``benchmarks/results/quick`` unless ``--out`` says otherwise.

1M nodes: before trying, the time and memory of a 1M load are estimated from the 10k and
100k runs. A part whose estimate is over 15 minutes, or over 80% of this machine's
memory, is skipped and the estimate is recorded instead (``--force-1m`` tries anyway).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks import load_bench, measure, tables
from benchmarks.generate import parse_scale, scale_name

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
RESULTS = HERE / "results"
SEED = measure.ROOT / "data" / "seed.yaml"
#: Scales of a full run; the 100k one is the yardstick of the issue.
DEFAULT_SCALES = "1k,10k,100k"
YARDSTICK = "100k"
MILLION = 1_000_000
#: Longest a 1M load may be estimated to take before it is skipped.
MILLION_BUDGET_S = 15 * 60
#: Share of the machine's memory an estimated 1M peak may take.
MEMORY_SHARE = 0.8
#: Nodes of the rendering benchmark's graph (about 3 relationships each).
RENDER_NODES = 2000


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.run", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--scales", default=DEFAULT_SCALES, help="e.g. 1k,10k,100k (default)")
    parser.add_argument("--with-1m", action="store_true", help="also try 1M nodes")
    parser.add_argument("--force-1m", action="store_true", help="try 1M whatever the estimate")
    parser.add_argument(
        "--repeat", type=int, default=None, help="runs per scale (default: 3 below 100k, else 1)"
    )
    parser.add_argument("--seed", type=int, default=7, help="random seed of the generator")
    parser.add_argument("--no-phases", action="store_true", help="skip the phase breakdown")
    parser.add_argument("--skip-queries", action="store_true", help="skip query latency")
    parser.add_argument("--skip-render", action="store_true", help="skip rendering")
    parser.add_argument(
        "--skip-neo4j", action="store_true", help="skip the Neo4j load (needs java and mvn)"
    )
    parser.add_argument("--data", type=Path, default=DATA, help="where generated YAML goes")
    parser.add_argument("--out", type=Path, default=None, help="results folder")
    return parser.parse_args(argv)


def _repeats(count: int, override: int | None) -> int:
    if override is not None:
        return max(1, override)
    return 3 if count < 100_000 else 1


# --- load ---------------------------------------------------------------------------------


def run_loads(
    args: argparse.Namespace, counts: list[int], keep: bool
) -> tuple[dict[str, Any], dict[str, Path]]:
    """Every requested scale; with ``keep``, the folders loaded up to 100k are kept (by
    scale) for the query benchmark."""
    scales: dict[str, Any] = {}
    kept: dict[str, Path] = {}
    for count in counts:
        name = scale_name(count)
        size, made_s = load_bench.dataset(count, args.data, args.seed)
        log(
            f"{name}: {size.nodes} nodes, {size.relationships} relationships, "
            f"{size.bytes / 1e6:.0f} MB" + (f" (generated in {made_s:.1f} s)" if made_s else "")
        )
        result, home = load_bench.bench_scale(
            size,
            _repeats(count, args.repeat),
            with_phases=not args.no_phases,
            keep_last=keep and count <= 100_000,
            log=lambda m: log(m),
        )
        result["generate_s"] = round(made_s, 2) if made_s else None
        scales[name] = result
        if home is not None:
            kept[name] = home
    load: dict[str, Any] = {"scales": scales}
    _growth(load)
    return load, kept


def _growth(load: dict[str, Any]) -> None:
    scales = load["scales"]
    growth = {}
    for small, big in (("10k", "100k"), ("100k", "1m")):
        if small in scales and big in scales:
            entry = {"gkg": round(scales[big]["gkg"]["wall_s"] / scales[small]["gkg"]["wall_s"], 2)}
            if "raw" in scales[big] and "raw" in scales[small]:
                entry["raw"] = round(
                    scales[big]["raw"]["wall_s"] / scales[small]["raw"]["wall_s"], 2
                )
            growth[f"{small}_to_{big}"] = entry
    load["growth"] = growth
    yardstick = scales.get(YARDSTICK, {})
    load["load_ratio_vs_raw"] = yardstick.get("ratio_raw_over_gkg")


def try_million(args: argparse.Namespace, load: dict[str, Any]) -> None:
    """Run 1M if the estimates say it fits; record what happened either way."""
    scales = load["scales"]
    if "10k" not in scales or "100k" not in scales:
        load["one_million"] = {"outcome": "not tried: needs the 10k and 100k runs to estimate"}
        return
    estimate = load_bench.estimate_next(scales, "10k", "100k")
    memory_mb = measure.machine()["memory_gib"] * 1024 * MEMORY_SHARE
    gkg_fits = estimate["gkg_peak_rss_mb"] + estimate["server_peak_mb"] < memory_mb
    raw_fits = estimate.get("raw_peak_rss_mb", 0) + estimate["server_peak_mb"] < memory_mb
    in_time = estimate["gkg_wall_s"] <= MILLION_BUDGET_S
    entry: dict[str, Any] = {"estimate": estimate, "memory_budget_mb": round(memory_mb)}
    load["one_million"] = entry
    raw_note = (
        ""
        if raw_fits
        else f"; the raw baseline cannot run: PyYAML's CSafeLoader would need about "
        f"{estimate['raw_peak_rss_mb']:,} MB (10x its 100k peak), over {memory_mb:,.0f} MB"
    )
    if not args.with_1m:
        verdict = "would run" if gkg_fits and in_time else "would be skipped"
        entry["outcome"] = (
            f"not tried (pass --with-1m); by the estimate below it {verdict}: "
            f"{estimate['gkg_wall_s']:,} s, peak {estimate['gkg_peak_rss_mb']:,} MB{raw_note}"
        )
        return
    if not args.force_1m and not (gkg_fits and in_time):
        why = []
        if not in_time:
            why.append(f"estimated {estimate['gkg_wall_s']:,} s > {MILLION_BUDGET_S} s budget")
        if not gkg_fits:
            why.append(
                f"estimated peak {estimate['gkg_peak_rss_mb']:,} MB + server "
                f"{estimate['server_peak_mb']:,} MB > {memory_mb:,.0f} MB"
            )
        entry["outcome"] = "skipped: " + "; ".join(why) + raw_note
        log(f"1m: {entry['outcome']}")
        return
    size, made_s = load_bench.dataset(MILLION, args.data, args.seed)
    log(
        f"1m: {size.bytes / 1e6:,.0f} MB of YAML (generated in {made_s:.0f} s); raw baseline "
        f"{'runs' if raw_fits else 'skipped'}"
    )
    try:
        result, _ = load_bench.bench_scale(
            size, 1, with_raw=raw_fits, with_phases=False, log=lambda m: log(m)
        )
    except RuntimeError as exc:  # e.g. killed for memory: say so, keep the other results
        entry["outcome"] = f"tried and failed: {str(exc)[:500]}"
        log(f"1m: {entry['outcome']}")
        return
    result["generate_s"] = round(made_s, 2) if made_s else None
    scales["1m"] = result
    _growth(load)
    gkg = result["gkg"]
    outcome = f"loaded in {gkg['wall_s']:,.0f} s, peak {gkg['peak_rss_mb']:,} MB"
    entry["outcome"] = outcome + raw_note


# --- queries and rendering ------------------------------------------------------------------


def run_queries(homes: dict[str, Path]) -> dict[str, Any]:
    """Cold ``gkg query`` on the seed graph (every query, and the ratio to a bare
    interpreter); every named query warm on each loaded scale, with its peak memory."""
    from benchmarks import cold_bench, query_bench
    from gkg.catalogue import Catalogue
    from gkg.loaders.load import load_files
    from gkg.stores.falkordb.store import FalkorStore

    catalogue = Catalogue.load()
    result: dict[str, Any] = {"graph_scales": list(homes), "queries": len(catalogue)}
    seed_home = measure.new_home("seed")
    try:
        seed_store = FalkorStore(seed_home)
        load_files(seed_store, [SEED])
        log(f"cold start: {cold_bench.RUNS} alternating runs against `python -c pass`")
        result["cold_ratio"] = cold_bench.cold_ratio(seed_home, log=log)
        log(f"cold queries on the seed graph ({len(catalogue)} queries x 3)")
        with cold_bench.resident_env(seed_home) as env:
            names = catalogue.names()
            result["cold"] = query_bench.cold_latency(seed_home, names, log=log, env=env)
        stand_ins = query_bench.entity_stand_ins(seed_store, catalogue)
        seed_store.close()
    finally:
        measure.discard_home(seed_home)
    result["warm_by_scale"] = {}
    for scale, home in homes.items():
        log(f"warm queries on the {scale} graph")
        warm = query_bench.warm_latency(home, catalogue, stand_ins, log=log)
        result["warm_by_scale"][scale] = {
            "queries": warm,
            "server_peak_mb": measure.server_peak_mb(home),
        }
    if YARDSTICK in homes:  # the tables read the yardstick's numbers here
        result["graph_scale"] = YARDSTICK
        result["warm"] = result["warm_by_scale"][YARDSTICK]["queries"]
        result["server_peak_mb"] = result["warm_by_scale"][YARDSTICK]["server_peak_mb"]
    return result


def run_render(args: argparse.Namespace) -> dict[str, Any]:
    from benchmarks.render_bench import bench_render

    size, _ = load_bench.dataset(RENDER_NODES, args.data, args.seed)
    log(f"rendering {size.nodes} nodes / {size.relationships} relationships")
    return bench_render(size, log=log)


def run_neo4j(out: Path, counts: list[int], args: argparse.Namespace) -> None:
    """gkg load into Neo4j against the bare driver script, at the largest scale up to 100k
    (see :mod:`benchmarks.neo4j_bench`); skipped, saying why, without java/mvn or NEO4J_URI."""
    import os
    import shutil

    from benchmarks import neo4j_bench

    if not os.environ.get("NEO4J_URI") and not all(
        shutil.which(p) for p in ("java", "javac", "mvn")
    ):
        log("neo4j: skipped (no NEO4J_URI, and java, javac or mvn is missing)")
        return
    count = max((c for c in counts if c <= 100_000), default=counts[0])
    write(out, "neo4j_load.json", measure.machine(), neo4j_bench.bench(count, args.data, args.seed))


# --- main -----------------------------------------------------------------------------------


def write(folder: Path, name: str, machine: dict[str, Any], data: dict[str, Any]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(json.dumps({"machine": machine, **data}, indent=2, ensure_ascii=False) + "\n")
    log(f"wrote {path}")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    counts = sorted({parse_scale(s) for s in args.scales.split(",") if s.strip()})
    full = YARDSTICK in {scale_name(c) for c in counts}
    out = args.out or (RESULTS if full else RESULTS / "quick")
    machine = measure.machine()
    started = time.perf_counter()
    homes: dict[str, Path] = {}
    try:
        load, homes = run_loads(args, counts, keep=not args.skip_queries)
        try_million(args, load)
        load["settings"] = {
            "scales": [scale_name(c) for c in counts],
            "seed": args.seed,
            "relationships_per_node": 3,
            "timing": "wall clock from process start to exit (graph saved); median of runs",
        }
        write(out, "load.json", machine, load)
        if not args.skip_queries:
            write(out, "queries.json", machine, run_queries(homes))
    finally:
        for home in homes.values():
            measure.discard_home(home)
    if not args.skip_render:
        write(out, "render.json", machine, run_render(args))
    if not args.skip_neo4j:
        run_neo4j(out, counts, args)
    if out == RESULTS:
        tables.update_readme(out)
        log("refreshed the tables in benchmarks/README.md")
    print(tables.section(out), end="")
    log(f"done in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
