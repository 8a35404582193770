"""Neo4j 5 (server, Aura or cluster) through the official ``neo4j`` driver.

Reads run in read transactions (the server refuses writes in them). A load is one write
transaction: MERGE every batch, delete what an earlier load stamped and this one did not,
commit; an error rolls the whole load back. The password lives only in the driver's
auth token: it is never logged, printed or put into an error message.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from gkg.errors import QueryError, StoreError
from gkg.model import Result, StoreInfo
from gkg.schema import ENTITY_LABEL
from gkg.stores.asof import cut_of
from gkg.stores.base import GraphStore, Progress
from gkg.stores.ingest import (
    REGISTRY_DROP,
    REGISTRY_WRITE,
    LoadScope,
    Statement,
    delete_stale,
    drop_relabelled,
)
from gkg.stores.neo4j.results import convert_result, read_in
from gkg.stores.neo4j.schema_statements import schema_statements
from gkg.stores.neo4j.settings import Neo4jSettings


class Neo4jStore(GraphStore):
    """A Neo4j database reached with the official driver."""

    kind = "neo4j"
    settings: Neo4jSettings

    def __init__(self, settings: Neo4jSettings):
        self.settings = settings
        import neo4j

        self._neo4j = neo4j
        try:
            self._driver = neo4j.GraphDatabase.driver(
                settings.uri,
                auth=(settings.username, settings.password),
                connection_timeout=10,
                max_connection_lifetime=3600,
                # the server's notifications (unknown property, deprecations) are for query
                # authors; the driver would log each with the whole query text on stderr
                notifications_min_severity="OFF",
            )
        except (neo4j.exceptions.DriverError, neo4j.exceptions.Neo4jError, ValueError) as exc:
            raise StoreError(self._connection_message(exc)) from None
        try:
            self._driver.verify_connectivity()
        except (neo4j.exceptions.DriverError, neo4j.exceptions.Neo4jError, OSError) as exc:
            self._driver.close()
            raise StoreError(self._connection_message(exc)) from None
        except BaseException:  # Ctrl-C while connecting: close, then let it through
            self._driver.close()
            raise

    def _connection_message(self, exc: Exception) -> str:
        errors = self._neo4j.exceptions
        where = f"Neo4j at {self.settings.uri}"
        if isinstance(exc, errors.AuthError):
            return (
                f"{where} refused the user name or password (user {self.settings.username!r}); "
                "check NEO4J_USERNAME and NEO4J_PASSWORD"
            )
        detail = self._plain(str(exc))
        if isinstance(exc, errors.ConfigurationError | ValueError):
            return f"cannot use {where}: {detail}"
        return (
            f"cannot connect to {where}: {detail}. "
            "Is the server running and the URI right? (unset NEO4J_URI to use the embedded store)"
        )

    def _plain(self, text: str) -> str:
        """A driver message on one line, with the password (if it ever appeared) hidden."""
        return " ".join(_scrub(text, self.settings.password).split())

    def close(self) -> None:
        self._driver.close()

    def _session(self, write: bool = False) -> Any:
        mode = self._neo4j.WRITE_ACCESS if write else self._neo4j.READ_ACCESS
        return self._driver.session(database=self.settings.database, default_access_mode=mode)

    # --- reads --------------------------------------------------------------------------

    def run(self, query: str, params: Mapping[str, Any] | None = None) -> Result:
        with self.translated(), self._session() as session:
            columns, rows, seed_ids = session.execute_read(read_in, query, params)
        return convert_result(columns, rows, seed_ids)

    @contextlib.contextmanager
    def translated(self) -> Iterator[None]:
        """The driver's errors as gkg's: what went wrong, never a traceback or a secret."""
        errors = self._neo4j.exceptions
        try:
            yield
        except errors.AuthError as exc:
            raise StoreError(self._connection_message(exc)) from None
        except errors.ClientError as exc:
            code = exc.code or ""
            if "AccessMode" in code or "ForbiddenDueToTransactionType" in code:
                raise QueryError(
                    "this query would write to the graph; gkg runs queries read-only"
                ) from None
            raise QueryError(self._plain(exc.message or str(exc))) from None
        except errors.Neo4jError as exc:
            raise QueryError(self._plain(exc.message or str(exc))) from None
        except errors.DriverError as exc:  # unavailable, session expired, pool timeouts
            raise StoreError(self._connection_message(exc)) from None
        except TypeError as exc:  # a parameter value the driver cannot send
            raise QueryError(f"a parameter cannot be sent to Neo4j: {exc}") from None

    @contextlib.contextmanager
    def as_of(self, date: str) -> Iterator[GraphStore]:
        """The graph as known on ``date``, built inside a write transaction that is always
        rolled back: nothing is ever committed, and other sessions never see it."""
        from gkg.stores.neo4j.view import Neo4jView

        if not self.is_loaded():
            raise StoreError("the graph is not loaded yet; run `gkg load` first")
        cut = cut_of(self.run, date)
        with self._session(write=True) as session:
            with self.translated():
                tx = session.begin_transaction()
            try:
                view = Neo4jView(self, tx)
                with self.translated():
                    view.build(cut)
                yield view
            finally:
                with contextlib.suppress(
                    self._neo4j.exceptions.Neo4jError, self._neo4j.exceptions.DriverError
                ):
                    tx.rollback()

    def is_loaded(self) -> bool:
        rows = self.run(f"MATCH (n:{ENTITY_LABEL}) RETURN n.id LIMIT 1").rows
        return bool(rows)

    def info(self) -> StoreInfo:
        components = self.run(
            "CALL dbms.components() YIELD name, versions, edition "
            "RETURN name, versions[0] AS version, edition"
        ).records()
        version = ", ".join(f"{c['name']} {c['version']} {c['edition']}" for c in components)
        nodes = rels = None  # as for the embedded store: None means "not loaded yet"
        if self.is_loaded():
            nodes = self.run(f"MATCH (n:{ENTITY_LABEL}) RETURN count(n)").rows[0][0]
            rels = self.run(f"MATCH (:{ENTITY_LABEL})-[r]->(:{ENTITY_LABEL}) RETURN count(r)").rows[
                0
            ][0]
        return StoreInfo(
            kind=self.kind,
            version=version or "Neo4j",
            location=f"{self.settings.uri} (database {self.settings.database or 'default'})",
            node_count=nodes,
            relationship_count=rels,
            details={"user": self.settings.username},
        )

    # --- the atomic load ----------------------------------------------------------------

    def apply_load(
        self, statements: Sequence[Statement], scope: LoadScope, progress: Progress | None = None
    ) -> None:
        errors = self._neo4j.exceptions
        try:
            with self._session(write=True) as session:
                for setup in schema_statements():
                    session.run(setup).consume()
                total = sum(len(s.rows) for s in statements)
                with session.begin_transaction() as tx:
                    done = 0
                    for statement in statements:
                        for batch in statement.batches():
                            if statement.label:
                                relabel = drop_relabelled(statement.label)
                                tx.run(relabel, {"rows": list(batch)}).consume()
                            tx.run(statement.query, {"rows": list(batch)}).consume()
                            done += len(batch)
                            if progress:
                                progress(done, total)
                    for stale in delete_stale(scope):
                        tx.run(stale, scope.params()).consume()
                    tx.run(REGISTRY_DROP, scope.params()).consume()
                    if scope.registry:
                        tx.run(REGISTRY_WRITE, {"rows": list(scope.registry)}).consume()
                    tx.commit()
        except errors.AuthError as exc:
            raise StoreError(self._connection_message(exc)) from None
        except errors.Neo4jError as exc:
            message = self._plain(exc.message or str(exc))
            raise StoreError(f"Neo4j refused the load and rolled it back: {message}") from None
        except errors.DriverError as exc:
            raise StoreError(self._connection_message(exc)) from None


def _scrub(text: str, secret: str) -> str:
    return text.replace(secret, "<hidden>") if secret else text
