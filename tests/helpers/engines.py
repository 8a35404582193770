"""Helpers of the tests both engines must pass: edited copies of small.yaml, a graph's load
signature, and the constraints and indexes an engine reports."""

from __future__ import annotations

from pathlib import Path

from gkg.stores.base import GraphStore
from tests.helpers.common import SMALL


def edited_small(tmp_path: Path, *edits: tuple[str, str]) -> Path:
    """small.yaml with each (old, new) replaced once, written into tmp_path."""
    text = SMALL.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "edited.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def signature(store: GraphStore) -> list[tuple[str, int, int]]:
    """(load stamp, nodes, relationships) for every stamp found: one row when consistent.
    One query, so it reads one state of the graph."""
    rows = store.run(
        "MATCH (n:Entity) RETURN 'n' AS kind, n.loadRun AS stamp, count(n) AS c "
        "UNION ALL "
        "MATCH (:Entity)-[r]->(:Entity) RETURN 'r' AS kind, r.loadRun AS stamp, count(r) AS c"
    ).rows
    nodes = {stamp: c for kind, stamp, c in rows if kind == "n"}
    rels = {stamp: c for kind, stamp, c in rows if kind == "r"}
    return sorted((stamp, count, rels.get(stamp, 0)) for stamp, count in nodes.items())


def unique_constraints(store: GraphStore) -> set[tuple[str, str]]:
    """(label, property) of every uniqueness constraint the engine enforces, as it says."""
    if store.kind == "neo4j":
        rows = store.run(
            "SHOW CONSTRAINTS YIELD type, labelsOrTypes, properties "
            "WHERE type = 'UNIQUENESS' RETURN labelsOrTypes, properties"
        ).rows
    else:
        rows = store.run(
            "CALL db.constraints() YIELD type, label, properties, status "
            "WHERE type = 'UNIQUE' AND status = 'OPERATIONAL' RETURN [label], properties"
        ).rows
    return {(labels[0], props[0]) for labels, props in rows if len(props) == 1}


def indexed_labels(store: GraphStore, prop: str = "id") -> set[str]:
    """The labels whose ``prop`` the engine keeps an index on."""
    if store.kind == "neo4j":
        rows = store.run(
            "SHOW INDEXES YIELD labelsOrTypes, properties, entityType "
            "WHERE entityType = 'NODE' AND properties = [$p] RETURN labelsOrTypes",
            {"p": prop},
        ).rows
        return {labels[0] for (labels,) in rows if labels}
    rows = store.run("CALL db.indexes() YIELD label, properties RETURN label, properties").rows
    return {label for label, props in rows if prop in props}
