"""Graph analytics with networkx: centrality, components, communities, connections, GraphML.

Every function works on a :class:`networkx.MultiDiGraph` built by :func:`to_networkx` from
the store, a query :class:`~gkg.model.Result` or plain nodes and relationships
(:mod:`.build`); rankings and groups are in :mod:`.ranking`, the shortest connection in
:mod:`.connection`, GraphML in :mod:`.graphml`, and the named queries networkx answers in
:mod:`.answers`. Nothing here draws or prints: presentation sits above analytics.
"""

from __future__ import annotations

from gkg.analytics.answers import ANSWERS, answer, networkx_answer
from gkg.analytics.build import build_graph, name_of, simple_graph, to_networkx
from gkg.analytics.connection import Connection, Step, connection_result, shortest_connection
from gkg.analytics.graphml import graphml_text, write_graphml
from gkg.analytics.ranking import (
    SEED,
    Ranked,
    Scores,
    centrality,
    centrality_result,
    centrality_scores,
    communities,
    components,
    groups_result,
)

__all__ = [
    "ANSWERS",
    "SEED",
    "Connection",
    "Ranked",
    "Scores",
    "Step",
    "answer",
    "build_graph",
    "centrality",
    "centrality_result",
    "centrality_scores",
    "communities",
    "components",
    "connection_result",
    "graphml_text",
    "groups_result",
    "name_of",
    "networkx_answer",
    "shortest_connection",
    "simple_graph",
    "to_networkx",
    "write_graphml",
]
