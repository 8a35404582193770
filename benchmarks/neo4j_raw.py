"""The bare Neo4j baseline: the same ``UNWIND ... MERGE`` batches as gkg, with the official
driver, in one transaction, and nothing else.

Read the file with PyYAML's ``CSafeLoader``; create the one uniqueness constraint on
``Entity.id`` (so MERGE is a look-up, as for gkg); MERGE every node by id and SET its
properties, MERGE every relationship between its two ends, in batches of gkg's size; commit.
No validation, no provenance properties, no content hashes, no stale removal, no commit
guard. The collector is off, as in :mod:`benchmarks.raw`. Labels and types go into the text
only after a look-up in the declared schema; every value travels as a parameter.

Usage: ``NEO4J_URI=... NEO4J_PASSWORD=... python -m benchmarks.neo4j_raw seed.yaml``
"""

from __future__ import annotations

import gc
import json
import os
import sys
import time

import neo4j
import yaml

from benchmarks.raw import rows_by_kind
from gkg.schema import ENTITY_LABEL, node_type, rel_type
from gkg.stores.ingest import BATCH_SIZE


def main(argv: list[str] | None = None) -> int:
    gc.disable()
    path = (sys.argv[1:] if argv is None else argv)[0]
    timings: dict[str, float] = {}
    started = time.perf_counter()
    with open(path, encoding="utf-8") as f:
        nodes, rels = rows_by_kind(yaml.load(f, Loader=yaml.CSafeLoader))
    timings["read_s"] = time.perf_counter() - started
    auth = (os.environ.get("NEO4J_USERNAME", "neo4j"), os.environ["NEO4J_PASSWORD"])
    database = os.environ.get("NEO4J_DATABASE") or None
    driver = neo4j.GraphDatabase.driver(os.environ["NEO4J_URI"], auth=auth)
    with driver, driver.session(database=database) as session:
        session.run(
            f"CREATE CONSTRAINT gkg_entity_id IF NOT EXISTS "
            f"FOR (n:{ENTITY_LABEL}) REQUIRE n.id IS UNIQUE"
        ).consume()
        written = time.perf_counter()
        with session.begin_transaction() as tx:
            for label, rows in nodes.items():
                label = node_type(label).label
                query = (
                    f"UNWIND $rows AS row MERGE (n:{ENTITY_LABEL} {{id: row.id}}) "
                    f"SET n:{label}, n += row"
                )
                for i in range(0, len(rows), BATCH_SIZE):
                    tx.run(query, {"rows": rows[i : i + BATCH_SIZE]}).consume()
            for type_name, rows in rels.items():
                query = (
                    f"UNWIND $rows AS row MATCH (a:{ENTITY_LABEL} {{id: row.from}}) "
                    f"MATCH (b:{ENTITY_LABEL} {{id: row.to}}) "
                    f"MERGE (a)-[r:{rel_type(type_name).type}]->(b) SET r += row.props"
                )
                for i in range(0, len(rows), BATCH_SIZE):
                    tx.run(query, {"rows": rows[i : i + BATCH_SIZE]}).consume()
            tx.commit()
        timings["write_s"] = time.perf_counter() - written
    timings["total_s"] = time.perf_counter() - started
    print(json.dumps({k: round(v, 3) for k, v in timings.items()}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
