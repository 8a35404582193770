"""Every named query gives the same answer on Neo4j as on the embedded store, over the same
loaded seed: with its default parameters and with every parameter set the answer checks of
tests/helpers/answers_*.py use (recorded by running those checks).

"The same answer" means: the same columns; the same rows, in the same order when the query
orders its rows (``ORDER BY`` in its text; otherwise as a multiset); numbers of the same
type and value (an integer is not a float, even when equal: both adapters hand back Python
``int`` for Cypher integers and ``float`` for floats, and a query whose engines disagree on
that is fixed); nodes and relationships compared by seed id, labels, type, ends and
properties; paths node by node. A difference fails the test; it is fixed in the query or the
adapter, never by leaving a query out.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest

from gkg.loaders.load import load_files
from gkg.model import Node, Path, Relationship, Result
from gkg.present.export import to_json
from gkg.runner import run_query
from gkg.stores.base import GraphStore, whole_graph
from gkg.stores.factory import open_settings
from tests.conftest import wipe_neo4j
from tests.helpers import (  # noqa: F401  (they register their checks)
    answers_economy,
    answers_society,
    answers_time,
    query_checks,
)
from tests.helpers.common import SEED
from tests.helpers.neo4j_local import Neo4jServer
from tests.helpers.query_checks import CATALOGUE, CHECKS

ORDERED = re.compile(r"\bORDER\s+BY\b", re.IGNORECASE)


@pytest.fixture(scope="module")
def neo4j_seed(neo4j_server: Neo4jServer) -> Iterator[GraphStore]:
    """The session's Neo4j holding the shipped seed."""
    wipe_neo4j(neo4j_server)
    store = open_settings(neo4j_server.settings)
    load_files(store, [SEED])
    yield store
    store.close()
    wipe_neo4j(neo4j_server)


@pytest.fixture(scope="module")
def variants(seed_store: GraphStore) -> dict[str, list[dict[str, Any]]]:
    """For each query, its default parameters and every parameter set its check uses."""
    found: dict[str, list[dict[str, Any]]] = {name: [{}] for name in CATALOGUE.names()}
    real = query_checks.run_query

    def recording(store: GraphStore, catalogue: Any, name: str, params: Any = None) -> Result:
        if params and dict(params) not in found[name]:
            found[name].append(dict(params))
        return real(store, catalogue, name, params)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(query_checks, "run_query", recording)
        for check in CHECKS.values():
            check(seed_store)
    return found


def canonical(value: Any) -> Any:
    """A value as compared across engines (see the module's docstring)."""
    if isinstance(value, Node):
        return ("node", value.id, tuple(sorted(value.labels)), canonical(value.properties))
    if isinstance(value, Relationship):
        props = canonical(value.properties)
        return ("relationship", value.id, value.type, value.start, value.end, props)
    if isinstance(value, Path):
        return (
            "path",
            [canonical(n) for n in value.nodes],
            [canonical(r) for r in value.relationships],
        )
    if isinstance(value, (list, tuple)):
        return [canonical(v) for v in value]
    if isinstance(value, dict):
        return {str(k): canonical(v) for k, v in sorted(value.items())}
    return (type(value).__name__, value)


def answer(store: GraphStore, name: str, params: dict[str, Any]) -> tuple[list[str], Any]:
    result = run_query(store, CATALOGUE, name, params)
    rows = [canonical(row) for row in result.rows]
    if not ORDERED.search(CATALOGUE.get(name).text):
        rows.sort(key=lambda row: json.dumps(row, sort_keys=True, default=str))
    return list(result.columns), rows


def test_every_check_was_recorded(variants: dict[str, list[dict[str, Any]]]) -> None:
    assert set(variants) == set(CATALOGUE.names()) == set(CHECKS)
    assert sum(len(v) for v in variants.values()) > len(variants)  # checks pass parameters


@pytest.mark.parametrize("name", CATALOGUE.names())
def test_the_engines_give_the_same_answer(
    name: str,
    seed_store: GraphStore,
    neo4j_seed: GraphStore,
    variants: dict[str, list[dict[str, Any]]],
) -> None:
    for params in variants[name]:
        embedded = answer(seed_store, name, params)
        assert embedded[1], f"{name} {params}: no rows on the embedded store"
        assert answer(neo4j_seed, name, params) == embedded, f"{name} with {params}"


def test_the_stored_graphs_export_the_same(seed_store: GraphStore, neo4j_seed: GraphStore) -> None:
    def export(store: GraphStore) -> Any:
        document = json.loads(to_json(*whole_graph(store)))
        for node in document["nodes"]:
            node["labels"] = sorted(node["labels"])  # Neo4j keeps labels as a set
        return document

    assert export(neo4j_seed) == export(seed_store)
