"""Shared fixtures: real embedded FalkorDB servers in temporary folders, never mocks.

``make_store(name)`` gives a store with its own data folder (and so its own server);
``seed_store`` is one loaded with the shipped seed, ``small_store`` one loaded with
``tests/fixtures/small.yaml``. Every server started here is stopped at the end. The Neo4j
fixtures at the end serve tests/test_neo4j*.py, which skip without NEO4J_URI.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from gkg.loaders.load import load_files
from gkg.stores.base import GraphStore
from gkg.stores.factory import open_store
from gkg.stores.falkordb import server
from gkg.stores.falkordb.store import FalkorStore
from gkg.stores.neo4j.settings import Neo4jSettings, neo4j_settings_from_env
from tests.helpers.common import FOREIGN_LABEL, GKG, ROOT, SEED, SMALL


@pytest.fixture(scope="session")
def store_homes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[Path]]:
    homes: list[Path] = []
    yield homes
    for home in homes:
        server.stop(home)


@pytest.fixture(scope="session")
def make_store(
    tmp_path_factory: pytest.TempPathFactory, store_homes: list[Path]
) -> Callable[[str], FalkorStore]:
    """A fresh embedded store (own folder, own server) named for the test that wants it."""

    def make(name: str) -> FalkorStore:
        home = tmp_path_factory.mktemp(name) / "gkg-home"
        store_homes.append(home)
        return FalkorStore(home)

    return make


@pytest.fixture(scope="session")
def seed_store(make_store: Callable[[str], FalkorStore]) -> GraphStore:
    """A store loaded with the shipped data/seed.yaml. Read-only for tests."""
    store = make_store("seed")
    load_files(store, [SEED])
    return store


@pytest.fixture(scope="session")
def small_store(make_store: Callable[[str], FalkorStore]) -> GraphStore:
    """A store loaded with tests/fixtures/small.yaml. Read-only for tests."""
    store = make_store("small")
    load_files(store, [SMALL])
    return store


@pytest.fixture
def gkg(tmp_path: Path, store_homes: list[Path]) -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run the real ``gkg`` command with a private GKG_HOME, as a user would."""
    home = tmp_path / "gkg-home"
    store_homes.append(home)

    def run(
        *args: str, env: dict[str, str] | None = None, check: bool = False, timeout: float = 120
    ) -> subprocess.CompletedProcess[str]:
        full_env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
        full_env["GKG_HOME"] = str(home)
        full_env.update(env or {})
        done = subprocess.run(
            [GKG, *args], capture_output=True, text=True, cwd=ROOT, env=full_env, timeout=timeout
        )
        if check and done.returncode != 0:
            raise AssertionError(f"gkg {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
        return done

    run.home = home  # type: ignore[attr-defined]
    return run


# --- Neo4j (tests/test_neo4j*.py, which skip without NEO4J_URI) --------------------------


@pytest.fixture(scope="module")
def settings() -> Neo4jSettings:
    found = neo4j_settings_from_env()
    assert found is not None
    return found


@pytest.fixture(scope="module")
def admin(settings: Neo4jSettings) -> Iterator[Callable[..., list[dict[str, Any]]]]:
    """Write access to the test database with the driver itself (gkg's store is read-only),
    to wipe gkg data and to plant nodes gkg did not write."""
    import neo4j

    driver = neo4j.GraphDatabase.driver(
        settings.uri, auth=(settings.username, settings.password), connection_timeout=10
    )

    def write(query: str, **params: Any) -> list[dict[str, Any]]:
        records, _, _ = driver.execute_query(query, parameters_=params, database_=settings.database)
        return [record.data() for record in records]

    try:
        write("MATCH (n:Entity) DETACH DELETE n")
        write("MATCH (n:GkgDataset) DETACH DELETE n")
        write(f"MATCH (n:{FOREIGN_LABEL}) DETACH DELETE n")
        yield write
        write("MATCH (n:Entity) DETACH DELETE n")
        write(f"MATCH (n:{FOREIGN_LABEL}) DETACH DELETE n")
    finally:
        driver.close()


@pytest.fixture(scope="module")
def store(admin: Callable[..., list[dict[str, Any]]]) -> Iterator[GraphStore]:
    """The store gkg opens when NEO4J_URI is set."""
    opened = open_store()
    assert opened.kind == "neo4j"
    yield opened
    opened.close()


@pytest.fixture
def empty(store: GraphStore, admin: Callable[..., list[dict[str, Any]]]) -> GraphStore:
    """The store with no gkg data in it."""
    admin("MATCH (n:Entity) DETACH DELETE n")
    admin("MATCH (n:GkgDataset) DETACH DELETE n")
    return store


@pytest.fixture
def small(empty: GraphStore) -> GraphStore:
    """The store holding exactly tests/fixtures/small.yaml, freshly loaded."""
    load_files(empty, [SMALL])
    return empty
