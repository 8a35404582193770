"""networkx graphs of the stored graph, of a query result or of plain nodes and relationships.

Nodes are keyed by seed id and carry ``label``, ``labels`` and every stored property;
edges are keyed by relationship id and carry ``type`` and their properties. Source
articles (which no relationship touches) are left out unless asked for.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from gkg.model import Node, Relationship, graph_of, is_source
from gkg.stores.base import GraphStore, whole_graph

if TYPE_CHECKING:
    import networkx as nx


def to_networkx(source: Any, *, include_sources: bool | None = None) -> nx.MultiDiGraph:
    """A MultiDiGraph of a store's whole graph, a Result, ``(nodes, rels)`` or a Path.

    ``include_sources`` (default: only when ``source`` is not a store) keeps the source
    articles, which no relationship touches: a store's analysis leaves them out, while
    nodes handed over explicitly are all kept.
    """
    nodes, rels = whole_graph(source) if isinstance(source, GraphStore) else graph_of(source)
    if include_sources is None:
        include_sources = not isinstance(source, GraphStore)
    return build_graph(nodes, rels, include_sources=include_sources)


def build_graph(
    nodes: Iterable[Node], rels: Iterable[Relationship], *, include_sources: bool = False
) -> nx.MultiDiGraph:
    """A MultiDiGraph of these nodes and relationships (ends not given become bare nodes)."""
    import networkx as nx

    graph = nx.MultiDiGraph()
    for node in nodes:
        if is_source(node) and not include_sources:
            continue
        graph.add_node(node.id, **node.properties, label=node.label, labels=list(node.labels))
    for rel in rels:
        for end in (rel.start, rel.end):
            if end not in graph:
                graph.add_node(end, label="", labels=[])
        graph.add_edge(rel.start, rel.end, key=rel.id, **rel.properties, type=rel.type)
    return graph


def name_of(graph: nx.MultiDiGraph, node_id: str, lang: str = "en") -> str:
    """Display name of a node in the graph (Korean first for ``lang="ko"``), else its id."""
    data = graph.nodes[node_id]
    first, second = ("nameKo", "name") if lang == "ko" else ("name", "nameKo")
    return str(data.get(first) or data.get(second) or node_id)


def simple_graph(graph: nx.MultiDiGraph) -> nx.Graph:
    """The undirected simple graph underneath (parallel and reverse edges merged)."""
    import networkx as nx

    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph.nodes))
    simple.add_edges_from((a, b) for a, b in graph.edges() if a != b)
    return simple
