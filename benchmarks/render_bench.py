"""Rendering: the pyvis page of a 2,000-node, 6,000-relationship graph.

Three timings: :func:`gkg.present.pages.write_html` alone on nodes and relationships already
in memory (the first call also imports pyvis, so it is reported apart), the whole ``gkg viz``
command (process start, reading the graph from the store, the page written), and the page
settling in headless Chromium (Debian's, driven by Playwright as the browser tests do):
from navigation to ``window.gkgSettled``, and the page's own ``gkgSettleMs``. The target is
under 10 s; without node or chromium the browser figure is left out with the reason.
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
            browser = _browser_settle(page, runs)
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
        **browser,
    }
    log(
        f"  write_html: {result['write_html_s']} s (first {result['write_html_first_s']} s); "
        f"gkg viz: {result['gkg_viz_command_s']} s; page {result['page_mb']} MB; "
        f"Chromium settle: {result.get('chromium_settle_s', result.get('chromium_skipped'))}"
    )
    return result


_SETTLE_JS = "window.gkgSettleMs"
_CLOCK_JS = "Math.round(performance.now())"


def _browser_settle(page: Path, runs: int) -> dict[str, Any]:
    """Seconds from navigation to settled in headless Chromium (median of ``runs``)."""
    import json
    import shutil
    import subprocess

    root = Path(__file__).resolve().parents[1] / "tests" / "browser"
    node, chromium, npm = shutil.which("node"), shutil.which("chromium"), shutil.which("npm")
    if not (node and chromium and npm):
        return {"chromium_skipped": "node, npm and chromium are needed"}
    if not (root / "node_modules" / "playwright-core").is_dir():
        subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=root, check=True)
    steps = [
        {"do": "goto", "url": page.as_uri()},
        {"do": "settle"},
        {"do": "eval", "js": _CLOCK_JS},
        {"do": "eval", "js": _SETTLE_JS},
    ]
    walls, own = [], []
    for _ in range(runs):
        plan = {"steps": steps, "chromium": chromium, "timeoutMs": 60000}
        done = subprocess.run(
            [node, str(root / "drive.mjs")], input=json.dumps(plan), capture_output=True,
            text=True, timeout=300, cwd=root,
        )  # fmt: skip
        seen = json.loads(done.stdout)
        if seen["error"]:
            raise RuntimeError(f"Chromium: {seen['error']}")
        settled_at, settle_ms = seen["results"]
        walls.append(settled_at / 1000)  # performance.now() counts from navigation start
        own.append(settle_ms / 1000)
    return {
        "chromium_settle_s": round(median(walls), 3),
        "chromium_settle_runs_s": [round(w, 3) for w in walls],
        "chromium_page_settle_ms_s": round(median(own), 3),
    }
