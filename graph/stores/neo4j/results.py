"""Neo4j answers as gkg's plain result types: reading a query's rows in a transaction and
converting the driver's nodes, relationships, paths and temporal values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from gkg.model import Node, Path, Relationship, Result, nested_values


def read_in(
    tx: Any, query: str, params: Mapping[str, Any] | None
) -> tuple[list[str], list[list[Any]], dict[str, str]]:
    """Run a query in a transaction: its columns, rows, and the seed ids of relationship
    ends the rows do not carry themselves."""
    cursor = tx.run(query, dict(params or {}))
    columns, rows = list(cursor.keys()), [list(record.values()) for record in cursor]
    return columns, rows, endpoint_seed_ids(tx, rows)


def endpoint_seed_ids(tx: Any, rows: list[list[Any]]) -> dict[str, str]:
    """Seed ids, by element id, of relationship ends that ``rows`` name but do not carry."""
    unnamed = unnamed_endpoints(rows)
    if not unnamed:
        return {}
    found = tx.run(
        "MATCH (n) WHERE elementId(n) IN $ids RETURN elementId(n) AS e, n.id AS id",
        {"ids": sorted(unnamed)},
    )
    return {r["e"]: r["id"] for r in found if r["id"] is not None}


def unnamed_endpoints(rows: list[list[Any]]) -> set[str]:
    """Element ids of relationship endpoints whose seed id the result does not carry."""
    import neo4j.graph as ng

    unnamed: set[str] = set()
    for value in nested_values(rows):
        rels = value.relationships if isinstance(value, ng.Path) else [value]
        for rel in rels:
            if isinstance(rel, ng.Relationship):
                for end in (rel.start_node, rel.end_node):
                    if end is not None and end.get("id") is None:
                        unnamed.add(end.element_id)
    return unnamed


def convert_result(columns: list[str], rows: list[list[Any]], seed_ids: dict[str, str]) -> Result:
    import neo4j.graph as ng
    import neo4j.time as nt

    def seed_id(end: Any) -> str:
        if end is None:
            return ""
        own = end.get("id")
        return str(own) if own is not None else seed_ids.get(end.element_id, end.element_id)

    def node(value: Any) -> Node:
        props = dict(value.items())
        return Node(
            str(props.get("id", value.element_id)), tuple(sorted(value.labels)), _values(props)
        )

    def convert(value: Any) -> Any:
        if isinstance(value, ng.Node):
            return node(value)
        if isinstance(value, ng.Relationship):
            props = dict(value.items())
            start = value.start_node
            end = value.end_node
            return Relationship(
                str(props.get("id", value.element_id)),
                value.type,
                seed_id(start),
                seed_id(end),
                _values(props),
            )
        if isinstance(value, ng.Path):
            return Path(
                tuple(node(n) for n in value.nodes), tuple(convert(r) for r in value.relationships)
            )
        if isinstance(value, (list, tuple)):
            return [convert(v) for v in value]
        if isinstance(value, dict):
            return {str(k): convert(v) for k, v in sorted(value.items())}
        if isinstance(value, (nt.Date, nt.DateTime, nt.Time, dt.date)):
            return value.isoformat()
        return value

    def _values(props: dict[str, Any]) -> dict[str, Any]:
        return {k: convert(v) for k, v in props.items()}

    return Result(columns, [[convert(v) for v in row] for row in rows])
