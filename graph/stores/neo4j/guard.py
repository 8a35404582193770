"""Readers see a load whole or not at all on Neo4j: a generation counter around the commit.

A load is one write transaction, so until it commits readers see the old graph. But Neo4j
reads are *read committed*: a query running while a big commit is being applied can see
part of it (measured on 5.26: nodes of the new load without their properties, half the
nodes re-stamped). So the load marks its commit on one guard node, ``(:GkgLoadGuard {id:
'load'})``: its ``generation`` is made odd just before the commit and even again right
after. A read looks at the generation before and after its query, in its own transaction;
when a commit is in progress or happened meanwhile it waits a moment and runs again.

A load killed between the two marks leaves the generation odd: readers take a mark older
than :data:`STALE_MS` as stale (the commit has long finished or rolled back by then), and
the next load sets it right.
"""

from __future__ import annotations

from typing import Any

GUARD_LABEL = "GkgLoadGuard"
#: A commit mark older than this (server clock, ms) is left over from a killed load.
STALE_MS = 60_000
#: How long a read keeps trying while loads commit one after another.
READ_PATIENCE_S = 120.0

_READ = (
    f"OPTIONAL MATCH (g:{GUARD_LABEL} {{id: 'load'}}) "
    "RETURN g.generation AS generation, timestamp() - g.since AS age"
)
BEGIN_COMMIT = (
    f"MERGE (g:{GUARD_LABEL} {{id: 'load'}}) "
    "SET g.generation = coalesce(g.generation, 0) / 2 * 2 + 1, g.since = timestamp()"
)
END_COMMIT = (
    f"MERGE (g:{GUARD_LABEL} {{id: 'load'}}) "
    "SET g.generation = coalesce(g.generation, 0) / 2 * 2 + 2, g.since = timestamp()"
)


class CommitOverlap(Exception):
    """A load's commit was being applied during this read: read again."""


def generation(tx: Any) -> int:
    """The guard's generation (0 before any load); CommitOverlap while a commit is applied."""
    record = tx.run(_READ).single()
    value = record["generation"] if record else None
    if value is None:
        return 0
    if value % 2 == 1 and (record["age"] is None or record["age"] < STALE_MS):
        raise CommitOverlap
    return int(value)


def check_unchanged(tx: Any, before: int) -> None:
    """CommitOverlap when a commit began or ended since ``before`` was read."""
    if generation(tx) != before:
        raise CommitOverlap
