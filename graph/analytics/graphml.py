"""GraphML for Gephi, yEd and Cytoscape: lists and maps become JSON strings."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx


def graphml_text(graph: nx.MultiDiGraph) -> str:
    """The graph as GraphML text; lists and dicts become JSON strings, None is dropped."""
    import networkx as nx

    return "\n".join(nx.generate_graphml(_graphml_ready(graph))) + "\n"


def write_graphml(graph: nx.MultiDiGraph, path: str | Path) -> Path:
    """Write the graph as a GraphML file (see :func:`graphml_text`); return its path."""
    target = Path(path).absolute()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(graphml_text(graph), encoding="utf-8")
    return target


def _graphml_ready(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy with only the value types GraphML can hold."""
    import networkx as nx

    flat = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        flat.add_node(node, **_flat(data))
    for a, b, key, data in graph.edges(keys=True, data=True):
        flat.add_edge(a, b, key=key, **_flat(data))
    return flat


def _flat(data: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in data.items():
        if value is None:
            continue
        if isinstance(value, (list, tuple, dict)):
            value = json.dumps(value, ensure_ascii=False)
        out[key] = value
    return out
