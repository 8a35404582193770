"""Turn a validated seed into batched write statements, content hashes and a load stamp.

Every stored element gets its citations (``sourceIds`` with each source once, ``sourceQuotes``
with ``quoteSourceIds``), its knowledge dates (``firstStated``, ``lastStated``),
``contentHash`` (of its own properties) and ``loadRun``. The stamp is a digest of the
whole content, so loading the same seed twice writes an identical graph, and a load of
different content replaces every stamp, letting stale elements be found and removed.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from gkg.loaders.knowledge import claim_rows, element_meta, lookup_keys
from gkg.loaders.parse import paused_gc
from gkg.loaders.validate import NodeRecord, RelRecord, Seed
from gkg.schema import CLAIM_LABEL, LOOKUP_KEYS_PROP
from gkg.stores.ingest import Statement, merge_claims, merge_nodes, merge_relationships

#: One encoder for every digest: ``json.dumps`` with these options builds a new one per call.
_CANONICAL_JSON = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class LoadPlan:
    """What a load writes, and what the store will hold afterwards."""

    statements: list[Statement]
    stamp: str
    #: id -> (label or type, content hash), for the created/updated/removed summary.
    nodes: dict[str, tuple[str, str]]
    relationships: dict[str, tuple[str, str]]


def plan_load(seed: Seed) -> LoadPlan:
    """Rows for every label and relationship type, stamped with the content digest."""
    with paused_gc():  # rows hold no cycles; see gkg.loaders.parse.paused_gc
        return _plan(seed)


def _plan(seed: Seed) -> LoadPlan:
    node_rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    rel_rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    nodes: dict[str, tuple[str, str]] = {}
    rels: dict[str, tuple[str, str]] = {}
    claims: list[dict[str, Any]] = []
    whole = hashlib.blake2b(digest_size=16)
    names: dict[str, str] = {}
    for node in seed.nodes:
        props = _node_props(node, seed.source_dates)
        names[node.id] = str(props.get("name", node.id))
        node_claims = claim_rows(node, "node", node.label, names[node.id])
        claims += node_claims
        digest = _digest(node.label, {**props, "claims": node_claims})
        props["contentHash"] = digest
        node_rows[node.label].append({"id": node.id, "props": props})
        nodes[node.id] = (node.label, digest)
        whole.update(digest.encode())
    for rel in seed.relationships:
        props = _rel_props(rel, seed.source_dates)
        shown = f"{names.get(rel.start, rel.start)} -{rel.type}-> {names.get(rel.end, rel.end)}"
        rel_claims = claim_rows(rel, "relationship", rel.type, shown)
        claims += rel_claims
        digest = _digest(f"{rel.type}|{rel.start}|{rel.end}", {**props, "claims": rel_claims})
        props["contentHash"] = digest
        rel_rows[rel.type].append(
            {"id": rel.id, "start": rel.start, "end": rel.end, "props": props}
        )
        rels[rel.id] = (rel.type, digest)
        whole.update(digest.encode())
    stamp = whole.hexdigest()
    for row in claims:
        row["props"]["contentHash"] = _digest(CLAIM_LABEL, row["props"])
    for rows in (*node_rows.values(), *rel_rows.values(), claims):
        for row in rows:
            row["props"]["loadRun"] = stamp
    statements = [
        Statement(merge_nodes(label), rows, f"{label} nodes", label=label)
        for label, rows in node_rows.items()
    ] + [
        Statement(merge_relationships(type_name), rows, f"{type_name} relationships")
        for type_name, rows in rel_rows.items()
    ]
    if claims:
        statements.append(Statement(merge_claims(), claims, f"{CLAIM_LABEL} nodes"))
    return LoadPlan(statements, stamp, nodes, rels)


def _node_props(node: NodeRecord, dates: dict[str, str]) -> dict[str, Any]:
    props = dict(node.props)
    props["id"] = node.id
    props.update(element_meta(node, dates))
    props[LOOKUP_KEYS_PROP] = lookup_keys(node.id, props)
    return props


def _rel_props(rel: RelRecord, dates: dict[str, str]) -> dict[str, Any]:
    props = dict(rel.props)
    props["id"] = rel.id
    props.update(element_meta(rel, dates))
    return props


def _digest(kind: str, props: dict[str, Any]) -> str:
    text = _CANONICAL_JSON.encode(props)
    return hashlib.blake2b(f"{kind}\n{text}".encode(), digest_size=12).hexdigest()
