"""Every named query gives the same answer on Neo4j as on the embedded store, on the seed.

Needs a Neo4j 5 server (``python3 tools/neo4j/neo4jctl.py start``, then
``set -a; . .neo4j/env; set +a``); without NEO4J_URI the module is skipped with that reason.
WARNING: like tests/test_neo4j.py, it DELETES every gkg node of the database it uses.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import Any

import pytest

from gkg.catalogue import Catalogue, builtin_dir
from gkg.loaders.load import load_files
from gkg.present.tables import render
from gkg.runner import run_query
from gkg.stores.base import GraphStore
from gkg.stores.factory import open_store
from tests.helpers.common import SEED

pytestmark = pytest.mark.skipif(
    not os.environ.get("NEO4J_URI"),
    reason="NEO4J_URI is not set: comparing the engines needs a Neo4j 5 server",
)
CATALOGUE = Catalogue.from_dirs([builtin_dir()])


@pytest.fixture(scope="module")
def neo4j_seed() -> Iterator[GraphStore]:
    store = open_store()
    assert store.kind == "neo4j"
    load_files(store, [SEED])
    yield store
    store.close()


@pytest.mark.parametrize("name", CATALOGUE.names())
def test_the_engines_agree(name: str, neo4j_seed: GraphStore, seed_store: GraphStore) -> None:
    embedded, neo4j = (
        json.loads(render(run_query(s, CATALOGUE, name), "json")) for s in (seed_store, neo4j_seed)
    )
    assert _labels_sorted(embedded) == _labels_sorted(neo4j)


def _labels_sorted(value: Any) -> Any:
    """The answer with each node's labels in one order: the order of a node's labels is
    each adapter's concern (and checked by their own tests); the answers are compared here."""
    if isinstance(value, list):
        return [_labels_sorted(v) for v in value]
    if isinstance(value, dict):
        return {
            k: sorted(v) if k == "labels" and isinstance(v, list) else _labels_sorted(v)
            for k, v in value.items()
        }
    return value
