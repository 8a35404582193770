"""The answer checks of the named queries: one function per query, registered with
``@answers("name")`` (in :mod:`.answers_economy`, :mod:`.answers_society` and
:mod:`.answers_time`), and the
helpers they share. ``tests/test_queries.py`` runs them on the shipped seed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from gkg.catalogue import Catalogue, builtin_dir
from gkg.model import Result
from gkg.runner import run_query
from gkg.stores.base import GraphStore

CATALOGUE = Catalogue.from_dirs([builtin_dir()])
CHECKS: dict[str, Callable[[GraphStore], None]] = {}


def answers(name: str) -> Callable[[Callable[[GraphStore], None]], Callable[[GraphStore], None]]:
    """Register the check of query ``name``."""

    def register(check: Callable[[GraphStore], None]) -> Callable[[GraphStore], None]:
        CHECKS[name] = check
        return check

    return register


def run(store: GraphStore, name: str, **params: Any) -> Result:
    return run_query(store, CATALOGUE, name, params)


def rows(store: GraphStore, name: str, **params: Any) -> list[dict[str, Any]]:
    return run(store, name, **params).records()


def by(records: list[dict[str, Any]], key: str) -> dict[Any, dict[str, Any]]:
    return {r[key]: r for r in records}


CITY = "Gwangju Metropolitan City Government"


def chains(store: GraphStore, name: str, **params: Any) -> set[tuple[str, str, str]]:
    """(start id, type, end id) of every relationship in a graph-shaped answer."""
    result = run(store, name, **params)
    assert CATALOGUE.get(name).result == "graph"
    return {(r.start, r.type, r.end) for r in result.relationships()}
