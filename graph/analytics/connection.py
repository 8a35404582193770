"""The shortest connection between two entities, direction ignored, as a readable chain."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from gkg.analytics.build import name_of, simple_graph, to_networkx
from gkg.errors import QueryError
from gkg.lookup import resolve
from gkg.model import Node, Path, Relationship, Result
from gkg.schema import ENTITY_LABEL

if TYPE_CHECKING:
    import networkx as nx

    from gkg.stores.base import GraphStore


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
    simple = simple_graph(graph)
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
    node_id = resolve(store, text).id if store is not None else text.strip()
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
