"""Neo4j 5 (server, Aura or cluster) through the official ``neo4j`` driver.

Reads run in read transactions (the server refuses writes in them). A load is one write
transaction: MERGE every batch, delete what an earlier load stamped and this one did not,
commit; an error rolls the whole load back. Readers see the old graph or the new one, never
part of a commit being applied (:mod:`gkg.stores.neo4j.guard`). The password lives only in
the driver's auth token: it is never logged, printed or put into an error message, and
credentials written into the URI are hidden wherever the URI is shown. Every read runs under the
driver's transaction timeout; answers are cut at the row cap; ``LOAD CSV`` is refused
from the query plan before a query runs.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping, Sequence
from typing import Any

from gkg.errors import QueryError, StoreError
from gkg.interrupts import NEW_GRAPH_SAVED, stored_now
from gkg.model import Result, StoreInfo
from gkg.schema import ENTITY_LABEL
from gkg.stores.base import GraphStore, Progress
from gkg.stores.ingest import (
    REGISTRY_DROP,
    REGISTRY_WRITE,
    LoadScope,
    Statement,
    delete_stale,
    drop_relabelled,
)
from gkg.stores.limits import (
    LOAD_CSV_REFUSED,
    QueryLimits,
    check_params,
    check_text,
    may_load_csv,
    notice,
)
from gkg.stores.neo4j import guard
from gkg.stores.neo4j.results import convert_result as _convert
from gkg.stores.neo4j.results import endpoint_seed_ids
from gkg.stores.neo4j.schema_statements import schema_statements
from gkg.stores.neo4j.settings import Neo4jSettings
from gkg.stores.neo4j.view import as_of_view

# The server's notifications (unknown property, deprecations) are for query authors; the
# driver logs each one, with the whole query text, as a warning on stderr. Any Bolt version.
logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)
# The driver also logs connection failures as warnings; with no handler configured Python
# would print them beside gkg's own one-line error. An application's handlers still get them.
logging.getLogger("neo4j").addHandler(logging.NullHandler())


class Neo4jStore(GraphStore):
    """A Neo4j database reached with the official driver."""

    kind = "neo4j"
    settings: Neo4jSettings

    def __init__(self, settings: Neo4jSettings):
        self.settings = settings
        self.limits = QueryLimits.from_env(settings.timeout_s)
        import neo4j

        self._neo4j = neo4j
        try:
            self._driver = neo4j.GraphDatabase.driver(
                settings.uri,
                auth=(settings.username, settings.password),
                connection_timeout=10,
                max_connection_lifetime=3600,
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
        where = f"Neo4j at {self.settings.shown_uri}"
        if isinstance(exc, errors.AuthError):
            return (
                f"{where} refused the user name or password (user {self.settings.username!r}); "
                "check NEO4J_USERNAME and NEO4J_PASSWORD"
            )
        if "AuthenticationRateLimit" in (getattr(exc, "code", None) or ""):
            return (
                f"{where} refuses logins for a few seconds after wrong passwords for user "
                f"{self.settings.username!r}; check NEO4J_PASSWORD and try again"
            )
        detail = self._plain(str(exc))
        if isinstance(exc, errors.ConfigurationError | ValueError):
            return f"cannot use {where}: {detail}"
        return (
            f"cannot connect to {where}: {detail}. "
            "Is the server running and the URI right? (unset NEO4J_URI to use the embedded store)"
        )

    def _no_database(self) -> str:
        return (
            f"Neo4j at {self.settings.shown_uri} has no database {self.settings.database!r}; "
            "check NEO4J_DATABASE (unset it for the server's default database)"
        )

    def _plain(self, text: str) -> str:
        """A driver message on one line, with the password (if it ever appeared) hidden."""
        return " ".join(_scrub(text, self.settings.secrets()).split())

    def close(self) -> None:
        self._driver.close()

    def _session(self, write: bool = False) -> Any:
        mode = self._neo4j.WRITE_ACCESS if write else self._neo4j.READ_ACCESS
        return self._driver.session(database=self.settings.database, default_access_mode=mode)

    # --- reads --------------------------------------------------------------------------

    def run(self, query: str, params: Mapping[str, Any] | None = None) -> Result:
        errors = self._neo4j.exceptions
        check_text("the query", query)
        check_params(params)
        cap = self.limits.max_rows
        cut: list[bool] = []

        def work(tx: Any) -> tuple[list[str], list[list[Any]], dict[str, str]]:
            before = guard.generation(tx)
            if may_load_csv(query):
                _refuse_load_csv(tx, query, dict(params or {}))
            cursor = tx.run(query, dict(params or {}))
            columns = list(cursor.keys())
            rows: list[list[Any]] = []
            for record in cursor:
                if len(rows) == cap:
                    cut.append(True)
                    break
                rows.append(list(record.values()))
            seed_ids = endpoint_seed_ids(tx, rows)
            guard.check_unchanged(tx, before)
            return columns, rows, seed_ids

        timed = self._neo4j.unit_of_work(timeout=self.limits.timeout_s)(work)
        try:
            columns, rows, seed_ids = self._read_whole(timed)
        except errors.AuthError as exc:
            raise StoreError(self._connection_message(exc)) from None
        except errors.ClientError as exc:
            code = exc.code or ""
            if code.endswith("DatabaseNotFound"):
                raise StoreError(self._no_database()) from None
            if "AccessMode" in code or "ForbiddenDueToTransactionType" in code:
                raise QueryError(
                    "this query would write to the graph; gkg runs queries read-only"
                ) from None
            if "TransactionTimedOut" in code or "TransactionTimedOutClientConfiguration" in code:
                raise QueryError(
                    f"the query ran past its time limit of {self.limits.timeout_s:g} s and was "
                    "stopped; narrow it (fewer patterns, a LIMIT) or raise the limit with "
                    "--timeout or GKG_TIMEOUT"
                ) from None
            if "MemoryPoolOutOfMemory" in code:
                raise QueryError(
                    "the query needed more memory than the Neo4j server allows a transaction "
                    f"and was stopped: {self._plain(exc.message or str(exc))}"
                ) from None
            raise QueryError(self._plain(exc.message or str(exc))) from None
        except errors.Neo4jError as exc:
            raise QueryError(self._plain(exc.message or str(exc))) from None
        except errors.DriverError as exc:  # unavailable, session expired, pool timeouts
            raise StoreError(self._connection_message(exc)) from None
        except TypeError as exc:  # a parameter value the driver cannot send
            raise QueryError(f"a parameter cannot be sent to Neo4j: {exc}") from None
        if cut:
            notice(
                f"the answer has more than {cap} rows and was cut at {cap} (GKG_MAX_ROWS sets "
                "the cap); narrow the query or add a LIMIT"
            )
        return _convert(columns, rows, seed_ids)

    def _read_whole(self, work: Any) -> Any:
        """Run work in a read transaction that no load's commit overlapped (see guard)."""
        deadline = time.monotonic() + guard.READ_PATIENCE_S
        while True:
            try:
                with self._session() as session:
                    return session.execute_read(work)
            except guard.CommitOverlap:
                if time.monotonic() > deadline:
                    raise StoreError(
                        "loads kept committing while this query ran; try it again"
                    ) from None
                time.sleep(0.05)

    #: The graph as known on a date, in a transaction always rolled back (see the view module).
    as_of = as_of_view

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
        began = False
        try:
            with self._session(write=True) as session:
                for setup in schema_statements():
                    session.run(setup).consume()
                total = sum(len(s.rows) for s in statements)
                began = True
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
                    self._commit_guarded(tx)
                    stored_now(NEW_GRAPH_SAVED)
        except errors.AuthError as exc:
            raise StoreError(self._connection_message(exc)) from None
        except errors.Neo4jError as exc:
            if (exc.code or "").endswith("DatabaseNotFound"):
                raise StoreError(self._no_database()) from None
            message = self._plain(exc.message or str(exc))
            raise StoreError(f"Neo4j refused the load and rolled it back: {message}") from None
        except errors.DriverError as exc:
            if began:
                raise StoreError(
                    f"lost the connection to Neo4j at {self.settings.shown_uri} during the load "
                    f"({self._plain(str(exc))}); Neo4j keeps the graph it had unless the load's "
                    "commit had completed: see `gkg doctor`"
                ) from None
            raise StoreError(self._connection_message(exc)) from None

    def _commit_guarded(self, tx: Any) -> None:
        """Commit with the guard's generation odd meanwhile, so readers wait for it. The marks
        are auto-commit queries: no retries, so a lost server is reported at once."""
        with self._session(write=True) as marks:
            marks.run(guard.BEGIN_COMMIT).consume()
            try:
                tx.commit()
            finally:
                marks.run(guard.END_COMMIT).consume()


def _scrub(text: str, secrets: list[str]) -> str:
    for secret in secrets:
        text = text.replace(secret, "<hidden>")
    return text


def _refuse_load_csv(tx: Any, query: str, params: dict[str, Any]) -> None:
    """Refuse a query whose plan reads a file or URL (the server's own plan: comments,
    case and spacing cannot hide it)."""
    summary = tx.run("EXPLAIN " + query, params).consume()
    steps = [summary.plan] if summary.plan else []
    while steps:
        step = steps.pop()
        if "loadcsv" in str(step.get("operatorType", "")).lower().replace(" ", ""):
            raise QueryError(LOAD_CSV_REFUSED)
        steps.extend(step.get("children", []))
