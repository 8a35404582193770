"""Shared fixtures: real embedded FalkorDB servers in temporary folders, never mocks.

``make_store(name)`` gives a store with its own data folder (and so its own server);
``seed_store`` is one loaded with the shipped seed, ``small_store`` one loaded with
``tests/fixtures/small.yaml``. Every server started here is stopped at the end.

Neo4j: ``engine`` gives a fresh empty store of each engine (``embedded``, ``neo4j``), for
the one contract both must keep; ``neo4j_server`` is the session's Neo4j (the local one of
tools/neo4j, started once, or NEO4J_URI's). A module with ``pytestmark = pytest.mark.neo4j``
runs with NEO4J_* set to that server, so ``open_store()`` and ``gkg`` pick it; every other
module keeps the embedded store. The Neo4j tests DELETE every gkg node (``Entity``) of the
database they use: point NEO4J_URI only at a database whose gkg data you can lose.
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
from gkg.stores.factory import open_settings
from gkg.stores.falkordb import server
from gkg.stores.falkordb.store import FalkorStore
from tests.helpers.common import FOREIGN_LABEL, GKG, ROOT, SEED, SMALL, stop_residents
from tests.helpers.neo4j_local import TIMINGS, Neo4jServer, open_server


@pytest.fixture(scope="session", autouse=True)
def resident_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The session's own folder for resident gkg processes (``gkg.resident``): the
    commands the tests run use it like a user's, and every resident started there is
    stopped at the end."""
    folder = tmp_path_factory.mktemp("resident")
    folder.chmod(0o700)
    previous = os.environ.get("GKG_RESIDENT_DIR")
    os.environ["GKG_RESIDENT_DIR"] = str(folder)
    yield folder
    stop_residents(folder)
    if previous is None:
        os.environ.pop("GKG_RESIDENT_DIR", None)
    else:
        os.environ["GKG_RESIDENT_DIR"] = previous


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


# --- Neo4j: one server per session (tests/helpers/neo4j_local.py) ------------------------


@pytest.fixture(scope="session")
def neo4j_server(request: pytest.FixtureRequest) -> Neo4jServer:
    """The session's Neo4j: NEO4J_URI's server, else the local Neo4j 5.26 of tools/neo4j,
    started on first use and stopped (no JVM left) at the end. Skips without java/mvn,
    fails so under CI."""
    return open_server(request.addfinalizer)


@pytest.fixture(autouse=True, scope="module")
def _neo4j_module_env(request: pytest.FixtureRequest) -> Iterator[None]:
    """In a module marked ``pytest.mark.neo4j``, NEO4J_* name the session's Neo4j (so gkg's
    own settings pick it); no other module sees them."""
    marked = request.node.get_closest_marker("neo4j") is not None
    if not marked:
        yield
        return
    server: Neo4jServer = request.getfixturevalue("neo4j_server")
    saved = {k: v for k, v in os.environ.items() if k.startswith("NEO4J_")}
    for key in saved:
        del os.environ[key]
    os.environ.update(server.env())
    try:
        yield
    finally:
        for key in [k for k in os.environ if k.startswith("NEO4J_")]:
            del os.environ[key]
        os.environ.update(saved)


def wipe_neo4j(server: Neo4jServer) -> None:
    """Remove every node gkg wrote, and the tests' own foreign nodes."""
    server.admin("MATCH (n:Entity) DETACH DELETE n")
    server.admin("MATCH (n:GkgDataset) DETACH DELETE n")
    server.admin(f"MATCH (n:{FOREIGN_LABEL}) DETACH DELETE n")


@pytest.fixture(params=["embedded", "neo4j"])
def engine(
    request: pytest.FixtureRequest, tmp_path: Path, store_homes: list[Path]
) -> Iterator[GraphStore]:
    """A fresh, empty store of each engine: its own embedded server, or the session's
    Neo4j with every gkg node removed."""
    if request.param == "embedded":
        home = tmp_path / "engine-home"
        store_homes.append(home)
        store: GraphStore = FalkorStore(home)
        yield store
        store.close()
        server.stop(home)
        return
    neo = request.getfixturevalue("neo4j_server")
    wipe_neo4j(neo)
    store = open_settings(neo.settings)
    yield store
    store.close()
    wipe_neo4j(neo)


@pytest.fixture
def engine_env(request: pytest.FixtureRequest, engine: GraphStore) -> dict[str, str]:
    """The environment a ``gkg`` run (the ``gkg`` fixture) needs to use ``engine``."""
    if isinstance(engine, FalkorStore):
        return {"GKG_HOME": str(engine.home)}
    return request.getfixturevalue("neo4j_server").env()


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Say what the Neo4j of the session cost (start, jars) when one was used."""
    if TIMINGS:
        parts = ", ".join(f"{k}: {v}" for k, v in TIMINGS.items())
        terminalreporter.write_line(f"Neo4j for the tests: {parts}")
