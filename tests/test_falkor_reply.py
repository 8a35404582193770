"""Replies of plain values read directly give what the native client's parser gives."""

from __future__ import annotations

import gc
from typing import Any

import pytest

from gkg.errors import QueryError
from gkg.stores.falkordb.convert import convert_result
from gkg.stores.falkordb.reply import read
from gkg.stores.falkordb.store import FalkorStore

QUERIES = [
    "RETURN null AS a, 'text' AS b, 'ünï 한글' AS c, 42 AS d, -7 AS e, 2.5 AS f, 1e300 AS g, "
    "true AS h, false AS i, [] AS j, [1, 'x', null, [true, 0.1]] AS k",
    "MATCH (n:Entity) RETURN n.id AS id, n.name AS name, n.sourceIds AS sources ORDER BY id",
    "MATCH (n:Entity) RETURN n ORDER BY n.id LIMIT 5",
    "MATCH p = (:Entity)-[r]->(:Entity) RETURN p, r, type(r) AS t ORDER BY r.id LIMIT 5",
    "RETURN {a: 1, b: [2]} AS m, date('2024-05-01') AS d",
    "MATCH (n:Entity) WHERE n.id = 'no-such-node' RETURN n.id AS id",
]


@pytest.mark.parametrize("query", QUERIES)
def test_read_gives_what_the_client_gives(seed_store: FalkorStore, query: str) -> None:
    graph = seed_store._db.select_graph(seed_store.graph_name)
    expected = convert_result(graph.ro_query(query, {}), seed_store._seed_ids)
    got = read(graph, query, {}, 10_000, seed_store._seed_ids)
    assert got.columns == expected.columns
    assert got.rows == expected.rows
    assert [[type(v) for v in row] for row in got.rows] == [
        [type(v) for v in row] for row in expected.rows
    ]


def test_parameters_are_sent(seed_store: FalkorStore) -> None:
    graph = seed_store._db.select_graph(seed_store.graph_name)
    params: dict[str, Any] = {"x": [1, 'a"b', None], "y": {"k": 2.5}}
    got = read(graph, "RETURN $x AS x, $y.k AS k", params, 10_000, seed_store._seed_ids)
    assert got.rows == [[[1, 'a"b', None], 2.5]]


def test_collection_is_back_on_after_a_read_and_an_error(seed_store: FalkorStore) -> None:
    assert gc.isenabled()
    seed_store.run("RETURN 1 AS x")
    assert gc.isenabled()
    with pytest.raises(QueryError):
        seed_store.run("RETURN nosuchfunction(1) AS x")
    assert gc.isenabled()
