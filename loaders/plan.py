"""Turn a validated seed into batched write statements, content hashes and a load stamp.

Every stored element gets its citations (``sourceIds`` with each source once, ``sourceQuotes``
with ``quoteSourceIds``), its knowledge dates (``firstStated``, ``lastStated``),
``contentHash`` (of its own properties and claims), ``dataset`` (the file's dataset) and
``loadRun``; its claims become ``:Claim`` rows of the same dataset and stamp.
The stamp is a digest of the dataset's name and whole content, so loading the same file
twice writes an identical graph, and a load of different content replaces the dataset's
stamp, letting its stale elements be found and removed.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from gkg.loaders.knowledge import claim_rows, element_meta, lookup_keys
from gkg.loaders.parse import paused_gc
from gkg.loaders.validate import NodeRecord, RelRecord, Seed
from gkg.schema import CLAIM_LABEL, LOOKUP_KEYS_PROP
from gkg.stores.ingest import (
    Statement,
    create_claims,
    create_nodes,
    create_relationships,
    merge_claims,
    merge_nodes,
    merge_relationships,
)

#: One encoder for every digest: ``json.dumps`` with these options builds a new one per call.
_CANONICAL_JSON = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class DatasetPlan:
    """One dataset of a load: its stamp (a digest of its name and content) and counts."""

    name: str
    file: str
    digest: str
    stamp: str
    nodes: int
    relationships: int


@dataclass(frozen=True)
class LoadPlan:
    """What a load writes, and what the store will hold afterwards."""

    statements: list[Statement]
    #: The stamp of the only dataset, or a digest of all the datasets' stamps.
    stamp: str
    #: id -> (label or type, content hash), for the created/updated/removed summary.
    nodes: dict[str, tuple[str, str]]
    relationships: dict[str, tuple[str, str]]
    #: id -> dataset of every element written.
    owner: dict[str, str] = field(default_factory=dict)
    datasets: dict[str, DatasetPlan] = field(default_factory=dict)


def plan_load(seed: Seed) -> LoadPlan:
    """Rows for every label and relationship type, stamped with their dataset's digest."""
    with paused_gc():  # rows hold no cycles; see gkg.loaders.parse.paused_gc
        return _plan(seed)


def _plan(seed: Seed) -> LoadPlan:
    names = seed.datasets or ["seed"] * len(seed.files)
    node_rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    rel_rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    nodes: dict[str, tuple[str, str]] = {}
    rels: dict[str, tuple[str, str]] = {}
    owner: dict[str, str] = {}
    wholes = {name: hashlib.blake2b(name.encode(), digest_size=16) for name in names}
    counts: dict[str, list[int]] = {name: [0, 0] for name in names}
    rows_of: dict[str, list[dict[str, Any]]] = defaultdict(list)
    claims: list[dict[str, Any]] = []
    shown: dict[str, str] = {}
    for node in seed.nodes:
        dataset = names[node.origin.file]
        props = _node_props(node, seed.source_dates, seed.lookup_keys.get(node.id))
        shown[node.id] = str(props.get("name", node.id))
        own_claims = _claims_of(claim_rows(node, "node", node.label, shown[node.id]), dataset)
        claims += own_claims
        rows_of[dataset] += own_claims
        digest = _digest(node.label, {**props, "claims": own_claims})
        props["contentHash"] = digest
        props["dataset"] = dataset
        row: dict[str, Any] = {"id": node.id, "props": props}
        node_rows[node.label].append(row)
        rows_of[dataset].append(row)
        nodes[node.id] = (node.label, digest)
        owner[node.id] = dataset
        counts[dataset][0] += 1
        wholes[dataset].update(digest.encode())
    for rel in seed.relationships:
        dataset = names[rel.origin.file]
        props = _rel_props(rel, seed.source_dates)
        link = ""  # the name its claims show, written only for an element that has claims
        if rel.stated:
            link = f"{shown.get(rel.start, rel.start)} -{rel.type}-> {shown.get(rel.end, rel.end)}"
        own_claims = _claims_of(claim_rows(rel, "relationship", rel.type, link), dataset)
        claims += own_claims
        rows_of[dataset] += own_claims
        digest = _digest(f"{rel.type}|{rel.start}|{rel.end}", {**props, "claims": own_claims})
        props["contentHash"] = digest
        props["dataset"] = dataset
        row = {"id": rel.id, "start": rel.start, "end": rel.end, "props": props}
        rel_rows[rel.type].append(row)
        rows_of[dataset].append(row)
        rels[rel.id] = (rel.type, digest)
        owner[rel.id] = dataset
        counts[dataset][1] += 1
        wholes[dataset].update(digest.encode())
    stamps = {name: whole.hexdigest() for name, whole in wholes.items()}
    for dataset, rows in rows_of.items():
        for row in rows:
            row["props"]["loadRun"] = stamps[dataset]
    plans = {
        name: DatasetPlan(
            name,
            seed.files[i],
            seed.digests[i] if seed.digests else "",
            stamps[name],
            *counts[name],
        )
        for i, name in enumerate(names)
    }
    if len(stamps) == 1:
        stamp = next(iter(stamps.values()))
    else:
        joined = "".join(sorted(stamps.values())).encode()
        stamp = hashlib.blake2b(joined, digest_size=16).hexdigest()
    # ids are unique after validation; counted again, as CREATE would not merge a repeat
    node_ids_unique = len(nodes) == sum(len(rows) for rows in node_rows.values())
    rel_ids_unique = len(rels) == sum(len(rows) for rows in rel_rows.values())
    claim_ids_unique = len({row["id"] for row in claims}) == len(claims)
    statements = [
        Statement(
            merge_nodes(label), rows, f"{label} nodes", label=label,
            fresh_query=create_nodes(label) if node_ids_unique else None,
        )
        for label, rows in node_rows.items()
    ] + [
        Statement(
            merge_relationships(type_name), rows, f"{type_name} relationships",
            fresh_query=create_relationships(type_name) if rel_ids_unique else None,
        )
        for type_name, rows in rel_rows.items()
    ]  # fmt: skip
    if claims:
        fresh = create_claims() if claim_ids_unique else None
        statements.append(
            Statement(merge_claims(), claims, f"{CLAIM_LABEL} nodes", fresh_query=fresh)
        )
    return LoadPlan(statements, stamp, nodes, rels, owner, plans)


def _claims_of(rows: list[dict[str, Any]], dataset: str) -> list[dict[str, Any]]:
    """Claim rows of one element, with their dataset and content hash."""
    for row in rows:
        row["props"]["dataset"] = dataset
        row["props"]["contentHash"] = _digest(CLAIM_LABEL, row["props"])
    return rows


def _node_props(node: NodeRecord, dates: dict[str, str], keys: list[str] | None) -> dict[str, Any]:
    """The stored properties of a node; ``keys``: its look-up keys if validation made them."""
    props = dict(node.props)
    props["id"] = node.id
    props.update(element_meta(node, dates))
    props[LOOKUP_KEYS_PROP] = list(keys) if keys is not None else lookup_keys(node.id, props)
    return props


def _rel_props(rel: RelRecord, dates: dict[str, str]) -> dict[str, Any]:
    props = dict(rel.props)
    props["id"] = rel.id
    props.update(element_meta(rel, dates))
    return props


def _digest(kind: str, props: dict[str, Any]) -> str:
    text = _CANONICAL_JSON.encode(props)
    return hashlib.blake2b(f"{kind}\n{text}".encode(), digest_size=12).hexdigest()
