"""Load texts written ahead in a thread: the same texts, in order, errors in their place."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from gkg.stores.falkordb.batches import Write, load_writes, texts_ahead
from gkg.stores.falkordb.params import params_header
from gkg.stores.ingest import Statement, merge_nodes


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
