"""The graph algorithms behind the rankings, groups and connections, on a :class:`Simple`
graph: networkx up to a size limit each, igraph (python-igraph, its C core) above it.

Below the limits the answers are networkx's, exactly as before (the seed's included).
Above them:

- betweenness is estimated from the same :data:`BETWEENNESS_SAMPLE` source nodes
  networkx samples with :data:`SEED`, counted by igraph and scaled as networkx scales a
  sample, so the scores equal networkx's up to float rounding;
- components and the shortest connection are the same by construction (a partition; the
  first shortest path by ids);
- communities come from igraph's Leiden algorithm with the modularity objective, seeded
  (networkx's Louvain takes minutes at 100k nodes, and igraph's Louvain grows
  quadratically). Leiden is Louvain with a refinement step that keeps every community
  connected; the groups are not the ones Louvain would find.
"""

from __future__ import annotations

import random
from typing import Any

from gkg.analytics.plain import Simple

#: Seed for every randomised algorithm, so results are the same on every run.
SEED = 42
#: Betweenness is exact (networkx) up to this many nodes, and estimated above it ...
EXACT_BETWEENNESS_MAX = 500
#: ... from this many sampled source nodes (seeded), counted by igraph.
BETWEENNESS_SAMPLE = 200
#: Communities by networkx's Louvain up to this many nodes, by igraph's Leiden above.
LOUVAIN_MAX = 5_000
#: Components and shortest connections by networkx up to this many nodes, igraph above.
NETWORKX_MAX = 5_000
#: Leiden passes over the graph.
LEIDEN_ITERATIONS = 2


def degrees(simple: Simple) -> tuple[dict[str, int], dict[str, float]]:
    """Degree (distinct neighbours) and degree centrality of every node, as networkx
    computes them (``degree / (n - 1)``, and 1 for a graph of one node)."""
    if len(simple) <= NETWORKX_MAX:
        import networkx as nx

        graph = simple.networkx()
        return dict(graph.degree()), nx.degree_centrality(graph)
    counted = dict(zip(simple.names, simple.igraph().degree()))
    scale = 1.0 / (len(simple) - 1)
    return counted, {n: d * scale for n, d in counted.items()}


def betweenness(simple: Simple) -> dict[str, float]:
    """Normalised betweenness: exact (networkx) up to :data:`EXACT_BETWEENNESS_MAX` nodes;
    above, the sampled estimate networkx's ``betweenness_centrality(k=200, seed=42)``
    gives, from the same sources, counted by igraph."""
    if len(simple) <= EXACT_BETWEENNESS_MAX:
        import networkx as nx

        return dict(nx.betweenness_centrality(simple.networkx(), seed=SEED))
    names = simple.names
    # networkx draws its sample with random.Random(seed).sample(list(G), k) over the nodes
    # in the graph's order, which is the sorted order of Simple.names.
    sources = random.Random(SEED).sample(names, BETWEENNESS_SAMPLE)
    index = simple.index
    raw = simple.igraph().betweenness(directed=False, sources=[index[s] for s in sources])
    # networkx counts each undirected pair from both ends and igraph once (x2); it then
    # rescales a sample of k sources, endpoints excluded (N = n - 1 possible targets), by
    # 1/((k-1)(N-1)) for the sources themselves and 1/(k(N-1)) for the others (``_rescale``).
    k, targets = len(sources), len(names) - 1
    on_source, elsewhere = 2 / ((k - 1) * (targets - 1)), 2 / (k * (targets - 1))
    chosen = set(sources)
    return {
        name: raw[i] * (on_source if name in chosen else elsewhere) for i, name in enumerate(names)
    }


def components(simple: Simple) -> list[list[str]]:
    """Connected components, largest first, ids sorted."""
    if len(simple) <= NETWORKX_MAX:
        import networkx as nx

        found: Any = nx.connected_components(simple.networkx())
    else:
        names = simple.names
        found = [[names[i] for i in part] for part in simple.igraph().connected_components()]
    return _ordered(found)


def communities(simple: Simple, seed: int = SEED) -> list[list[str]]:
    """Seeded communities, largest first, ids sorted: networkx's Louvain up to
    :data:`LOUVAIN_MAX` nodes, igraph's Leiden (modularity objective) above."""
    if not simple.names:
        return []
    if len(simple) <= LOUVAIN_MAX:
        import networkx as nx

        return _ordered(nx.community.louvain_communities(simple.networkx(), seed=seed))
    import igraph as ig

    graph, names = simple.igraph(), simple.names
    ig.set_random_number_generator(random.Random(seed))
    try:
        parts = graph.community_leiden(
            objective_function="modularity", n_iterations=LEIDEN_ITERATIONS
        )
    finally:
        ig.set_random_number_generator(random)
    return _ordered([names[i] for i in part] for part in parts)


def first_shortest_path(simple: Simple, start: str, end: str) -> list[str] | None:
    """The lexicographically first shortest path by node ids (deterministic), or None."""
    if start not in simple.index or end not in simple.index:
        return None
    if len(simple) <= NETWORKX_MAX:
        graph = simple.networkx()
        import networkx as nx

        distance: Any = nx.single_source_shortest_path_length(graph, end)
        if start not in distance:
            return None
        path = [start]
        while path[-1] != end:
            here = path[-1]
            path.append(min(n for n in graph[here] if distance.get(n) == distance[here] - 1))
        return path
    index, names, graph = simple.index, simple.names, simple.igraph()
    hops = graph.distances(source=index[end])[0]
    at, goal = index[start], index[end]
    if hops[at] == float("inf"):
        return None
    walk = [at]
    while walk[-1] != goal:
        vertex = walk[-1]
        walk.append(min(graph.neighbors(vertex), key=lambda v: (hops[v] != hops[vertex] - 1, v)))
    return [names[i] for i in walk]


def _ordered(groups: Any) -> list[list[str]]:
    return sorted((sorted(group) for group in groups), key=lambda c: (-len(c), c[0]))
