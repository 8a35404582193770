"""Export the stored graph: JSON, GraphML, or a Cypher script for cypher-shell.

Node ids and relationship ends are the seed ids, so an export can be diffed, re-read or
loaded into Neo4j (``cypher-shell -f graph.cypher``) to recreate the same graph.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any, Literal, get_args

from gkg.errors import GkgError
from gkg.model import Node, Relationship
from gkg.stores.ingest import (
    cypher5_schema_statements,
    merge_claims,
    merge_nodes,
    merge_relationships,
)

#: The forms the whole graph can be exported in.
ExportFormat = Literal["json", "graphml", "cypher"]
FORMATS: tuple[ExportFormat, ...] = get_args(ExportFormat)
#: Rows per UNWIND statement in a Cypher script.
SCRIPT_BATCH = 200


def check_format(fmt: str) -> ExportFormat:
    """``fmt`` if it is one of :data:`FORMATS`; :class:`GkgError` naming them otherwise."""
    for known in FORMATS:
        if fmt == known:
            return known
    raise GkgError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


def export_text(
    nodes: list[Node], rels: list[Relationship], fmt: str, claims: list[Node] | None = None
) -> str:
    """The graph of ``nodes`` and ``rels`` in format ``fmt`` (one of :data:`FORMATS`).
    ``claims`` (earlier and later values of facts, with their sources) go into JSON and
    the Cypher script; GraphML holds the graph only."""
    kind = check_format(fmt)
    if kind == "json":
        return to_json(nodes, rels, claims or [])
    if kind == "cypher":
        return to_cypher_script(nodes, rels, claims or [])
    return to_graphml(nodes, rels)


def to_graphml(nodes: list[Node], rels: list[Relationship]) -> str:
    """GraphML of every node given, source articles included, and every relationship."""
    from gkg.analytics import build_graph, graphml_text

    return graphml_text(build_graph(nodes, rels, include_sources=True))


def to_json(nodes: list[Node], rels: list[Relationship], claims: list[Node] | None = None) -> str:
    document: dict[str, Any] = {
        "nodes": [
            {"id": n.id, "labels": list(n.labels), "properties": n.properties} for n in nodes
        ],
        "relationships": [
            {"id": r.id, "type": r.type, "start": r.start, "end": r.end, "properties": r.properties}
            for r in rels
        ],
    }
    if claims:
        document["claims"] = [c.properties for c in claims]
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def to_cypher_script(
    nodes: list[Node], rels: list[Relationship], claims: list[Node] | None = None
) -> str:
    """A cypher-shell script: constraints, then batched ``UNWIND [...] AS row MERGE``.

    The ingestion statements are the loader's own (:mod:`gkg.stores.ingest`), with the batch
    written as a list literal in place of ``$rows``.
    """
    lines = [
        f"// gkg export: {len(nodes)} nodes, {len(rels)} relationships.",
        "// Recreate the graph in Neo4j 5: cypher-shell -u neo4j -d neo4j -f this-file.cypher",
    ]
    lines += [f"{statement};" for statement in cypher5_schema_statements()]
    by_label: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for node in nodes:
        by_label[node.label].append({"id": node.id, "props": node.properties})
    for label, rows in sorted(by_label.items()):
        lines += _unwind(merge_nodes(label), rows)
    by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for rel in rels:
        by_type[rel.type].append(
            {"id": rel.id, "start": rel.start, "end": rel.end, "props": rel.properties}
        )
    for type_name, rows in sorted(by_type.items()):
        lines += _unwind(merge_relationships(type_name), rows)
    if claims:
        lines += _unwind(merge_claims(), [{"id": c.id, "props": c.properties} for c in claims])
    return "\n".join(lines) + "\n"


def _unwind(statement: str, rows: list[dict[str, Any]]) -> list[str]:
    head = "UNWIND $rows AS row "
    assert statement.startswith(head)
    body = statement[len(head) :]
    return [
        f"UNWIND {cypher_literal(rows[i : i + SCRIPT_BATCH])} AS row {body};"
        for i in range(0, len(rows), SCRIPT_BATCH)
    ]


def cypher_literal(value: Any) -> str:
    """A Cypher literal for a plain value (text, number, boolean, null, list, map)."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return json.dumps(value, ensure_ascii=False)  # JSON's escapes are Cypher's
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return (
            "{"
            + ", ".join(
                f"`{str(k).replace('`', '``')}`: {cypher_literal(v)}" for k, v in value.items()
            )
            + "}"
        )
    raise TypeError(f"cannot write {type(value).__name__} as a Cypher literal")
