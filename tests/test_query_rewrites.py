"""Queries rewritten for speed (one pass instead of a scan per source, no repeated
expansions) give the very rows their earlier Cypher gave, in the same order. The earlier
text is kept in tests/fixtures/before_rewrite/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from gkg.catalogue import Catalogue
from gkg.runner import as_keys, run_query
from gkg.stores.base import GraphStore

BEFORE = Path(__file__).parent / "fixtures" / "before_rewrite"
CATALOGUE = Catalogue.load()


def same_answer(store: GraphStore, name: str, params: dict[str, Any]) -> None:
    now = run_query(store, CATALOGUE, name, params)
    bound = CATALOGUE.bind(name, params)
    before = store.run(
        (BEFORE / f"{name}.cypher").read_text(encoding="utf-8"), as_keys(CATALOGUE.get(name), bound)
    )
    assert now.columns == before.columns
    assert now.rows == before.rows, f"{name} with {params}"


@pytest.mark.parametrize(
    "params", [{}, {"from": 2020, "to": 2025}, {"from": 2026}, {"to": 2019}, {"from": 2031}]
)
def test_timeline(seed_store: GraphStore, small_store: GraphStore, params: dict[str, Any]) -> None:
    same_answer(seed_store, "timeline", params)
    same_answer(small_store, "timeline", params)


def test_sources(seed_store: GraphStore, small_store: GraphStore) -> None:
    same_answer(seed_store, "sources", {})
    same_answer(small_store, "sources", {})


def test_source_facts_of_every_source(seed_store: GraphStore) -> None:
    ids = [row[0] for row in seed_store.run("MATCH (s:SourceDocument) RETURN s.id").rows]
    assert ids
    for source in ids:
        same_answer(seed_store, "source-facts", {"source": source})
