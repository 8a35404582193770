"""The graph as known on a date, on Neo4j: a write transaction that is always rolled back.

Neo4j Community has one user database, so the view is built inside a transaction of the
real one (:mod:`gkg.stores.asof` gives the steps) and every query of the view runs in that
same transaction, which :func:`as_of_view` rolls back at the end: nothing is committed and
other sessions never see the changes. A user who may only read gets a clear message.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from gkg.errors import QueryError, StoreError
from gkg.model import Result, StoreInfo
from gkg.schema import ENTITY_LABEL
from gkg.stores.asof import build_view, cut_of
from gkg.stores.base import GraphStore, Progress
from gkg.stores.ingest import LoadScope, Statement
from gkg.stores.limits import check_params, check_text
from gkg.stores.neo4j.results import convert_result, read_in

if TYPE_CHECKING:
    from gkg.stores.neo4j.store import Neo4jStore

READ_ONLY_USER = (
    "--as-of on Neo4j needs a user that may write: gkg builds the past view inside a "
    "transaction it always rolls back (it never commits); this user may only read"
)
READ_ONLY_QUERY = "this query would write to the graph; gkg runs queries read-only"


@contextlib.contextmanager
def as_of_view(store: Neo4jStore, date: str) -> Iterator[GraphStore]:
    """The graph of ``store`` as known on ``date`` (ISO), in a transaction rolled back at
    the end of the ``with`` block."""
    if not store.run(f"MATCH (n:{ENTITY_LABEL}) RETURN n.id LIMIT 1").rows:
        raise StoreError("the graph is not loaded yet; run `gkg load` first")
    cut = cut_of(store.run, date)
    session = store._session(write=True)
    try:
        with _translated(store):
            tx = session.begin_transaction()
    except BaseException:
        session.close()
        raise
    try:
        view = Neo4jView(store, tx)
        with _translated(store, building=True):
            build_view(view.run, view.write, cut)
        yield view
    finally:
        errors = store._neo4j.exceptions
        with contextlib.suppress(errors.Neo4jError, errors.DriverError):
            tx.rollback()
        with contextlib.suppress(errors.Neo4jError, errors.DriverError):
            session.close()


@contextlib.contextmanager
def _translated(store: Neo4jStore, building: bool = False) -> Iterator[None]:
    """The driver's errors as gkg's, without tracebacks or secrets."""
    errors = store._neo4j.exceptions
    try:
        yield
    except errors.AuthError as exc:
        raise StoreError(store._connection_message(exc)) from None
    except errors.ClientError as exc:
        code = exc.code or ""
        if "Forbidden" in code or "AccessMode" in code or "Security" in code:
            raise (
                StoreError(READ_ONLY_USER) if building else QueryError(READ_ONLY_QUERY)
            ) from None
        raise QueryError(store._plain(exc.message or str(exc))) from None
    except errors.Neo4jError as exc:
        raise QueryError(store._plain(exc.message or str(exc))) from None
    except errors.DriverError as exc:
        raise StoreError(store._connection_message(exc)) from None
    except TypeError as exc:  # a parameter value the driver cannot send
        raise QueryError(f"a parameter cannot be sent to Neo4j: {exc}") from None


class Neo4jView(GraphStore):
    """Queries answered inside the open, never-committed transaction of an as-of view."""

    kind = "neo4j"

    def __init__(self, store: Neo4jStore, tx: Any):
        self._store = store
        self._tx = tx
        self.settings = store.settings

    def write(self, query: str, params: Mapping[str, Any]) -> None:
        """One step of building the view (never committed)."""
        self._tx.run(query, dict(params)).consume()

    def run(self, query: str, params: Mapping[str, Any] | None = None) -> Result:
        check_text("the query", query)
        check_params(params)
        with _translated(self._store):
            kind = self._tx.run("EXPLAIN " + query, dict(params or {})).consume().query_type
            if kind != "r":  # a write would only be rolled back, but is refused like elsewhere
                raise QueryError(READ_ONLY_QUERY)
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
