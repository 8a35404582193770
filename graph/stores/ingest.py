"""Ingestion Cypher generated from the declared schema.

Every statement is ``UNWIND $rows AS row MERGE ... SET ...`` over a batch of rows; the
label or relationship type is checked against :mod:`gkg.schema` before it is placed in
the text, and every value travels as a parameter.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from gkg.schema import CLAIM_LABEL, ENTITY_LABEL, labels, node_type, rel_type

#: Rows per ``UNWIND`` batch.
BATCH_SIZE = 2000


@dataclass(frozen=True)
class Statement:
    """One parameterised write, run once per batch of rows (``$rows``; also ``$stamp``)."""

    query: str
    rows: Sequence[dict[str, Any]]
    what: str
    #: The label of a node statement (stores that update in place drop relabelled nodes).
    label: str | None = None

    def batches(self, size: int = BATCH_SIZE) -> Iterator[Sequence[dict[str, Any]]]:
        for i in range(0, len(self.rows), size):
            yield self.rows[i : i + size]


def merge_nodes(label: str) -> str:
    """MERGE nodes of ``label`` by id and replace their properties with ``row.props``.

    Both labels sit in the MERGE pattern: adding a label afterwards (``SET n:Label``) costs
    FalkorDB ten times as much, and more as the graph grows. A node whose id now carries
    another label is removed first by :func:`drop_relabelled` where a store updates in place.
    """
    label = node_type(label).label
    return f"UNWIND $rows AS row MERGE (n:{ENTITY_LABEL}:{label} {{id: row.id}}) SET n = row.props"


def drop_relabelled(label: str) -> str:
    """Delete nodes whose id now belongs to ``label`` but which carry another label."""
    label = node_type(label).label
    return (
        f"UNWIND $rows AS row MATCH (n:{ENTITY_LABEL} {{id: row.id}}) "
        f"WHERE NOT n:{label} DETACH DELETE n"
    )


def merge_relationships(type_name: str) -> str:
    """MERGE relationships of ``type_name`` by id between nodes found by id."""
    type_name = rel_type(type_name).type
    return (
        f"UNWIND $rows AS row "
        f"MATCH (a:{ENTITY_LABEL} {{id: row.start}}) MATCH (b:{ENTITY_LABEL} {{id: row.end}}) "
        f"MERGE (a)-[r:{type_name} {{id: row.id}}]->(b) SET r = row.props"
    )


def merge_claims() -> str:
    """MERGE claim nodes by id (they carry no Entity label and no relationships)."""
    return f"UNWIND $rows AS row MERGE (c:{CLAIM_LABEL} {{id: row.id}}) SET c = row.props"


#: Remove what an earlier load stamped and this load did not touch.
DELETE_STALE_RELATIONSHIPS = (
    f"MATCH (:{ENTITY_LABEL})-[r]->(:{ENTITY_LABEL}) "
    "WHERE r.loadRun IS NOT NULL AND r.loadRun <> $stamp DELETE r"
)
DELETE_STALE_NODES = (
    f"MATCH (n:{ENTITY_LABEL}) WHERE n.loadRun IS NOT NULL AND n.loadRun <> $stamp DETACH DELETE n"
)

DELETE_STALE_CLAIMS = (
    f"MATCH (c:{CLAIM_LABEL}) WHERE c.loadRun IS NOT NULL AND c.loadRun <> $stamp DELETE c"
)

#: Read back what a load left, to compare with what the next one brings.
SNAPSHOT_NODES = f"MATCH (n:{ENTITY_LABEL}) RETURN n.id, labels(n), n.contentHash"
SNAPSHOT_RELATIONSHIPS = (
    f"MATCH (:{ENTITY_LABEL})-[r]->(:{ENTITY_LABEL}) WHERE r.loadRun IS NOT NULL "
    "RETURN r.id, type(r), r.contentHash"
)


def cypher5_schema_statements() -> list[str]:
    """Cypher 5 set-up: a unique ``id`` on the shared label, an ``id`` index per label.

    Neo4j runs these before a load, and a cypher-shell export script starts with them."""
    statements = [
        f"CREATE CONSTRAINT gkg_entity_id IF NOT EXISTS "
        f"FOR (n:{ENTITY_LABEL}) REQUIRE n.id IS UNIQUE"
    ]
    statements += [
        f"CREATE INDEX gkg_{label.lower()}_id IF NOT EXISTS FOR (n:{label}) ON (n.id)"
        for label in labels()
    ]
    statements += [
        f"CREATE INDEX gkg_claim_{prop.lower()} IF NOT EXISTS FOR (c:{CLAIM_LABEL}) ON (c.{prop})"
        for prop in CLAIM_INDEXED
    ]
    return statements


#: Claim properties with an index: the claim's id and what it is about.
CLAIM_INDEXED = ("id", "subjectId")
