"""The analytics on plain columns and igraph give networkx's answers.

The seed is far below the size limits of :mod:`gkg.analytics.fast`, so the limits are
lowered here to send the seed through igraph too; what igraph answers must equal what
networkx answers on the same graph (betweenness to float rounding, from the same sampled
sources). And the graph read as plain columns is the graph ``to_networkx`` reads, in the
same order.
"""

from __future__ import annotations

import random

import networkx as nx
import pytest

from gkg.analytics import fast, simple_graph, to_networkx
from gkg.analytics.plain import ORDERED_MAX, RELS, RELS_ORDERED, Simple, fetch
from gkg.stores.base import GraphStore


@pytest.fixture(scope="module")
def graphs(seed_store: GraphStore) -> tuple[nx.MultiDiGraph, Simple]:
    return to_networkx(seed_store), Simple.of_plain(fetch(seed_store))


def test_plain_columns_give_the_same_simple_graph_in_the_same_order(graphs) -> None:
    multi, plain = graphs
    expected = simple_graph(multi)
    built = plain.networkx()
    assert list(built.nodes) == list(expected.nodes)
    assert [list(built.adj[n]) for n in built] == [list(expected.adj[n]) for n in expected]
    assert Simple.of_networkx(multi).names == plain.names


def test_names_and_labels_match_the_objects(seed_store: GraphStore, graphs) -> None:
    multi, _ = graphs
    plain = fetch(seed_store)
    for node_id in multi.nodes:
        assert plain.label[node_id] == multi.nodes[node_id]["label"]
        for lang in ("en", "ko"):
            assert plain.name_of(node_id, lang) == (
                multi.nodes[node_id].get("nameKo" if lang == "ko" else "name")
                or multi.nodes[node_id].get("name" if lang == "ko" else "nameKo")
                or node_id
            )


def test_igraph_answers_equal_networkx_answers(graphs, monkeypatch) -> None:
    multi, plain = graphs
    simple = simple_graph(multi)
    ids = sorted(simple)
    pairs = [(random.Random(i).choice(ids), random.Random(-i).choice(ids)) for i in range(30)]
    by_networkx = (
        fast.components(plain),
        fast.degrees(plain),
        [fast.first_shortest_path(plain, a, b) for a, b in pairs],
    )
    sample = 40
    expected = nx.betweenness_centrality(simple, k=sample, seed=fast.SEED)
    monkeypatch.setattr(fast, "NETWORKX_MAX", 0)
    monkeypatch.setattr(fast, "EXACT_BETWEENNESS_MAX", 0)
    monkeypatch.setattr(fast, "BETWEENNESS_SAMPLE", sample)
    on_igraph = Simple(plain.names, plain.edges)
    assert (
        fast.components(on_igraph),
        fast.degrees(on_igraph),
        [fast.first_shortest_path(on_igraph, a, b) for a, b in pairs],
    ) == by_networkx
    found = fast.betweenness(on_igraph)
    assert found.keys() == expected.keys()
    assert max(abs(found[n] - expected[n]) for n in expected) < 1e-12


def test_leiden_communities_are_seeded_and_cover_every_node(graphs, monkeypatch) -> None:
    _, plain = graphs
    monkeypatch.setattr(fast, "LOUVAIN_MAX", 0)
    first = fast.communities(Simple(plain.names, plain.edges))
    assert first == fast.communities(Simple(plain.names, plain.edges))
    assert sorted(n for group in first for n in group) == plain.names
    assert [len(g) for g in first] == sorted((len(g) for g in first), reverse=True)


def test_big_graphs_skip_the_server_sort() -> None:
    assert "ORDER BY" in RELS_ORDERED and "ORDER BY" not in RELS and ORDERED_MAX == 5_000
