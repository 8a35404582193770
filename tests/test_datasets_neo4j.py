"""The datasets scenario of tests/helpers/datasets.py on Neo4j (NEO4J_URI and friends)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from gkg.schema import DATASET_LABEL, ENTITY_LABEL
from gkg.stores.base import GraphStore
from gkg.stores.factory import open_store
from gkg.stores.neo4j.settings import neo4j_settings_from_env
from tests.helpers.datasets import exercise_datasets

pytestmark = pytest.mark.skipif(
    not os.environ.get("NEO4J_URI"),
    reason="NEO4J_URI is not set: the Neo4j side of datasets needs a Neo4j 5 server",
)


def _wipe() -> None:
    import neo4j

    settings = neo4j_settings_from_env()
    assert settings is not None
    with neo4j.GraphDatabase.driver(
        settings.uri, auth=(settings.username, settings.password)
    ) as driver:
        for label in (ENTITY_LABEL, DATASET_LABEL):
            driver.execute_query(f"MATCH (n:{label}) DETACH DELETE n", database_=settings.database)


@pytest.fixture
def neo4j_store() -> Iterator[GraphStore]:
    _wipe()
    store = open_store()
    assert store.kind == "neo4j"
    try:
        yield store
    finally:
        store.close()
        _wipe()


def test_datasets_live_side_by_side_on_neo4j(neo4j_store: GraphStore, tmp_path: Path) -> None:
    exercise_datasets(neo4j_store, tmp_path)
