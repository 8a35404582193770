"""Who is central, and which groups the graph falls into: centrality, components and
communities, each also as a :class:`~gkg.model.Result` table."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from gkg.analytics.build import name_of, simple_graph
from gkg.errors import QueryError
from gkg.model import Result

if TYPE_CHECKING:
    import networkx as nx

#: Seed for every randomised algorithm, so results are the same on every run.
SEED = 42
#: Betweenness is exact up to this many nodes, and estimated above it ...
EXACT_BETWEENNESS_MAX = 500
#: ... from this many sampled source nodes (seeded).
BETWEENNESS_SAMPLE = 200
#: The centralities a ranking can be by.
CentralityKind = Literal["degree", "betweenness"]
CENTRALITIES: tuple[CentralityKind, ...] = ("degree", "betweenness")


@dataclass(frozen=True)
class Ranked:
    """One entity's place in a centrality ranking."""

    rank: int
    id: str
    name: str
    label: str
    degree: int
    degree_centrality: float
    betweenness: float


@dataclass(frozen=True)
class Scores:
    """Degree and betweenness centrality of every node, computed once for many rankings."""

    degree: dict[str, int]
    degree_centrality: dict[str, float]
    betweenness: dict[str, float]


def centrality_scores(graph: nx.MultiDiGraph) -> Scores:
    """Both centralities on the undirected simple graph. Betweenness is exact up to
    :data:`EXACT_BETWEENNESS_MAX` nodes, above that a seeded estimate from
    :data:`BETWEENNESS_SAMPLE` source nodes."""
    import networkx as nx

    simple = simple_graph(graph)
    if not simple:
        return Scores({}, {}, {})
    sample = BETWEENNESS_SAMPLE if len(simple) > EXACT_BETWEENNESS_MAX else None
    return Scores(
        dict(simple.degree()),
        nx.degree_centrality(simple),
        nx.betweenness_centrality(simple, k=sample, seed=SEED),
    )


def centrality(
    graph: nx.MultiDiGraph, top: int = 10, by: str = "degree", scores: Scores | None = None
) -> list[Ranked]:
    """The ``top`` entities by ``degree`` or ``betweenness`` centrality (ties by id)."""
    if by not in CENTRALITIES:
        raise QueryError(f"unknown centrality {by!r}; use degree or betweenness")
    if top < 1:
        raise QueryError("--top must be at least 1")
    scores = scores or centrality_scores(graph)
    score = scores.degree_centrality if by == "degree" else scores.betweenness
    order = sorted(score, key=lambda n: (-round(score[n], 12), n))[:top]
    return [
        Ranked(
            rank=i,
            id=n,
            name=name_of(graph, n),
            label=graph.nodes[n].get("label", ""),
            degree=scores.degree[n],
            degree_centrality=round(scores.degree_centrality[n], 6),
            betweenness=round(scores.betweenness[n], 6),
        )
        for i, n in enumerate(order, 1)
    ]


def components(graph: nx.MultiDiGraph) -> list[list[str]]:
    """Connected components (edge direction ignored), largest first, ids sorted."""
    import networkx as nx

    parts = [sorted(c) for c in nx.weakly_connected_components(graph)]
    return sorted(parts, key=lambda c: (-len(c), c[0]))


def communities(graph: nx.MultiDiGraph, seed: int = SEED) -> list[list[str]]:
    """Louvain communities of the undirected graph (seeded), largest first, ids sorted."""
    import networkx as nx

    simple = simple_graph(graph)
    if not simple:
        return []
    found = nx.community.louvain_communities(simple, seed=seed)
    return sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))


def centrality_result(
    graph: nx.MultiDiGraph, top: int = 10, by: str = "degree", scores: Scores | None = None
) -> Result:
    """:func:`centrality` as a table."""
    ranked = centrality(graph, top, by, scores)
    return Result(
        ["rank", "id", "name", "label", "degree", "degreeCentrality", "betweenness"],
        [
            [r.rank, r.id, r.name, r.label, r.degree, r.degree_centrality, r.betweenness]
            for r in ranked
        ],
    )


def groups_result(graph: nx.MultiDiGraph, groups: Sequence[Sequence[str]], kind: str) -> Result:
    """Components or communities as a table: number, size and member names."""
    return Result(
        [kind, "size", "members"],
        [[i, len(group), [name_of(graph, n) for n in group]] for i, group in enumerate(groups, 1)],
    )
