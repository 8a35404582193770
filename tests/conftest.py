"""Shared fixtures: real embedded FalkorDB servers in temporary folders, never mocks.

``make_store(name)`` gives a store with its own data folder (and so its own server);
``seed_store`` is one loaded with the shipped seed, ``small_store`` one loaded with
``tests/fixtures/small.yaml``. Every server started here is stopped at the end.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from gkg.loaders.load import load_files
from gkg.stores.base import GraphStore
from gkg.stores.falkordb import server
from gkg.stores.falkordb.store import FalkorStore
from tests.helpers.common import GKG, ROOT, SEED, SMALL


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
