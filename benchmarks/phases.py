"""Where a ``gkg load`` spends its time: the same steps as the command, timed one by one.

Runs the steps of ``gkg load`` in this process (read, validate, then
:func:`gkg.loaders.load.load_seed`: plan, snapshot, staging graph, swap, save) against a fresh
embedded store and prints the timings as JSON. The plan is then made once more on its
own to show its share. A breakdown to read next to the timed ``gkg load`` command, not a
replacement for it.

Usage: ``GKG_HOME=/tmp/x python -m benchmarks.phases seed.yaml``
"""

from __future__ import annotations

import json
import resource
import sys
import time
from typing import Any


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    timings: dict[str, Any] = {}
    mark = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal mark
        now = time.perf_counter()
        timings[name] = round(now - mark, 3)
        mark = now

    from gkg.loaders.load import load_seed
    from gkg.loaders.plan import plan_load
    from gkg.loaders.reader import paused_gc, read_seed_files
    from gkg.loaders.validate import validate
    from gkg.stores.factory import open_store

    lap("imports_s")
    with paused_gc():  # one pause for read, validate and load, as gkg.loaders.load.load_files
        files, problems = read_seed_files(args)
        if problems:
            print(json.dumps({"error": [str(p) for p in problems]}))
            return 2
        lap("read_s")
        seed = validate(files)
        lap("validate_s")
        store = open_store(None, home=None)
        lap("server_start_s")
        load_seed(store, seed)  # plan, snapshot, staging graph, swap, save: as `gkg load`
        lap("plan_write_swap_save_s")
    plan_load(seed)  # once more, alone, to show its share of the step above
    lap("plan_alone_s")
    timings["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(json.dumps(timings))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
