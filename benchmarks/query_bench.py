"""Query latency: every named query warm on a big synthetic graph, and the cold command.

Warm: through :func:`gkg.runner.run_query` (parameter binding, entity look-up
and the query itself), one untimed run and then the median of five, in a process per
query so that one too slow to wait for can be stopped; that process's peak memory too.
Entity parameters name seed entities (``asicland``) that a synthetic graph does not
have, so each is replaced by a synthetic node of the same label (``company-0``).

Cold: ``gkg query NAME`` as a user types it, on the shipped seed graph with its server
already running: process start to the answer printed, every query, three times each.
"""

from __future__ import annotations

import json
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.generate import node_id
from benchmarks.measure import GKG, clean_env, median, run_measured, server_cpu_s

WARM_RUNS = 5
#: Time one query's runs may take in all; a slow query gets fewer than five runs.
QUERY_BUDGET_S = 30.0
#: A query still running after this long is stopped and reported as such (generous: on a
#: machine other work keeps busy, wall time is several times the CPU time).
QUERY_TIMEOUT_S = 240.0


def entity_stand_ins(seed_store: Any, catalogue: Any) -> dict[tuple[str, str], str]:
    """(query, param) -> a synthetic node id with the label of the param's seed entity."""
    from gkg.lookup import resolve

    found: dict[tuple[str, str], str] = {}
    for query in catalogue:
        used: dict[str, int] = {}
        for param in query.params:
            if param.type != "entity" or param.default is None:
                continue
            try:
                label = resolve(seed_store, str(param.default)).label
            except Exception:  # a default the seed lacks: the query runs without it
                continue
            found[(query.name, param.name)] = node_id(label, used.get(label, 0))
            used[label] = used.get(label, 0) + 1
    return found


def warm_latency(
    home: Path,
    catalogue: Any,
    stand_ins: dict[tuple[str, str], str],
    log: Callable[[str], None] = print,
    timeout_s: float = QUERY_TIMEOUT_S,
) -> dict[str, dict[str, Any]]:
    """Median warm latency of every named query on the graph loaded in ``home``.

    Each query runs in its own process (:mod:`benchmarks.query_worker`), stopped after
    ``timeout_s``; the timings are taken inside it, so its start-up does not count.
    """
    results: dict[str, dict[str, Any]] = {}
    for query in catalogue:
        params = {
            param.name: stand_ins[(query.name, param.name)]
            for param in query.params
            if (query.name, param.name) in stand_ins
        }
        entry: dict[str, Any] = {"engine": query.engine, "params": params}
        command = [
            sys.executable, "-m", "benchmarks.query_worker",
            query.name, json.dumps(params), str(WARM_RUNS), str(QUERY_BUDGET_S),
        ]  # fmt: skip
        server_before = server_cpu_s(home)
        run = run_measured(command, clean_env(home), timeout=timeout_s)
        server_after = server_cpu_s(home)
        if run.returncode == -signal.SIGKILL and run.wall_s >= timeout_s:
            entry["error"] = f"stopped after {timeout_s:.0f} s"
        elif run.returncode != 0:
            entry["error"] = (run.stderr.strip().splitlines() or ["failed"])[-1][:300]
        else:
            timed = json.loads(run.stdout.strip().splitlines()[-1])
            times = timed["runs_s"] or [timed["first_s"]]
            entry.update(
                median_ms=round(median(times) * 1000, 1),
                runs_ms=[round(t * 1000, 1) for t in times],
                first_ms=round(timed["first_s"] * 1000, 1),
                rows=timed["rows"],
                peak_rss_mb=round(run.peak_rss_mb, 1),
                # all runs together (the untimed first one too): client process, server
                cpu_s=round(run.cpu_s, 2),
                server_cpu_s=(
                    round(server_after - server_before, 2)
                    if server_before is not None and server_after is not None
                    else None
                ),
            )
            if len(times) < WARM_RUNS:
                entry["note"] = (
                    f"{len(times)} run{'s' if len(times) != 1 else ''}: "
                    f"the {QUERY_BUDGET_S:.0f} s budget of a query"
                )
        shown = entry.get("error") or f"{entry['median_ms']:,.1f} ms ({entry['rows']} rows)"
        log(f"  {query.name}: {shown}")
        results[query.name] = entry
    return results


def cold_latency(
    seed_home: Path,
    names: list[str],
    runs: int = 3,
    log: Callable[[str], None] = print,
    env: dict[str, str] | None = None,
) -> dict[str, Any]:
    """``gkg query NAME`` from process start to output, on the loaded seed graph (in
    ``env``: the caller's, with the resident gkg waiting)."""
    env = env or clean_env(seed_home)
    per_query: dict[str, Any] = {}
    every: list[float] = []
    for name in names:
        times = []
        for _ in range(runs):
            run = run_measured([GKG, "query", name], env)
            if run.returncode != 0:
                per_query[name] = {"error": run.stderr.strip()[-300:]}
                break
            times.append(run.wall_s)
        else:
            every += times
            per_query[name] = {
                "median_s": round(median(times), 3),
                "runs_s": [round(t, 3) for t in times],
            }
    summary = {
        "median_s": round(median(every), 3),
        "max_s": round(max(every), 3) if every else None,
        "runs": len(every),
        "per_query": per_query,
    }
    log(f"  cold `gkg query NAME`: median {summary['median_s']} s, max {summary['max_s']} s")
    return summary
