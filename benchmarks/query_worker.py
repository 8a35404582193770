"""Time one named query warm, in a process of its own (so a slow one can be stopped).

Usage: ``GKG_HOME=... python -m benchmarks.query_worker NAME PARAMS_JSON RUNS BUDGET_S``
prints ``{"first_s": ..., "runs_s": [...], "rows": ...}``. The first run is left out of
the median (it warms the server's caches and this process's imports). Up to ``RUNS``
timed runs follow, but no run starts that would likely end past ``BUDGET_S`` seconds in
all: a query of many seconds gets fewer runs (or none, and then the first one counts).
"""

from __future__ import annotations

import json
import sys
import time


def main(argv: list[str] | None = None) -> int:
    name, params_json, runs_text, budget_text = sys.argv[1:] if argv is None else argv
    from gkg.catalogue import Catalogue
    from gkg.runner import run_query
    from gkg.stores.factory import open_store

    catalogue = Catalogue.load()
    params = json.loads(params_json)
    with open_store(None) as store:
        started = time.perf_counter()
        result = run_query(store, catalogue, name, params)
        first = time.perf_counter() - started
        times: list[float] = []
        spent = first
        while len(times) < int(runs_text) and spent + (times or [first])[-1] <= float(budget_text):
            started = time.perf_counter()
            run_query(store, catalogue, name, params)
            times.append(time.perf_counter() - started)
            spent += times[-1]
    print(json.dumps({"first_s": first, "runs_s": times, "rows": len(result.rows)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
