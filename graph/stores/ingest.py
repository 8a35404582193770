"""Ingestion Cypher generated from the declared schema.

Every statement is ``UNWIND $rows AS row MERGE ... SET ...`` over a batch of rows; the
label or relationship type is checked against :mod:`gkg.schema` before it is placed in
the text, and every value travels as a parameter. A statement may also carry the same write
as ``CREATE``, for a store that builds a new graph from nothing out of rows whose ids are
unique: there is nothing to merge with, and looking for it is most of a write's cost.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from gkg.schema import CLAIM_LABEL, DATASET_LABEL, ENTITY_LABEL, labels, node_type, rel_type

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
    #: The same write into a graph that holds nothing yet, when the rows' ids are unique
    #: (``CREATE``: it stores the same elements and properties as ``query`` would there).
    fresh_query: str | None = None

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


def create_nodes(label: str) -> str:
    """:func:`merge_nodes` for a new graph and unique ids (``row.props`` holds the id)."""
    label = node_type(label).label
    return f"UNWIND $rows AS row CREATE (n:{ENTITY_LABEL}:{label}) SET n = row.props"


def drop_relabelled(label: str) -> str:
    """Delete nodes whose id now belongs to ``label`` but which carry another label."""
    label = node_type(label).label
    return (
        f"UNWIND $rows AS row MATCH (n:{ENTITY_LABEL} {{id: row.id}}) "
        f"WHERE NOT n:{label} DETACH DELETE n"
    )


def merge_relationships(type_name: str) -> str:
    """MERGE relationships of ``type_name`` by id between nodes found by id."""
    return _between_ends(type_name, "MERGE", " {id: row.id}")


def create_relationships(type_name: str) -> str:
    """:func:`merge_relationships` for a new graph and unique ids."""
    return _between_ends(type_name, "CREATE", "")


def _between_ends(type_name: str, verb: str, key: str) -> str:
    """``verb`` a relationship of ``type_name`` (matched on ``key``) between the nodes
    found by ``row.start`` and ``row.end``, its properties set to ``row.props``."""
    type_name = rel_type(type_name).type
    return (
        f"UNWIND $rows AS row "
        f"MATCH (a:{ENTITY_LABEL} {{id: row.start}}) MATCH (b:{ENTITY_LABEL} {{id: row.end}}) "
        f"{verb} (a)-[r:{type_name}{key}]->(b) SET r = row.props"
    )


def merge_claims() -> str:
    """MERGE claim nodes by id (they carry no Entity label and no relationships)."""
    return f"UNWIND $rows AS row MERGE (c:{CLAIM_LABEL} {{id: row.id}}) SET c = row.props"


def create_claims() -> str:
    """:func:`merge_claims` for a new graph and unique ids."""
    return f"UNWIND $rows AS row CREATE (c:{CLAIM_LABEL}) SET c = row.props"


@dataclass(frozen=True)
class LoadScope:
    """Which part of the stored graph a load replaces, and the registry rows it leaves.

    ``everything``: the whole graph (``gkg load --replace``). Otherwise only the elements of
    the datasets in ``names`` go, unless this load writes them again (their ``loadRun`` is
    one of ``stamps``); elements of every other dataset stay as they are."""

    everything: bool
    names: tuple[str, ...] = ()
    stamps: tuple[str, ...] = ()
    #: One ``GkgDataset`` row per dataset written (name, file, digest, counts, loadedAt).
    registry: tuple[dict[str, Any], ...] = ()

    def params(self) -> dict[str, Any]:
        return {"names": list(self.names), "stamps": list(self.stamps), "all": self.everything}


def delete_stale(scope: LoadScope) -> list[str]:
    """Relationships, then nodes and claims, that the scope replaces and this load did not
    write.

    Replacing everything removes only what a load stamped (``loadRun``), never elements
    that something other than gkg put into the database."""
    owned = "{v}.loadRun IS NOT NULL" if scope.everything else "{v}.dataset IN $names"
    return [
        f"MATCH (:{ENTITY_LABEL})-[r]->(:{ENTITY_LABEL}) "
        f"WHERE {owned.format(v='r')} AND NOT r.loadRun IN $stamps DELETE r",
        f"MATCH (n:{ENTITY_LABEL}) "
        f"WHERE {owned.format(v='n')} AND NOT n.loadRun IN $stamps DETACH DELETE n",
        f"MATCH (c:{CLAIM_LABEL}) "
        f"WHERE {owned.format(v='c')} AND NOT c.loadRun IN $stamps DELETE c",
    ]


#: The dataset registry: drop the entries a load replaces, write the new ones, read them.
REGISTRY_DROP = f"MATCH (d:{DATASET_LABEL}) WHERE $all OR d.name IN $names DELETE d"
REGISTRY_WRITE = f"UNWIND $rows AS row CREATE (d:{DATASET_LABEL}) SET d = row"
REGISTRY_READ = (
    f"MATCH (d:{DATASET_LABEL}) RETURN d.name, d.file, d.digest, d.nodeCount, "
    "d.relationshipCount, d.loadedAt ORDER BY d.name"
)

#: Read back what loads left, to compare with what the next one brings and to resolve
#: references across datasets (a source's date is when what it states became known).
SNAPSHOT_NODES = (
    f"MATCH (n:{ENTITY_LABEL}) RETURN n.id, labels(n), n.contentHash, n.dataset, "
    "coalesce(n.firstStated, n.publishedDate)"
)
SNAPSHOT_RELATIONSHIPS = (
    f"MATCH (a:{ENTITY_LABEL})-[r]->(b:{ENTITY_LABEL}) WHERE r.loadRun IS NOT NULL "
    "RETURN r.id, type(r), r.contentHash, r.dataset, a.id, b.id"
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
