"""Graph analytics with networkx: centrality, components, communities, connections.

Every function works on a :class:`networkx.MultiDiGraph` built by :func:`to_networkx`
from the store, a query :class:`~gkg.model.Result` or plain nodes and relationships.
Nodes are keyed by seed id and carry ``label``, ``labels`` and every stored property;
edges are keyed by relationship id and carry ``type`` and their properties. Source
articles (which no relationship touches) are left out unless asked for.

:func:`answer` is what the named-query catalogue calls for queries whose engine is
``networkx``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path as FilePath
from typing import TYPE_CHECKING, Any

from gkg.errors import QueryError
from gkg.model import Node, Path, Relationship, Result
from gkg.schema import ENTITY_LABEL

if TYPE_CHECKING:
    import networkx as nx

    from gkg.stores.base import GraphStore

#: Label of the source articles; left out of analyses by default.
SOURCE_LABEL = "SourceDocument"
#: Seed for every randomised algorithm, so results are the same on every run.
SEED = 42
#: Betweenness is exact up to this many nodes, and estimated above it ...
EXACT_BETWEENNESS_MAX = 500
#: ... from this many sampled source nodes (seeded).
BETWEENNESS_SAMPLE = 200


# --- building the graph -------------------------------------------------------------------


def to_networkx(source: Any, *, include_sources: bool | None = None) -> nx.MultiDiGraph:
    """A MultiDiGraph of a store's whole graph, a Result, ``(nodes, rels)`` or a Path.

    ``include_sources`` (default: only when ``source`` is not a store) keeps the source
    articles, which no relationship touches: a store's analysis leaves them out, while
    nodes handed over explicitly are all kept.
    """
    from gkg.stores.base import GraphStore

    nodes, rels = _elements(source)
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
        if node.label == SOURCE_LABEL and not include_sources:
            continue
        graph.add_node(node.id, **node.properties, label=node.label, labels=list(node.labels))
    for rel in rels:
        for end in (rel.start, rel.end):
            if end not in graph:
                graph.add_node(end, label="", labels=[])
        graph.add_edge(rel.start, rel.end, key=rel.id, **rel.properties, type=rel.type)
    return graph


def _elements(source: Any) -> tuple[list[Node], list[Relationship]]:
    from gkg.stores.base import GraphStore, whole_graph

    if isinstance(source, GraphStore):
        return whole_graph(source)
    from gkg.present.pages import graph_of

    return graph_of(source)


#: Deepest neighbourhood :func:`neighbourhood` fetches.
MAX_DEPTH = 6


def neighbourhood(
    store: GraphStore, text: str, depth: int = 1
) -> tuple[list[Node], list[Relationship]]:
    """The entity ``text`` names, everything within ``depth`` hops (either direction),
    and every relationship among them. Ids are collected one hop at a time with
    parameterised queries, so no value is ever pasted into Cypher."""
    from gkg.lookup import resolve

    if not 0 <= depth <= MAX_DEPTH:
        raise QueryError(f"depth must be between 0 and {MAX_DEPTH}, not {depth}")
    centre = resolve(store, text)
    seen = {centre.id}
    frontier = [centre.id]
    for _ in range(depth):
        if not frontier:
            break
        found = store.run(
            f"MATCH (n:{ENTITY_LABEL})--(m:{ENTITY_LABEL}) WHERE n.id IN $ids "
            "RETURN DISTINCT m.id AS id",
            {"ids": frontier},
        ).column("id")
        frontier = sorted(set(found) - seen)
        seen.update(frontier)
    ids = sorted(seen)
    nodes = store.run(
        f"MATCH (n:{ENTITY_LABEL}) WHERE n.id IN $ids RETURN n ORDER BY n.id", {"ids": ids}
    ).column("n")
    rels = store.run(
        f"MATCH (a:{ENTITY_LABEL})-[r]->(b:{ENTITY_LABEL}) "
        "WHERE a.id IN $ids AND b.id IN $ids RETURN r ORDER BY r.id",
        {"ids": ids},
    ).column("r")
    return nodes, rels


def name_of(graph: nx.MultiDiGraph, node_id: str, lang: str = "en") -> str:
    """Display name of a node in the graph (Korean first for ``lang="ko"``), else its id."""
    data = graph.nodes[node_id]
    first, second = ("nameKo", "name") if lang == "ko" else ("name", "nameKo")
    return str(data.get(first) or data.get(second) or node_id)


def _simple(graph: nx.MultiDiGraph) -> nx.Graph:
    """The undirected simple graph underneath (parallel and reverse edges merged)."""
    import networkx as nx

    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph.nodes))
    simple.add_edges_from((a, b) for a, b in graph.edges() if a != b)
    return simple


# --- centrality, components, communities --------------------------------------------------


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

    simple = _simple(graph)
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
    if by not in ("degree", "betweenness"):
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

    simple = _simple(graph)
    if not simple:
        return []
    found = nx.community.louvain_communities(simple, seed=seed)
    return sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))


# --- the shortest connection --------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One hop of a connection: from a node, over a relationship, to the next node."""

    start: Node
    rel: Relationship
    end: Node

    @property
    def forward(self) -> bool:
        """True when the relationship points the way the connection walks."""
        return self.rel.start == self.start.id

    def arrow(self) -> str:
        """``-TYPE->`` when the walk follows the relationship, ``<-TYPE-`` against it."""
        return f"-{self.rel.type}->" if self.forward else f"<-{self.rel.type}-"


