"""The data document every graph page embeds (``<script type="application/json"
id="gkg-data">``): the records of the nodes and relationships drawn, label styles, the
layout, vis-network's options and, optionally, the whole graph for "expand".

The fields are described in ``static/README.md``. The browser reads the document with
``JSON.parse`` and shows every string with ``textContent``; nothing in it becomes markup.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from typing import Any

from gkg.model import Node, Relationship, is_source
from gkg.present import placement
from gkg.present.network import SETTLE_BUDGET_MS, check_lang, grouped, vis_options
from gkg.present.records import edge_record, node_record, placeholder_record
from gkg.present.styles import label_info, label_name
from gkg.schema import NODE_TYPES

#: The document's version (``version``).
VERSION = 1

Document = dict[str, Any]


def _degrees(rels: Sequence[Relationship]) -> dict[str, int]:
    degree: dict[str, int] = {}
    for rel in rels:
        for end in (rel.start, rel.end):
            degree[end] = degree.get(end, 0) + 1
    return degree


def drawn_graph(
    nodes: Sequence[Node], rels: Sequence[Relationship]
) -> tuple[dict[str, Node | None], list[Relationship]]:
    """The nodes to draw by id (``None``: known only by id) and relationships, each once.

    Source articles that no relationship touches are left out: they are cited instead.
    Relationships whose ends are not among ``nodes`` bring their ends as placeholders.
    """
    rels = list({rel.id: rel for rel in rels}.values())  # vis-network refuses duplicate ids
    degree = _degrees(rels)
    drawn: dict[str, Node | None] = {}
    for node in nodes:
        if node.id not in drawn and (not is_source(node) or node.id in degree):
            drawn[node.id] = node
    for rel in rels:
        for end in (rel.start, rel.end):
            drawn.setdefault(end, None)
    return drawn, rels


def page_document(
    nodes: Sequence[Node],
    rels: Sequence[Relationship],
    *,
    lang: str = "en",
    sources: Mapping[str, Node] | None = None,
    whole: Document | None = None,
    embed_whole: bool = True,
    entity_pages: str | None = None,
) -> Document:
    """The document of a page drawing ``nodes`` and ``rels``.

    ``whole`` (from :func:`whole_document`) is embedded for "expand" and search beyond the
    page, less what the page draws anyway; with ``embed_whole=False`` the page gets it from
    elsewhere (a report's ``whole.js``) and only its label styles go in. ``entity_pages``
    is the relative folder of the report's entity pages, if any.
    """
    check_lang(lang)
    drawn, rels = drawn_graph(nodes, rels)
    degree = _degrees(rels)
    records = {
        node_id: (
            node_record(node, sources, degree.get(node_id, 0))
            if node is not None
            else placeholder_record(node_id, degree.get(node_id, 0))
        )
        for node_id, node in drawn.items()
    }
    doc: Document = {
        "version": VERSION,
        "lang": lang,
        "labels": label_info(r["label"] for r in records.values()),
        "nodes": records,
        "edges": {rel.id: edge_record(rel, sources) for rel in rels},
        "options": vis_options(len(records)),
        "settleBudgetMs": SETTLE_BUDGET_MS,
    }
    if grouped(len(records)):
        _place(doc, [(rel.start, rel.end) for rel in rels], lang)
    if whole is not None and embed_whole:
        doc["whole"] = {
            "adjacency": whole["adjacency"],
            "nodes": {k: v for k, v in whole["nodes"].items() if k not in records},
            "edges": {k: v for k, v in whole["edges"].items() if k not in doc["edges"]},
        }
    if whole is not None:
        every = [r["label"] for r in whole["nodes"].values()] + list(
            r["label"] for r in records.values()
        )
        doc["labels"] = {**label_info(every), **doc["labels"]}
    if entity_pages is not None:
        doc["entityPages"] = entity_pages
    return doc


def _place(doc: Document, pairs: list[tuple[str, str]], lang: str) -> None:
    """Give every node a position (one disc per label) and the page its group discs."""
    started = time.perf_counter()
    records = doc["nodes"]
    group_of = {node_id: rec["label"] for node_id, rec in records.items()}
    counts: dict[str, int] = {}
    for label in group_of.values():
        counts[label] = counts.get(label, 0) + 1
    captions = {label: f"{label_name(label, lang)} ({n})" for label, n in counts.items()}
    laid = placement.grouped_layout(
        list(records), pairs, group_of, order=[t.label for t in NODE_TYPES], captions=captions
    )
    for node_id, (x, y) in laid.positions.items():
        records[node_id]["x"], records[node_id]["y"] = x, y
    doc["groups"] = [
        {"key": g.key, "caption": g.caption, "x": g.x, "y": g.y, "r": g.r, "font": g.font}
        for g in laid.groups
    ]
    doc["layoutMs"] = round(1000 * (time.perf_counter() - started), 1)


def whole_document(
    nodes: Sequence[Node], rels: Sequence[Relationship], sources: Mapping[str, Node] | None
) -> Document:
    """The whole graph for "expand": every record, and every node's relationships by id."""
    drawn, rels = drawn_graph(nodes, rels)
    degree = _degrees(rels)
    adjacency: dict[str, list[str]] = {node_id: [] for node_id in drawn}
    for rel in rels:
        adjacency[rel.start].append(rel.id)
        if rel.end != rel.start:
            adjacency[rel.end].append(rel.id)
    return {
        "adjacency": adjacency,
        "nodes": {
            node_id: (
                node_record(node, sources, degree.get(node_id, 0))
                if node is not None
                else placeholder_record(node_id, degree.get(node_id, 0))
            )
            for node_id, node in drawn.items()
        },
        "edges": {rel.id: edge_record(rel, sources) for rel in rels},
    }
