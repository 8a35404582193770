"""The Python API analysts use: gkg.open() and KnowledgeGraph, on a real embedded store."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import gkg
from gkg.errors import GkgError, QueryError
from gkg.model import Result
from gkg.stores.falkordb import server
from tests.helpers.common import SMALL


@pytest.fixture(scope="module")
def kg(
    tmp_path_factory: pytest.TempPathFactory, store_homes: list[Path]
) -> Iterator[gkg.KnowledgeGraph]:
    """The embedded store, also when NEO4J_URI is set for the Neo4j tests."""
    home = tmp_path_factory.mktemp("api") / "home"
    store_homes.append(home)
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("NEO4J_URI", raising=False)
        knowledge = gkg.open(home=home)
        knowledge.load(SMALL)
        yield knowledge


def test_open_load_and_info(kg: gkg.KnowledgeGraph) -> None:
    info = kg.info()
    assert info.kind == "embedded" and info.node_count == 8 and info.relationship_count == 5
    assert repr(kg) == "<KnowledgeGraph on embedded store>"


def test_named_queries_take_keywords_or_a_mapping(kg: gkg.KnowledgeGraph) -> None:
    names = {q.name for q in kg.queries()}
    assert {"data-center", "companies", "connection"} <= names
    by_keyword = kg.query("data-center", center="National AI Data Center").records()
    by_mapping = kg.query("data-center", {"center": "국가AI데이터센터"}).records()
    assert by_keyword == by_mapping
    assert by_keyword[0]["computePetaflops"] == 88.5
    chain = kg.query("connection", {"from": "NHN Cloud", "to": "nvidia"})
    assert chain.rows
    with pytest.raises(QueryError, match="unknown query"):
        kg.query("no-such-query")


def test_cypher_entities_and_dataframes(kg: gkg.KnowledgeGraph) -> None:
    result = kg.cypher(
        "MATCH (c:Company) WHERE c.sector = $sector RETURN c.name AS name", sector="cloud"
    )
    assert result.rows == [["NHN Cloud"]]
    frame = kg.cypher("MATCH (n:Entity) RETURN n.id AS id, n ORDER BY id").to_dataframe()
    assert list(frame.columns) == ["id", "n"] and len(frame) == 8
    assert kg.entity("엔비디아").id == "nvidia"
    assert kg.entity("NVIDIA").id == "nvidia"


def test_networkx_and_inline_pictures(kg: gkg.KnowledgeGraph) -> None:
    whole = kg.networkx()
    assert whole.number_of_nodes() == 6 and whole.number_of_edges() == 5  # sources left out
    picture = kg.show(kg.cypher("MATCH p = (:DataCenter)-[]->() RETURN p"))._repr_html_()
    assert picture.startswith("<iframe srcdoc=")
    assert "src=&quot;http" not in picture and "href=&quot;http" not in picture


def test_stop_server_and_come_back(kg: gkg.KnowledgeGraph) -> None:
    assert kg.stop_server() is True
    assert not server.status(kg.store.home).running
    assert kg.query("companies").rows  # the next use starts it again, with the saved graph
    assert server.status(kg.store.home).running


def test_dataframes_without_pandas_name_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # as if pandas were not installed
    with pytest.raises(GkgError, match=r"pip install 'gkg\[notebooks\]'"):
        Result(["a"], [[1]]).to_dataframe()
