"""The analysed graph as plain columns: ids, labels, names and relationship ends.

The named network queries (centrality, components, communities, connection) need no
properties beyond a node's label and names, so :func:`fetch` reads those as scalar columns
in two queries instead of building a Node or Relationship object per element: on a graph
of 100k nodes and 300k relationships that is most of the time saved. :class:`Simple` is
the undirected simple graph the algorithms of :mod:`.fast` run on, with its nodes and edges
in the order :func:`gkg.analytics.build.simple_graph` gives them, so that networkx's
answers (which follow that order) stay the same whichever way the graph was read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from gkg.schema import ENTITY_LABEL, SOURCE_LABEL

if TYPE_CHECKING:
    import igraph
    import networkx as nx

    from gkg.stores.base import GraphStore

#: Up to this many nodes the relationships are read in id order (as
#: :func:`gkg.stores.base.whole_graph` reads them): networkx's Louvain follows the edge
#: order. Above it no answer depends on the order, and the server need not sort.
ORDERED_MAX = 5_000

NODES = (
    f"MATCH (n:{ENTITY_LABEL}) WHERE NOT n:{SOURCE_LABEL} "
    f"RETURN n.id AS id, [l IN labels(n) WHERE l <> '{ENTITY_LABEL}'][0] AS label, "
    "n.name AS name, n.nameKo AS nameKo ORDER BY id"
)
# Returning r.id keeps one row per relationship (FalkorDB folds parallel relationships into
# one row when r is not used; the simple graph merges them anyway, so the unordered
# variant may let it).
RELS_ORDERED = (
    f"MATCH (a:{ENTITY_LABEL})-[r]->(b:{ENTITY_LABEL}) RETURN a.id AS a, b.id AS b, r.id AS id "
    "ORDER BY id"
)
RELS = f"MATCH (a:{ENTITY_LABEL})-[r]->(b:{ENTITY_LABEL}) RETURN a.id AS a, b.id AS b"


@dataclass
class PlainGraph:
    """The entities (source documents left out) in the order ``to_networkx`` adds them:
    by id, then ends met only through relationships; each one's label and names; and the
    relationships' ends."""

    ids: list[str]
    label: dict[str, str]
    name: dict[str, Any]
    name_ko: dict[str, Any]
    edges: list[tuple[str, str]]

    def __contains__(self, node_id: object) -> bool:
        return node_id in self.label

    def __len__(self) -> int:
        return len(self.ids)

    def name_of(self, node_id: str, lang: str = "en") -> str:
        """Display name (Korean first for ``lang="ko"``), else the id; as ``name_of``."""
        first, second = (self.name_ko, self.name) if lang == "ko" else (self.name, self.name_ko)
        return str(first.get(node_id) or second.get(node_id) or node_id)


def fetch(store: GraphStore) -> PlainGraph:
    """The store's graph as plain columns, in two scalar queries."""
    nodes = store.run(NODES).rows
    rels = store.run(RELS_ORDERED if len(nodes) <= ORDERED_MAX else RELS).rows
    ids = [row[0] for row in nodes]
    label = {row[0]: row[1] or ENTITY_LABEL for row in nodes}
    name = {row[0]: row[2] for row in nodes}
    name_ko = {row[0]: row[3] for row in nodes}
    edges = [(row[0], row[1]) for row in rels]
    for a, b in edges:  # an end that is not an entity (a source document) becomes bare
        for end in (a, b):
            if end not in label:
                ids.append(end)
                label[end], name[end], name_ko[end] = "", None, None
    return PlainGraph(ids, label, name, name_ko, edges)


@dataclass
class Simple:
    """An undirected simple graph: ``names`` sorted, ``edges`` in the order networkx's
    ``simple_graph`` adds them (repeats and reverse pairs allowed: both libraries merge
    them; self-loops left out). The networkx and igraph forms are built once, on demand."""

    names: list[str]
    edges: list[tuple[str, str]]
    _nx: nx.Graph | None = field(default=None, repr=False)
    _ig: igraph.Graph | None = field(default=None, repr=False)
    _index: dict[str, int] | None = field(default=None, repr=False)

    def __len__(self) -> int:
        return len(self.names)

    @classmethod
    def of_plain(cls, graph: PlainGraph) -> Simple:
        """The simple graph under a :class:`PlainGraph`, ordered as ``simple_graph`` orders
        the one under ``to_networkx`` of the same store: by start node in insertion order,
        then ends in first-seen order."""
        successors: dict[str, dict[str, None]] = {}
        for a, b in graph.edges:
            successors.setdefault(a, {})[b] = None
        edges = [(a, b) for a in graph.ids for b in successors.get(a, ()) if a != b]
        return cls(sorted(graph.ids), edges)

    @classmethod
    def of_networkx(cls, graph: nx.MultiDiGraph) -> Simple:
        """The simple graph under a MultiDiGraph (as :func:`simple_graph` makes it)."""
        return cls(sorted(graph.nodes), [(a, b) for a, b in graph.edges() if a != b])

    @property
    def index(self) -> dict[str, int]:
        """Each name's vertex number in :meth:`igraph`."""
        if self._index is None:
            self._index = {n: i for i, n in enumerate(self.names)}
        return self._index

    def networkx(self) -> nx.Graph:
        """The same ``nx.Graph`` as :func:`gkg.analytics.build.simple_graph`."""
        if self._nx is None:
            import networkx as nx

            self._nx = nx.Graph()
            self._nx.add_nodes_from(self.names)
            self._nx.add_edges_from(self.edges)
        return self._nx

    def igraph(self) -> igraph.Graph:
        """The igraph form: vertex ``i`` is ``names[i]``; repeats merged in C."""
        if self._ig is None:
            import igraph as ig

            index = self.index
            built = ig.Graph(n=len(self.names), edges=[(index[a], index[b]) for a, b in self.edges])
            built.simplify()
            self._ig = built
        return self._ig
