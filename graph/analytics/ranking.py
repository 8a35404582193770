"""Who is central, and which groups the graph falls into: centrality, components and
communities, each also as a :class:`~gkg.model.Result` table."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, TypeAlias

from gkg.analytics import fast
from gkg.analytics.build import name_of
from gkg.analytics.fast import SEED
from gkg.analytics.plain import PlainGraph, Simple
from gkg.errors import QueryError
from gkg.model import Result

if TYPE_CHECKING:
    import networkx as nx

    #: What a ranking or a group table reads names and labels from.
    Analysed: TypeAlias = "nx.MultiDiGraph | PlainGraph"

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


def centrality_scores(graph: Analysed) -> Scores:
    """Both centralities on the undirected simple graph. Betweenness is exact up to
    :data:`~gkg.analytics.fast.EXACT_BETWEENNESS_MAX` nodes, above that a seeded estimate
    from :data:`~gkg.analytics.fast.BETWEENNESS_SAMPLE` source nodes (:mod:`.fast`)."""
    simple = _simple(graph)
    if not simple.names:
        return Scores({}, {}, {})
    degree, degree_centrality = fast.degrees(simple)
    return Scores(degree, degree_centrality, fast.betweenness(simple))


def centrality(
    graph: Analysed, top: int = 10, by: str = "degree", scores: Scores | None = None
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
            name=_name(graph, n),
            label=_label(graph, n),
            degree=scores.degree[n],
            degree_centrality=round(scores.degree_centrality[n], 6),
            betweenness=round(scores.betweenness[n], 6),
        )
        for i, n in enumerate(order, 1)
    ]


def components(graph: Analysed) -> list[list[str]]:
    """Connected components (edge direction ignored), largest first, ids sorted."""
    return fast.components(_simple(graph))


def communities(graph: Analysed, seed: int = SEED) -> list[list[str]]:
    """Seeded communities of the undirected graph, largest first, ids sorted: Louvain
    (networkx) up to :data:`gkg.analytics.fast.LOUVAIN_MAX` nodes, Leiden (igraph) above."""
    return fast.communities(_simple(graph), seed)


def centrality_result(
    graph: Analysed, top: int = 10, by: str = "degree", scores: Scores | None = None
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


def groups_result(graph: Analysed, groups: Sequence[Sequence[str]], kind: str) -> Result:
    """Components or communities as a table: number, size and member names."""
    return Result(
        [kind, "size", "members"],
        [[i, len(group), [_name(graph, n) for n in group]] for i, group in enumerate(groups, 1)],
    )


def _simple(graph: Analysed) -> Simple:
    if isinstance(graph, PlainGraph):
        return Simple.of_plain(graph)
    return Simple.of_networkx(graph)


def _name(graph: Analysed, node_id: str) -> str:
    if isinstance(graph, PlainGraph):
        return graph.name_of(node_id)
    return str(name_of(graph, node_id))


def _label(graph: Analysed, node_id: str) -> str:
    if isinstance(graph, PlainGraph):
        return str(graph.label[node_id])
    return str(graph.nodes[node_id].get("label", ""))
