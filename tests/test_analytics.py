"""networkx analytics over the real embedded store: graphs, rankings, groups, connections."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

from gkg import analytics
from gkg.errors import QueryError
from gkg.lookup import neighbourhood
from gkg.model import Path as GraphPath
from gkg.model import Result
from gkg.stores.base import GraphStore
from tests.helpers.pages import load_markup

NHN_TO_NVIDIA = (
    "NHN Cloud -BUILT-> National AI Data Center -EQUIPPED_WITH-> NVIDIA H100 -MADE_BY-> NVIDIA"
)


@pytest.fixture(scope="module")
def markup_store(make_store) -> GraphStore:
    return load_markup(make_store)


def test_store_graph_has_entities_and_typed_edges(small_store: GraphStore):
    graph = analytics.to_networkx(small_store)
    assert isinstance(graph, nx.MultiDiGraph)
    assert sorted(graph.nodes) == sorted(
        ["gwangju", "nhn-cloud", "national-ai-data-center", "h100", "nvidia", "ai-budget-2025"]
    )  # the two source articles touch no relationship and are left out
    center = graph.nodes["national-ai-data-center"]
    assert center["label"] == "DataCenter" and center["computePetaflops"] == 88.5
    assert center["sourceIds"] == ["doc-a", "doc-b"]
    edge = graph.get_edge_data("h100", "nvidia")
    assert (
        list(edge) == ["h100|MADE_BY|nvidia"] and edge["h100|MADE_BY|nvidia"]["type"] == "MADE_BY"
    )
    assert graph.number_of_edges() == 5
    with_docs = analytics.to_networkx(small_store, include_sources=True)
    assert {"doc-a", "doc-b"} <= set(with_docs.nodes)


def test_query_result_becomes_a_graph(small_store: GraphStore):
    result = small_store.run(
        "MATCH p = (:Entity {id: $id})-[*1..2]->(:Entity) RETURN p", {"id": "nhn-cloud"}
    )
    graph = analytics.to_networkx(result)
    assert set(graph.nodes) == {"nhn-cloud", "national-ai-data-center", "gwangju", "h100"}
    assert {d["type"] for _, _, d in graph.edges(data=True)} == {
        "BUILT", "LOCATED_IN", "EQUIPPED_WITH"
    }  # fmt: skip


def test_centrality_ranks_the_hub_first(small_store: GraphStore):
    graph = analytics.to_networkx(small_store)
    top = analytics.centrality(graph, top=2)
    assert [r.id for r in top] == ["national-ai-data-center", "h100"]
    assert top[0].degree == 4 and top[0].degree_centrality == 0.8 and top[0].rank == 1
    by_betweenness = analytics.centrality(graph, top=1, by="betweenness")
    assert by_betweenness[0].id == "national-ai-data-center"
    assert by_betweenness[0].betweenness == 0.9  # 9 of the 10 pairs pass through it
    result = analytics.centrality_result(graph, 3)
    assert result.columns[:3] == ["rank", "id", "name"] and len(result) == 3
    with pytest.raises(QueryError, match="unknown centrality"):
        analytics.centrality(graph, by="pagerank")


def test_components_and_communities(small_store: GraphStore, markup_store: GraphStore):
    graph = analytics.to_networkx(small_store)
    assert analytics.components(graph) == [sorted(graph.nodes)]
    found = analytics.communities(graph)
    assert sorted(n for c in found for n in c) == sorted(graph.nodes)
    assert found == analytics.communities(graph)  # seeded: the same every run
    assert found[0] == ["ai-budget-2025", "gwangju", "national-ai-data-center", "nhn-cloud"]
    lonely = analytics.to_networkx(markup_store)
    assert analytics.components(lonely) == [["evil-corp", "gwangju"], ["loner"]]


def test_shortest_connection_reads_as_a_directed_chain(small_store: GraphStore):
    connection = analytics.shortest_connection(small_store, "NHN Cloud", "엔비디아")
    assert connection.chain() == NHN_TO_NVIDIA
    assert len(connection) == 3
    assert [n.id for n in connection.path.nodes] == [
        "nhn-cloud", "national-ai-data-center", "h100", "nvidia"
    ]  # fmt: skip
    back = analytics.shortest_connection(small_store, "nvidia", "gwangju")
    assert back.chain() == (
        "NVIDIA <-MADE_BY- NVIDIA H100 <-EQUIPPED_WITH- National AI Data Center "
        "-LOCATED_IN-> Gwangju"
    )
    ko = analytics.shortest_connection(small_store, "gwangju", "nvidia", lang="ko")
    assert ko.chain().startswith("광주광역시 <-LOCATED_IN- 국가AI데이터센터")
    same = analytics.shortest_connection(small_store, "nvidia", "NVIDIA")
    assert same.chain() == "NVIDIA" and len(same) == 0


def test_no_connection_and_unknown_entities_are_clear_errors(
    small_store: GraphStore, markup_store: GraphStore
):
    with pytest.raises(QueryError, match="no connection between Lonely <u>Person</u> and"):
        analytics.shortest_connection(markup_store, "loner", "gwangju")
    with pytest.raises(QueryError, match="no entity with id, name or alias 'nvidai'"):
        analytics.shortest_connection(small_store, "nvidai", "gwangju")


def test_connection_answer_for_the_catalogue(small_store: GraphStore):
    result = analytics.answer(small_store, "connection", {"from": "nhn-cloud", "to": "nvidia"})
    assert result.columns == ["step", "from", "relationship", "to", "path"]
    assert result.rows[0][:4] == [1, "NHN Cloud", "-BUILT->", "National AI Data Center"]
    assert result.rows[2][:4] == [3, "NVIDIA H100", "-MADE_BY->", "NVIDIA"]
    last = result.rows[-1]
    assert last[:4] == ["all", "NHN Cloud", NHN_TO_NVIDIA, "NVIDIA"]
    assert isinstance(last[4], GraphPath) and len(last[4].relationships) == 3
    assert isinstance(result, Result) and len(result.nodes()) == 4  # so viz can draw it
    with pytest.raises(QueryError, match="missing parameter 'to'"):
        analytics.answer(small_store, "connection", {"from": "nhn-cloud"})
    with pytest.raises(QueryError, match="no networkx answer named 'shortest'"):
        analytics.answer(small_store, "shortest", {})


def test_other_answers(small_store: GraphStore):
    top = analytics.answer(small_store, "centrality", {"top": "1"})
    assert top.rows[0][1] == "national-ai-data-center"
    assert analytics.answer(small_store, "components", {}).rows[0][1] == 6
    assert analytics.answer(small_store, "communities", {}).columns == [
        "community", "size", "members"
    ]  # fmt: skip
    with pytest.raises(QueryError, match="parameter 'top' must be int"):
        analytics.answer(small_store, "centrality", {"top": "many"})


def test_neighbourhood(small_store: GraphStore):
    nodes, rels = neighbourhood(small_store, "NVIDIA", 1)
    assert [n.id for n in nodes] == ["h100", "nvidia"] and [r.type for r in rels] == ["MADE_BY"]
    nodes, rels = neighbourhood(small_store, "nvidia", 2)
    assert [n.id for n in nodes] == ["h100", "national-ai-data-center", "nvidia"]
    assert len(rels) == 2
    assert [n.id for n in neighbourhood(small_store, "nvidia", 0)[0]] == ["nvidia"]
    with pytest.raises(QueryError, match="depth must be between 0 and"):
        neighbourhood(small_store, "nvidia", 99)


def test_graphml_keeps_lists_as_json(small_store: GraphStore, markup_store: GraphStore, tmp_path):
    path = analytics.write_graphml(analytics.to_networkx(small_store), tmp_path / "g.graphml")
    back = nx.read_graphml(path, force_multigraph=True)
    assert back.number_of_nodes() == 6 and back.number_of_edges() == 5
    center = back.nodes["national-ai-data-center"]
    assert json.loads(center["sourceIds"]) == ["doc-a", "doc-b"]
    assert center["computePetaflops"] == 88.5 and center["label"] == "DataCenter"
    assert {d["type"] for _, _, d in back.edges(data=True)} >= {"MADE_BY", "FUNDS"}
    # markup survives as text in valid XML
    text = analytics.graphml_text(analytics.to_networkx(markup_store))
    marked = nx.parse_graphml(text, force_multigraph=True)
    assert marked.nodes["evil-corp"]["name"] == "<script>alert(1)</script>"
    assert "<script>" not in text


def test_cli_analyze(gkg, tmp_path: Path):
    gkg("load", "tests/fixtures/small.yaml", check=True)
    top = gkg("analyze", "centrality", "--top", "2", "--format", "json", check=True)
    assert [r["id"] for r in json.loads(top.stdout)] == ["national-ai-data-center", "h100"]
    path = gkg("analyze", "path", "nhn-cloud", "nvidia", check=True)
    assert path.stdout.splitlines() == [NHN_TO_NVIDIA, "(3 hops)"]
    groups = gkg("analyze", "components", "--format", "json", check=True)
    assert json.loads(groups.stdout)[0]["size"] == 6
    communities = gkg("analyze", "communities", check=True)
    assert "National AI Data Center" in communities.stdout
    out = tmp_path / "g.graphml"
    exported = gkg("analyze", "graphml", "--out", str(out), check=True)
    assert exported.stdout.strip() == str(out) and "8 nodes, 5 relationships" in exported.stderr
    assert nx.read_graphml(out).number_of_nodes() == 8  # as `gkg export --format graphml`
    missing = gkg("analyze", "path", "nhn-cloud", "nowhere")
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
    assert "no entity with id, name or alias 'nowhere'" in missing.stderr


def test_a_connection_prints_as_its_chain(small_store) -> None:
    from gkg.analytics import shortest_connection

    connection = shortest_connection(small_store, "NHN Cloud", "NVIDIA")
    assert str(connection) == connection.chain()
    assert str(connection).startswith("NHN Cloud -BUILT-> National AI Data Center")
