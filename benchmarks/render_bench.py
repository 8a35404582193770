"""Rendering: the pyvis page of a 2,000-node, 6,000-relationship graph.

Two timings: :func:`gkg.present.pages.write_html` alone on nodes and relationships already in
memory (the first call also imports pyvis, so it is reported apart), and the whole
``gkg viz`` command (process start, reading the graph from the store, the page written).
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.generate import GeneratedSize
from benchmarks.measure import GKG, clean_env, discard_home, median, new_home, run_measured

RUNS = 3


def bench_render(
    size: GeneratedSize, runs: int = RUNS, log: Callable[[str], None] = print
) -> dict[str, Any]:
    """Load ``size``'s file into a fresh store and time drawing the whole graph."""
    from gkg.core import KnowledgeGraph
    from gkg.loaders.load import load_files
    from gkg.model import without_sources
    from gkg.present import pages as viz
    from gkg.stores.base import whole_graph
    from gkg.stores.falkordb.store import FalkorStore

    home = new_home("render")
    try:
        store = FalkorStore(home)
        load_files(store, [size.path])
        nodes, rels = whole_graph(store)
        sources = KnowledgeGraph.over(store).source_documents()
        store.close()
        value = (without_sources(nodes), rels)
        with tempfile.TemporaryDirectory(prefix="gkg-bench-page-") as folder:
            page = Path(folder) / "graph.html"
            times = []
            for _ in range(runs + 1):
                started = time.perf_counter()
                viz.write_html(page, value, title="benchmark", sources=sources)
                times.append(time.perf_counter() - started)
            page_mb = page.stat().st_size / 1e6
            command = [GKG, "viz", "--out", str(Path(folder) / "cli.html")]
            cli = [run_measured(command, clean_env(home)) for _ in range(runs)]
        failed = [r for r in cli if r.returncode != 0]
        if failed:
            raise RuntimeError(f"gkg viz failed: {failed[0].stderr[-1000:]}")
    finally:
        discard_home(home)
    result = {
        "nodes": len(value[0]),
        "relationships": len(value[1]),
        "write_html_first_s": round(times[0], 3),
        "write_html_s": round(median(times[1:]), 3),
        "write_html_runs_s": [round(t, 3) for t in times[1:]],
        "gkg_viz_command_s": round(median([r.wall_s for r in cli]), 3),
        "gkg_viz_runs_s": [round(r.wall_s, 3) for r in cli],
        "gkg_viz_peak_rss_mb": round(max(r.peak_rss_mb for r in cli)),
        "page_mb": round(page_mb, 2),
    }
    log(
        f"  write_html: {result['write_html_s']} s (first {result['write_html_first_s']} s); "
        f"gkg viz: {result['gkg_viz_command_s']} s; page {result['page_mb']} MB"
    )
    return result
