"""The raw baseline: the least work that gets a seed file's graph into FalkorDB.

Read the file with PyYAML's fastest parser (``yaml.CSafeLoader``, libyaml), write the same
nodes and relationships with the falkordb client in ``UNWIND`` batches of the same size
gkg uses, and save. No validation, no staging graph, no constraint, no provenance
properties, no content hashes. It starts the embedded server the way gkg does (same
binaries, same flags), so both timings include that.

The cyclic garbage collector is off for the whole run: left on, parsing an 80 MB file
with ``CSafeLoader`` takes about four times as long, and a bare-minimum baseline would not
pay that. Labels and relationship types are placed in the query text only after a look-up
in the declared schema; every value travels as a parameter.

Usage: ``GKG_HOME=/tmp/x python -m benchmarks.raw seed.yaml`` (prints phase timings as JSON)
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import sys
import time
from collections import defaultdict
from typing import Any

import yaml

from gkg.schema import ENTITY_LABEL, node_type, rel_type
from gkg.stores.falkordb import server
from gkg.stores.falkordb.settings import default_home
from gkg.stores.ingest import BATCH_SIZE

GRAPH = "raw"
_REL_KEYS = ("type", "from", "to", "sources")


def _plain(value: Any) -> Any:
    """Dates as ISO text (FalkorDB refuses date parameters); everything else as is."""
    return value.isoformat() if isinstance(value, dt.date) else value


def rows_by_kind(doc: dict[str, Any]) -> tuple[dict[str, list[Any]], dict[str, list[Any]]]:
    """Node rows per label and relationship rows per type, sources dropped."""
    nodes: dict[str, list[Any]] = defaultdict(list)
    for item in doc.get("sources") or []:
        nodes["SourceDocument"].append({k: _plain(v) for k, v in item.items()})
    for item in doc.get("nodes") or []:
        props = {k: _plain(v) for k, v in item.items() if k not in ("label", "sources")}
        nodes[item["label"]].append(props)
    rels: dict[str, list[Any]] = defaultdict(list)
    for item in doc.get("relationships") or []:
        props = {k: _plain(v) for k, v in item.items() if k not in _REL_KEYS}
        rels[item["type"]].append({"from": item["from"], "to": item["to"], "props": props})
    return nodes, rels


def write(graph: Any, nodes: dict[str, list[Any]], rels: dict[str, list[Any]]) -> None:
    """CREATE every node and relationship (ids indexed first, so the MATCHes are look-ups)."""
    graph.query(f"CREATE INDEX FOR (n:{ENTITY_LABEL}) ON (n.id)")
    for label, rows in nodes.items():
        label = node_type(label).label
        query = f"UNWIND $rows AS row CREATE (n:{ENTITY_LABEL}:{label}) SET n = row"
        for i in range(0, len(rows), BATCH_SIZE):
            graph.query(query, {"rows": rows[i : i + BATCH_SIZE]})
    for type_name, rows in rels.items():
        query = (
            f"UNWIND $rows AS row MATCH (a:{ENTITY_LABEL} {{id: row.from}}) "
            f"MATCH (b:{ENTITY_LABEL} {{id: row.to}}) "
            f"CREATE (a)-[r:{rel_type(type_name).type}]->(b) SET r = row.props"
        )
        for i in range(0, len(rows), BATCH_SIZE):
            graph.query(query, {"rows": rows[i : i + BATCH_SIZE]})


def main(argv: list[str] | None = None) -> int:
    gc.disable()
    args = sys.argv[1:] if argv is None else argv
    timings: dict[str, float] = {}
    started = time.perf_counter()
    home = default_home()
    paths = server.ensure_running(home)
    from falkordb import FalkorDB

    db = FalkorDB(unix_socket_path=str(paths.socket))
    timings["server_s"] = time.perf_counter() - started
    mark = time.perf_counter()
    with open(args[0], "rb") as handle:
        doc = yaml.load(handle, Loader=yaml.CSafeLoader)
    timings["parse_s"] = time.perf_counter() - mark
    mark = time.perf_counter()
    nodes, rels = rows_by_kind(doc)
    del doc
    timings["rows_s"] = time.perf_counter() - mark
    mark = time.perf_counter()
    db.connection.delete(GRAPH)
    write(db.select_graph(GRAPH), nodes, rels)
    timings["write_s"] = time.perf_counter() - mark
    mark = time.perf_counter()
    db.connection.save()
    timings["save_s"] = time.perf_counter() - mark
    timings["nodes"] = sum(len(rows) for rows in nodes.values())
    timings["relationships"] = sum(len(rows) for rows in rels.values())
    print(json.dumps(timings))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
