"""Facts in time on a real Neo4j 5 server: the shipped seed's claims, the named queries
about time and money, and ``--as-of`` views answer exactly as on the embedded store.

Runs on the session's Neo4j (tests/conftest.py: NEO4J_URI's server, else the local one);
it DELETES every gkg node (labels ``Entity``, ``Claim``, ``GkgDataset``) in that database.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from gkg.catalogue import Catalogue
from gkg.core import KnowledgeGraph
from gkg.loaders.load import load_files
from gkg.runner import run_query
from gkg.stores.base import GraphStore, whole_graph
from gkg.stores.factory import open_store
from tests.helpers.common import SEED

# NEO4J_* name the session's Neo4j (tests/conftest.py): started here when none is given
pytestmark = pytest.mark.neo4j

CATALOGUE = Catalogue.load()
#: Queries whose answers depend on claims, valid time, look-up keys or money scope.
TIME_QUERIES: list[tuple[str, dict[str, Any]]] = [
    ("changes", {"from": "2023-06-01", "to": "2025-12-31"}),
    ("changes", {"from": "2022-01-01", "to": "2022-12-31"}),
    ("conflicts", {}),
    ("history", {}),
    ("history", {"entity": "Kang Gi-jung"}),
    ("funding-totals", {}),
    ("stale-facts", {}),
    ("people", {}),
    ("search", {"text": "광주 AI 사관학교"}),
    ("data-center", {"center": "국가 AI 데이터센터"}),
    ("source-facts", {}),
    ("budget-allocations", {"event": "2차 추경"}),
    ("timeline", {}),
]


#: Queries compared in past views (their defaults name things known in every view).
VIEW_QUERIES: list[tuple[str, dict[str, Any]]] = [
    ("changes", {"from": "2022-01-01", "to": "2025-12-31"}),
    ("conflicts", {}),
    ("history", {"entity": "Gwanak-gu"}),
    ("funding-totals", {}),
    ("stale-facts", {}),
    ("people", {}),
]


def _clear(store: GraphStore) -> None:
    with store._session(write=True) as session:  # type: ignore[attr-defined]
        session.run("MATCH (n:Entity) DETACH DELETE n").consume()
        session.run("MATCH (c:Claim) DELETE c").consume()
        session.run("MATCH (d:GkgDataset) DELETE d").consume()


@pytest.fixture(scope="module")
def neo4j_seed() -> Iterator[GraphStore]:
    store = open_store()
    _clear(store)
    load_files(store, [SEED])
    yield store
    _clear(store)
    store.close()


def _same(value: Any) -> Any:
    """A cell as compared: exactly, lists in their order (the queries sort them), whole
    floats as integers."""
    if isinstance(value, list):
        return [_same(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _graph(value: tuple[list[Any], list[Any]]) -> tuple[list[Any], list[Any]]:
    """Nodes and relationships comparable across engines (label order is the engine's)."""
    nodes, rels = value
    return [(n.id, sorted(n.labels), n.properties) for n in nodes], rels


def _answer(store: GraphStore, name: str, params: dict[str, Any]) -> list[list[Any]]:
    return [[_same(c) for c in row] for row in run_query(store, CATALOGUE, name, params).rows]


@pytest.mark.parametrize(("name", "params"), TIME_QUERIES, ids=lambda v: str(v))
def test_time_queries_answer_alike(
    neo4j_seed: GraphStore, seed_store: GraphStore, name: str, params: dict[str, Any]
) -> None:
    assert _answer(neo4j_seed, name, params) == _answer(seed_store, name, params)


@pytest.mark.parametrize("date", ["2022-12-31", "2023-12-31", "2025-05-31"])
def test_as_of_views_are_alike(neo4j_seed: GraphStore, seed_store: GraphStore, date: str) -> None:
    neo, falkor = KnowledgeGraph.over(neo4j_seed), KnowledgeGraph.over(seed_store)
    with neo.as_of(date) as a, falkor.as_of(date) as b:
        assert _graph(a.whole_graph()) == _graph(b.whole_graph())
        assert [c.properties for c in a.claims()] == [c.properties for c in b.claims()]
        for name, params in VIEW_QUERIES:
            assert _answer(a.store, name, params) == _answer(b.store, name, params), name
    # nothing was committed: the stored graph is today's
    assert _graph(whole_graph(neo4j_seed)) == _graph(whole_graph(seed_store))


def test_a_neo4j_view_refuses_writes_and_commits_nothing(neo4j_seed: GraphStore) -> None:
    from gkg.errors import QueryError

    kg = KnowledgeGraph.over(neo4j_seed)
    with kg.as_of("2023-12-31") as then, pytest.raises(QueryError, match="read-only"):
        then.cypher("MATCH (n:Entity {id: 'kia'}) SET n.name = 'changed'")
    assert kg.entity("kia").properties["name"] == "Kia"
    assert kg.entity("lee-jae-myung-government").id == "lee-jae-myung-government"