@dataclass(frozen=True)
class Connection:
    """The shortest connection between two entities."""

    path: Path
    steps: tuple[Step, ...]
    lang: str = "en"

    def chain(self) -> str:
        """Readable chain honouring direction: ``ASICLAND -PARTNER_OF-> TSMC <-MADE_BY- X``."""
        parts = [self.path.nodes[0].display_name(self.lang)]
        for step in self.steps:
            parts += [step.arrow(), step.end.display_name(self.lang)]
        return " ".join(parts)

    def __len__(self) -> int:
        return len(self.steps)

    def __str__(self) -> str:
        return self.chain()


def shortest_connection(
    store: GraphStore | None,
    a: str,
    b: str,
    *,
    graph: nx.MultiDiGraph | None = None,
    lang: str = "en",
) -> Connection:
    """The shortest undirected connection between entities ``a`` and ``b``.

    ``a`` and ``b`` are ids, names or aliases (resolved through the store when one is
    given, else ids of ``graph``). Among equally short ones the first by id is taken,
    so the answer is the same on every run. :class:`QueryError` when there is none.
    """
    import networkx as nx

    if graph is None:
        if store is None:
            raise ValueError("shortest_connection needs a store or a graph")
        graph = to_networkx(store)
    start, end = (_entity_id(store, graph, text) for text in (a, b))
    simple = _simple(graph)
    try:
        ids = _first_shortest_path(simple, start, end)
    except nx.NetworkXNoPath:
        raise QueryError(
            f"no connection between {name_of(graph, start)} and {name_of(graph, end)}"
        ) from None
    nodes = tuple(_node(graph, n) for n in ids)
    steps = tuple(
        Step(nodes[i], _rel_between(graph, ids[i], ids[i + 1]), nodes[i + 1])
        for i in range(len(ids) - 1)
    )
    return Connection(Path(nodes, tuple(s.rel for s in steps)), steps, lang)


def _first_shortest_path(simple: nx.Graph, start: str, end: str) -> list[str]:
    """The lexicographically first shortest path by node ids (deterministic)."""
    import networkx as nx

    if start not in simple or end not in simple:
        raise nx.NetworkXNoPath
    distance = nx.single_source_shortest_path_length(simple, end)
    if start not in distance:
        raise nx.NetworkXNoPath
    path = [start]
    while path[-1] != end:
        here = path[-1]
        path.append(min(n for n in simple[here] if distance.get(n) == distance[here] - 1))
    return path


def _entity_id(store: GraphStore | None, graph: nx.MultiDiGraph, text: str) -> str:
    if store is not None:
        from gkg.lookup import resolve

        node_id = resolve(store, text).id
    else:
        node_id = text.strip()
    if node_id not in graph:
        raise QueryError(f"no entity {text!r} in the graph")
    return node_id


