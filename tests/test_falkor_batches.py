"""The embedded store's load writes: texts written ahead in a thread (the same texts, in
order, errors in their place), and the CREATE form for a new graph, which stores exactly
what MERGE would."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from gkg.loaders import plan
from gkg.loaders.load import load_files
from gkg.stores.falkordb.batches import Write, load_writes, texts_ahead
from gkg.stores.falkordb.params import params_header
from gkg.stores.falkordb.store import FalkorStore
from gkg.stores.ingest import (
    Statement,
    create_nodes,
    drop_relabelled,
    merge_claims,
    merge_nodes,
    merge_relationships,
)
from tests.helpers.common import SEED, SMALL


def test_texts_are_those_written_one_by_one_in_order() -> None:
    rows = [{"id": f"c{i}", "props": {"name": f'n "{i}"'}} for i in range(25)]
    statements = [Statement(merge_nodes("Company"), rows, "Company nodes", label="Company")]
    writes = list(load_writes(statements, copied=True))
    expected = [(params_header(p) + q, n) for q, p, n in writes]
    assert list(texts_ahead(iter(writes), ahead=1)) == expected
    assert sum(n for _, n in expected) == len(rows)


def test_an_error_making_a_text_comes_where_that_text_would() -> None:
    def writes() -> Iterator[Write]:
        yield "RETURN 1", {"rows": [1]}, 1
        yield "RETURN 2", {"rows": [object()]}, 1
        yield "RETURN 3", {"rows": [3]}, 1

    texts = texts_ahead(writes())
    assert next(texts)[0].endswith("RETURN 1")
    with pytest.raises(TypeError):
        next(texts)


def test_closing_early_stops_the_worker() -> None:
    writes = (("RETURN 1", {"rows": [i]}, 1) for i in range(1000))
    texts = texts_ahead(writes, ahead=1)
    next(texts)
    texts.close()  # returns: the worker stopped instead of waiting to hand over the rest


def test_a_new_graph_uses_the_create_form_and_a_copied_one_merges() -> None:
    rows = [{"id": f"c{i}", "props": {"id": f"c{i}"}} for i in range(3)]
    statement = Statement(
        merge_nodes("Company"), rows, "Company nodes", label="Company",
        fresh_query=create_nodes("Company"),
    )  # fmt: skip
    assert [q for q, _, _ in load_writes([statement], copied=False)] == [create_nodes("Company")]
    assert [q for q, _, _ in load_writes([statement], copied=True)] == [
        drop_relabelled("Company"),
        merge_nodes("Company"),
    ]


def _everything(store: FalkorStore) -> list[str]:
    """Every node and relationship with its labels or type and properties, as sorted JSON
    (the registry's load times left out: two loads never share them)."""
    nodes = store.run("MATCH (n) RETURN labels(n), properties(n)").rows
    rels = store.run("MATCH (a)-[r]->(b) RETURN type(r), a.id, b.id, properties(r)").rows
    for row in nodes:
        row[-1].pop("loadedAt", None)
    return sorted(json.dumps(row, sort_keys=True, default=str) for row in nodes + rels)


@pytest.mark.parametrize("seed", [SMALL, SEED], ids=["small", "seed"])
def test_the_create_form_stores_what_merging_stores(
    make_store: Callable[[str], FalkorStore], monkeypatch: pytest.MonkeyPatch, seed: Path
) -> None:
    created = make_store("created")
    load_files(created, [seed])
    with monkeypatch.context() as patched:  # every write of a new graph as MERGE instead
        patched.setattr(plan, "create_nodes", merge_nodes)
        patched.setattr(plan, "create_relationships", merge_relationships)
        patched.setattr(plan, "create_claims", merge_claims)
        merged = make_store("merged")
        load_files(merged, [seed])
    assert _everything(created) == _everything(merged)
    assert len(_everything(created)) >= 10
