"""Every named query, run on the real embedded store over the shipped seed, answers right.

Each query has one check asserting concrete rows (``@answers("name")`` in
``tests/helpers/answers_*.py``); a query without a check fails
:func:`test_every_query_has_an_answer_check`. Counts that depend on the whole seed are
computed from the store's graph rather than written down.
"""

from __future__ import annotations

import pytest

from gkg.errors import QueryError
from gkg.stores.base import GraphStore
from tests.helpers import answers_economy, answers_society, answers_time  # noqa: F401  (they register)
from tests.helpers.query_checks import CATALOGUE, CHECKS, rows, run

# --- the tests ----------------------------------------------------------------------------


def test_every_query_has_an_answer_check() -> None:
    assert set(CHECKS) == set(CATALOGUE.names())


@pytest.mark.parametrize("name", CATALOGUE.names())
def test_query_answers_on_the_seed(seed_store: GraphStore, name: str) -> None:
    result = run(seed_store, name)  # default parameters
    assert result.rows, f"{name} returned no rows with its defaults"
    CHECKS[name](seed_store)


def test_queries_work_on_the_small_fixture_too(small_store: GraphStore) -> None:
    (center,) = rows(small_store, "data-center")
    assert (center["hardware"], center["builtBy"]) == (["NVIDIA H100"], ["NHN Cloud"])
    (flow,) = rows(small_store, "funding")
    assert (flow["flowKrw"], flow["paysFor"]) == (15_300_000_000, "National AI Data Center")
    counts = {(r["element"], r["kind"]): r["count"] for r in rows(small_store, "overview")}
    assert counts[("node", "Company")] == 2 and counts[("relationship", "BUILT")] == 1


def test_an_entity_parameter_that_names_nothing_is_a_clear_error(seed_store: GraphStore) -> None:
    with pytest.raises(QueryError, match=r"no entity with id, name or alias 'asicalnd'.*ASICLAND"):
        run(seed_store, "partners", org="asicalnd")
