"""The Neo4j 5 spellings the FalkorDB adapter rewrites before sending a read."""

from __future__ import annotations

from gkg.stores.base import GraphStore
from gkg.stores.falkordb.dialect import falkordb_cypher


def test_an_empty_scope_clause_is_dropped() -> None:
    query = "CALL () {\n  MATCH (n) RETURN n.id AS id\n}\nRETURN id"
    assert falkordb_cypher(query) == "CALL {\n  MATCH (n) RETURN n.id AS id\n}\nRETURN id"
    assert falkordb_cypher("call( ){ RETURN 1 AS x } RETURN x") == "CALL { RETURN 1 AS x } RETURN x"


def test_text_names_and_comments_are_left_alone() -> None:
    kept = [
        "RETURN 'CALL () {' AS text",
        'RETURN "it said \\"CALL () {\\"" AS text',
        "RETURN 1 AS `CALL () {`",
        "// CALL () {\nRETURN 1",
        "/* CALL () { */ RETURN 1",
        "CALL db.labels() YIELD label RETURN label",
        "CALL (n) { RETURN n }",
    ]
    for query in kept:
        assert falkordb_cypher(query) == query


def test_a_subquery_runs_on_the_embedded_store(seed_store: GraphStore) -> None:
    rows = seed_store.run(
        "CALL () { RETURN 1 AS x UNION ALL RETURN 2 AS x } RETURN x, 'CALL () {' AS t ORDER BY x"
    ).rows
    assert rows == [[1, "CALL () {"], [2, "CALL () {"]]
