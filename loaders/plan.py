"""Turn a validated seed into batched write statements, content hashes and a load stamp.

Every stored element gets ``sourceIds``/``sourceQuotes`` (its citations), ``asOf``,
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

from gkg.loaders.parse import paused_gc
from gkg.loaders.validate import NodeRecord, RelRecord, Seed
from gkg.schema import LOOKUP_KEYS_PROP
from gkg.stores.ingest import Statement, merge_nodes, merge_relationships

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
    whole = hashlib.blake2b(digest_size=16)
    for node in seed.nodes:
        props = _node_props(node)
        digest = _digest(node.label, props)
        props["contentHash"] = digest
        node_rows[node.label].append({"id": node.id, "props": props})
        nodes[node.id] = (node.label, digest)
        whole.update(digest.encode())
    for rel in seed.relationships:
        props = _rel_props(rel)
        digest = _digest(f"{rel.type}|{rel.start}|{rel.end}", props)
        props["contentHash"] = digest
        rel_rows[rel.type].append(
            {"id": rel.id, "start": rel.start, "end": rel.end, "props": props}
        )
        rels[rel.id] = (rel.type, digest)
        whole.update(digest.encode())
    stamp = whole.hexdigest()
    for rows in (*node_rows.values(), *rel_rows.values()):
        for row in rows:
            row["props"]["loadRun"] = stamp
    statements = [
        Statement(merge_nodes(label), rows, f"{label} nodes", label=label)
        for label, rows in node_rows.items()
    ] + [
        Statement(merge_relationships(type_name), rows, f"{type_name} relationships")
        for type_name, rows in rel_rows.items()
    ]
    return LoadPlan(statements, stamp, nodes, rels)


def _node_props(node: NodeRecord) -> dict[str, Any]:
    props = dict(node.props)
    props["id"] = node.id
    props["sourceIds"] = node.source_ids
    props["sourceQuotes"] = node.quotes
    keys = {node.id, str(props.get("name", "")).lower(), str(props.get("nameKo", "")).lower()}
    keys.update(alias.lower() for alias in props.get("aliases", ()))
    keys.discard("")
    props[LOOKUP_KEYS_PROP] = sorted(keys)
    return props


def _rel_props(rel: RelRecord) -> dict[str, Any]:
    props = dict(rel.props)
    props["id"] = rel.id
    props["sourceIds"] = rel.source_ids
    props["sourceQuotes"] = rel.quotes
    return props


def _digest(kind: str, props: dict[str, Any]) -> str:
    text = _CANONICAL_JSON.encode(props)
    return hashlib.blake2b(f"{kind}\n{text}".encode(), digest_size=12).hexdigest()
