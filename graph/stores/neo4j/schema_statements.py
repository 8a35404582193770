"""Constraint and index set-up for Neo4j 5: the Cypher 5 statements of :mod:`gkg.stores.ingest`."""

from __future__ import annotations

from gkg.stores.ingest import cypher5_schema_statements


def schema_statements() -> list[str]:
    """The unique-id constraint on ``Entity`` and an ``id`` index per declared label."""
    return cypher5_schema_statements()