def _node(graph: nx.MultiDiGraph, node_id: str) -> Node:
    data = dict(graph.nodes[node_id])
    labels = tuple(data.pop("labels", ()) or ())
    data.pop("label", None)
    return Node(node_id, labels or (ENTITY_LABEL,), data)


def _rel_between(graph: nx.MultiDiGraph, a: str, b: str) -> Relationship:
    """The first relationship (by id) between ``a`` and ``b``, in either direction."""
    found: list[Relationship] = []
    for start, end in ((a, b), (b, a)):
        for key, data in (graph.get_edge_data(start, end) or {}).items():
            props = {k: v for k, v in data.items() if k != "type"}
            found.append(Relationship(str(key), data["type"], start, end, props))
    return min(found, key=lambda r: r.id)


# --- GraphML --------------------------------------------------------------------------------


def graphml_text(graph: nx.MultiDiGraph) -> str:
    """The graph as GraphML text; lists and dicts become JSON strings, None is dropped."""
    import networkx as nx

    return "\n".join(nx.generate_graphml(_graphml_ready(graph))) + "\n"


def write_graphml(graph: nx.MultiDiGraph, path: str | FilePath) -> FilePath:
    """Write the graph as a GraphML file (see :func:`graphml_text`); return its path."""
    target = FilePath(path).absolute()
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


# --- results, for the CLI, the report and the catalogue ------------------------------------


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


def connection_result(connection: Connection) -> Result:
    """A connection as rows ``[step, from, relationship, to, path]``.

    One row per hop (``relationship`` is ``-TYPE->`` or ``<-TYPE-``), then a last row
    ``["all", first, whole chain, last, Path]`` whose Path lets a viewer draw it.
    """
    lang = connection.lang
    rows: list[list[Any]] = [
        [i, s.start.display_name(lang), s.arrow(), s.end.display_name(lang), None]
        for i, s in enumerate(connection.steps, 1)
    ]
    nodes = connection.path.nodes
    rows.append(
        [
            "all",
            nodes[0].display_name(lang),
            connection.chain(),
            nodes[-1].display_name(lang),
            connection.path,
        ]
    )
    return Result(["step", "from", "relationship", "to", "path"], rows)


Answer = Callable[["GraphStore", Mapping[str, Any]], Result]


def _answer_connection(store: GraphStore, params: Mapping[str, Any]) -> Result:
    a, b = _param(params, "from", str), _param(params, "to", str)
    lang = str(params.get("lang") or "en")
    return connection_result(shortest_connection(store, a, b, lang=lang))


def _answer_centrality(store: GraphStore, params: Mapping[str, Any]) -> Result:
    top = _param(params, "top", int, 10)
    by = _param(params, "by", str, "degree")
    return centrality_result(to_networkx(store), top, by)


def _answer_components(store: GraphStore, params: Mapping[str, Any]) -> Result:
    graph = to_networkx(store)
    return groups_result(graph, components(graph), "component")


def _answer_communities(store: GraphStore, params: Mapping[str, Any]) -> Result:
    graph = to_networkx(store)
    return groups_result(graph, communities(graph), "community")


#: Named questions networkx answers, by name.
ANSWERS: dict[str, Answer] = {
    "connection": _answer_connection,
    "centrality": _answer_centrality,
    "components": _answer_components,
    "communities": _answer_communities,
}


def answer(store: GraphStore, name: str, params: Mapping[str, Any] | None = None) -> Result:
    """Answer the networkx-engine named query ``name``; :class:`QueryError` if unknown."""
    try:
        handler = ANSWERS[name]
    except KeyError:
        known = ", ".join(sorted(ANSWERS))
        raise QueryError(f"no networkx answer named {name!r}; known: {known}") from None
    return handler(store, dict(params or {}))


_MISSING = object()


def _param(params: Mapping[str, Any], name: str, kind: type, default: Any = _MISSING) -> Any:
    value = params.get(name)
    if value is None or value == "":
        if default is _MISSING:
            raise QueryError(f"missing parameter {name!r}")
        return default
    try:
        return kind(value)
    except (TypeError, ValueError):
        raise QueryError(f"parameter {name!r} must be {kind.__name__}, not {value!r}") from None
