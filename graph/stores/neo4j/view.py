"""The graph as known on a date, on Neo4j: a write transaction that is always rolled back.

Neo4j Community has one user database, so the view is built inside a transaction of the
real one (:mod:`gkg.stores.asof` gives the steps) and every query of the view runs in that
same transaction; :meth:`Neo4jStore.as_of` rolls it back at the end. Other sessions never
see the uncommitted changes. A user who may only read gets a clear message instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from gkg.errors import QueryError, StoreError
from gkg.model import Result, StoreInfo
from gkg.stores.asof import build_view
from gkg.stores.base import GraphStore, Progress
from gkg.stores.ingest import LoadScope, Statement
from gkg.stores.neo4j.results import convert_result, read_in

if TYPE_CHECKING:
    from collections.abc import Sequence

    from gkg.stores.neo4j.store import Neo4jStore

READ_ONLY_USER = (
    "--as-of on Neo4j needs a user that may write: gkg builds the past view inside a "
    "transaction it always rolls back (it never commits); this user may only read"
)


class Neo4jView(GraphStore):
    """Queries answered inside the open, never-committed transaction of an as-of view."""

    kind = "neo4j"

    def __init__(self, store: Neo4jStore, tx: Any):
        self._store = store
        self._tx = tx
        self.settings = store.settings

    def build(self, cut: str) -> None:
        """Apply the as-of steps inside the transaction."""
        errors = self._store._neo4j.exceptions

        def write(query: str, params: Mapping[str, Any]) -> None:
            try:
                self._tx.run(query, dict(params)).consume()
            except errors.ClientError as exc:
                code = exc.code or ""
                if "Forbidden" in code or "AccessMode" in code or "Security" in code:
                    raise StoreError(READ_ONLY_USER) from None
                raise

        build_view(self.run, write, cut)

    def run(self, query: str, params: Mapping[str, Any] | None = None) -> Result:
        with self._store.translated():
            kind = self._tx.run("EXPLAIN " + query, dict(params or {})).consume().query_type
            if kind != "r":
                raise QueryError("this query would write to the graph; gkg runs queries read-only")
            columns, rows, seed_ids = read_in(self._tx, query, params)
        return convert_result(columns, rows, seed_ids)

    def apply_load(
        self, statements: Sequence[Statement], scope: LoadScope, progress: Progress | None = None
    ) -> None:
        raise StoreError("a view of the graph as of a date cannot be loaded into")

    def info(self) -> StoreInfo:
        return self._store.info()

    def is_loaded(self) -> bool:
        return True
