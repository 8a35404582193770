"""Time one named query warm, in a process of its own (so a slow one can be stopped).

Usage: ``GKG_HOME=... python -m benchmarks.query_worker NAME PARAMS_JSON RUNS SLOW_S``
prints ``{"first_s": ..., "runs_s": [...], "rows": ...}``. The first run is untimed for
the median (it warms the server's caches and this process's imports); when it alone
takes longer than ``SLOW_S``, it is the only run.
"""

from __future__ import annotations

import json
import sys
import time


def main(argv: list[str] | None = None) -> int:
    name, params_json, runs_text, slow_text = sys.argv[1:] if argv is None else argv
    from graph.catalogue import Catalogue
    from graph.store import open_store

    catalogue = Catalogue.load()
    params = json.loads(params_json)
    with open_store(None) as store:
        started = time.perf_counter()
        result = catalogue.run(store, name, params)
        first = time.perf_counter() - started
        times = []
        if first < float(slow_text):
            for _ in range(int(runs_text)):
                started = time.perf_counter()
                catalogue.run(store, name, params)
                times.append(time.perf_counter() - started)
    print(json.dumps({"first_s": first, "runs_s": times, "rows": len(result.rows)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
