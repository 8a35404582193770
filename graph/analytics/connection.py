"""The shortest connection between two entities, direction ignored, as a readable chain."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from gkg.analytics.build import name_of
from gkg.analytics.fast import first_shortest_path
from gkg.analytics.plain import PlainGraph, Simple, fetch
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
    if graph is None:
        if store is None:
            raise ValueError("shortest_connection needs a store or a graph")
        return _connection_in_store(store, a, b, lang)
    start, end = (_entity_id(store, graph, text) for text in (a, b))
    ids = first_shortest_path(Simple.of_networkx(graph), start, end)
    if ids is None:
        raise QueryError(f"no connection between {name_of(graph, start)} and {name_of(graph, end)}")
    nodes = tuple(_node(graph, n) for n in ids)
    steps = tuple(
        Step(nodes[i], _rel_between(graph, ids[i], ids[i + 1]), nodes[i + 1])
        for i in range(len(ids) - 1)
    )
    return Connection(Path(nodes, tuple(s.rel for s in steps)), steps, lang)


def _connection_in_store(store: GraphStore, a: str, b: str, lang: str) -> Connection:
    """The connection found on the store's graph read as plain columns (:func:`fetch`);
    only the nodes and relationships of the path are then read in full."""
    graph = fetch(store)
    start, end = (_plain_id(store, graph, text) for text in (a, b))
    ids = first_shortest_path(Simple.of_plain(graph), start, end)
    if ids is None:
        raise QueryError(f"no connection between {graph.name_of(start)} and {graph.name_of(end)}")
    found = store.run(f"MATCH (n:{ENTITY_LABEL}) WHERE n.id IN $ids RETURN n", {"ids": ids}).column(
        "n"
    )
    by_id: dict[str, Node] = {n.id: n for n in found}
    rels: list[Relationship] = store.run(
        f"MATCH (a:{ENTITY_LABEL})-[r]->(b:{ENTITY_LABEL}) "
        "WHERE a.id IN $ids AND b.id IN $ids RETURN r",
        {"ids": ids},
    ).column("r")
    nodes = tuple(by_id[n] for n in ids)
    steps = tuple(
        Step(nodes[i], _first_between(rels, ids[i], ids[i + 1]), nodes[i + 1])
        for i in range(len(ids) - 1)
    )
    return Connection(Path(nodes, tuple(s.rel for s in steps)), steps, lang)


def _plain_id(store: GraphStore, graph: PlainGraph, text: str) -> str:
    node_id = resolve(store, text).id
    if node_id not in graph:
        raise QueryError(f"no entity {text!r} in the graph")
    return node_id


def _first_between(rels: list[Relationship], a: str, b: str) -> Relationship:
    """The first relationship (by id) between ``a`` and ``b``, in either direction."""
    return min((r for r in rels if (r.start, r.end) in ((a, b), (b, a))), key=lambda r: r.id)


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
