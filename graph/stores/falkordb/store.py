"""The embedded store: FalkorDB on a private unix socket, through its native client.

Reads go through ``GRAPH.RO_QUERY``, so the engine refuses writes; each runs under a time
limit the engine enforces, with a client-side watchdog for the plans it cannot stop (the
server is restarted, saying so). A load is built in a staging graph and swapped over the
live one with ``RENAME`` (one atomic step), then saved to disk in the background; a failure
before the swap leaves the live graph as it was, and a save that fails is rolled back by
restarting the server from the last save, so what is served is always what is on disk.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, TypeVar

from gkg.checkpoints import checkpoint
from gkg.errors import QueryError, StoreError
from gkg.interrupts import NEW_GRAPH_SAVED, stored_now
from gkg.model import Result, StoreInfo
from gkg.schema import ENTITY_LABEL
from gkg.stores.base import GraphStore, Progress
from gkg.stores.falkordb import recovery, saving, server
from gkg.stores.falkordb.batches import load_writes, texts_ahead
from gkg.stores.falkordb.convert import plain
from gkg.stores.falkordb.dialect import falkordb_cypher
from gkg.stores.falkordb.loadlock import FolderLock
from gkg.stores.falkordb.messages import clean_error, interrupts_deferred, query_error
from gkg.stores.falkordb.params import params_header
from gkg.stores.falkordb.reply import read
from gkg.stores.falkordb.schema_statements import schema_statements
from gkg.stores.falkordb.settings import EmbeddedSettings, ServerLimits
from gkg.stores.falkordb.views import as_of_view
from gkg.stores.ingest import (
    REGISTRY_DROP,
    REGISTRY_WRITE,
    LoadScope,
    Statement,
    delete_stale,
)
from gkg.stores.limits import (
    GRACE_S,
    LOAD_CSV_REFUSED,
    LOAD_STATEMENT_TIMEOUT_S,
    QueryLimits,
    check_params,
    check_text,
    may_load_csv,
    notice,
)

LIVE_GRAPH = "gkg"
CONSTRAINT_WAIT_S = 30.0
RESTARTED = "gkg restarted the embedded server, which serves the last saved graph"

T = TypeVar("T")


class FalkorStore(GraphStore):
    """The embedded FalkorDB server of one data folder."""

    kind = "embedded"
    settings: EmbeddedSettings

    def __init__(self, home: Path, graph_name: str = LIVE_GRAPH, timeout_s: float | None = None):
        self.home = home
        self.settings = EmbeddedSettings(home, timeout_s)
        self.limits = QueryLimits.from_env(timeout_s)
        self.graph_name = graph_name
        self.staging_name = f"{graph_name}-staging"
        self._connect()
        self._load_lock = FolderLock(self.paths.home)

    # --- connection ---------------------------------------------------------------------

    def _connect(self) -> None:
        self.paths = server.ensure_running(self.home)
        from falkordb import FalkorDB

        self._db = FalkorDB(
            unix_socket_path=str(self.paths.socket),
            retry=server.no_retry(),
            socket_timeout=self.limits.timeout_s + GRACE_S,
            socket_connect_timeout=server.PROBE_TIMEOUT_S,
        )
        self._conn = self._db.connection

    def _writer(self) -> Any:
        """A connection for a load's statements and its save (longer than a query's limit)."""
        import redis

        return redis.Redis(
            unix_socket_path=str(self.paths.socket),
            retry=server.no_retry(),
            socket_timeout=LOAD_STATEMENT_TIMEOUT_S + GRACE_S,
            socket_connect_timeout=server.PROBE_TIMEOUT_S,
        )

    def _call(self, action: Callable[[], T]) -> T:
        """Run ``action``. A server that went away is started again (saying so) and the
        action tried once more; a query that stops it twice is refused. A server that
        does not answer in time is restarted, and the query refused, saying why."""
        import redis

        try:
            try:
                return action()
            except redis.ConnectionError:
                self._connect()
                try:
                    return action()
                except redis.ConnectionError:
                    self._connect()
                    limit = ServerLimits.from_env().server_memory_mb
                    raise StoreError(
                        "the embedded server stopped twice while answering this query; it "
                        f"probably needed more than the server's {limit} MB "
                        f"(GKG_SERVER_MEMORY_MB). {RESTARTED}"
                    ) from None
        except redis.TimeoutError:
            if server.probe(self.paths) == "up":
                reason = (
                    f"the query did not finish within its time limit of "
                    f"{self.limits.timeout_s:g} s and the engine could not stop it"
                )
            else:
                reason = "the embedded server stopped answering"
            server.restart(self.home)
            self._connect()
            raise StoreError(f"{reason}; {RESTARTED}") from None

    def close(self) -> None:
        """Drop this process's connections; the server keeps running for other users."""
        import redis

        try:
            self._conn.close()
        except redis.RedisError:
            pass

    # --- reads --------------------------------------------------------------------------

    def run(self, query: str, params: Mapping[str, Any] | None = None) -> Result:
        import redis

        check_text("the query", query)
        check_params(params)
        sent = plain(dict(params or {}))
        try:
            header = params_header(sent)
        except (TypeError, ValueError) as exc:
            raise QueryError(f"a parameter cannot be sent to FalkorDB: {exc}") from None
        text, timeout_ms = falkordb_cypher(query), int(self.limits.timeout_s * 1000)
        graph = self._db.select_graph(self.graph_name)
        try:
            if may_load_csv(query):
                self._refuse_load_csv(header + query)
            result = self._call(lambda: read(graph, text, sent, timeout_ms, self._seed_ids))
        except redis.ResponseError as exc:
            raise self._query_error(str(exc)) from None
        return self._capped(result)

    def _refuse_load_csv(self, text: str) -> None:
        """Refuse a query whose plan reads a file or URL (case, comments or spacing cannot
        hide it from the engine's own plan)."""
        plan = self._call(
            lambda: self._conn.execute_command("GRAPH.EXPLAIN", self.graph_name, text)
        )
        for step in plan:
            step = step.decode() if isinstance(step, bytes) else str(step)
            if step.strip().lower().startswith("load csv"):
                raise QueryError(LOAD_CSV_REFUSED)

    def _query_error(self, message: str) -> Exception:
        return query_error(message, self.limits.timeout_s)

    def _capped(self, result: Result) -> Result:
        cap = self.limits.max_rows
        if len(result.rows) <= cap:
            return result
        notice(
            f"the answer has more than {cap} rows and was cut at {cap} (GKG_MAX_ROWS sets "
            "the cap); narrow the query or add a LIMIT"
        )
        return Result(result.columns, result.rows[:cap])

    def _seed_ids(self, internal: list[int]) -> list[list[Any]]:
        found = self._db.select_graph(self.graph_name).ro_query(
            "MATCH (n) WHERE id(n) IN $ids RETURN id(n), n.id", {"ids": internal}
        )
        return list(found.result_set)

    def is_loaded(self) -> bool:
        return bool(self._call(lambda: self._conn.exists(self.graph_name)))

    #: The graph as known on a date: a copy of the live graph (see the views module).
    as_of = as_of_view

    def info(self) -> StoreInfo:
        modules = self._call(lambda: self._conn.execute_command("MODULE", "LIST"))
        version = "unknown"
        for entry in modules:
            fields = dict(zip(entry[::2], entry[1::2]))
            name = fields.get("name", fields.get(b"name"))
            if name in ("graph", b"graph"):
                raw = int(fields.get("ver", fields.get(b"ver")) or 0)
                version = f"{raw // 10000}.{raw // 100 % 100}.{raw % 100}"
        nodes = rels = None
        if self.is_loaded():
            nodes = self.run(f"MATCH (n:{ENTITY_LABEL}) RETURN count(n)").rows[0][0]
            counted = f"MATCH (:{ENTITY_LABEL})-[r]->(:{ENTITY_LABEL}) RETURN count(r)"
            rels = self.run(counted).rows[0][0]
        memory = ServerLimits.from_env()
        details = {
            "socket": str(self.paths.socket),
            "graph": self.graph_name,
            "limits": f"a query stops after {self.limits.timeout_s:g} s or "
            f"{memory.query_memory_mb} MB; answers are cut at {self.limits.max_rows} rows; "
            f"the server may use {memory.server_memory_mb} MB",
        }
        corrupt = recovery.corrupt_files(self.paths)
        if corrupt:
            details["warning"] = (
                f"{len(corrupt)} unreadable data file(s) were moved aside (newest: "
                f"{corrupt[-1]}); the graph served now may be older or empty. To recover, "
                "run `gkg load` with your seed files, then delete the moved files"
            )
        return StoreInfo(
            kind=self.kind,
            version=f"FalkorDB {version}",
            location=str(self.paths.data_dir),
            node_count=nodes,
            relationship_count=rels,
            details=details,
        )

    # --- the atomic load ----------------------------------------------------------------

    def apply_load(
        self, statements: Sequence[Statement], scope: LoadScope, progress: Progress | None = None
    ) -> None:
        import redis

        with self.load_lock(), self._writer() as writer, saving.fast_timer(writer):
            try:
                self._build_staging(writer, statements, scope, progress)
            except BaseException as exc:  # an error, Ctrl-C: drop the half-built staging graph
                with contextlib.suppress(redis.RedisError):
                    writer.delete(self.staging_name)
                if isinstance(exc, redis.ResponseError):
                    raise StoreError(
                        f"the load was refused and nothing changed: {clean_error(str(exc))}"
                    ) from None
                if isinstance(exc, (redis.ConnectionError, redis.TimeoutError)):
                    raise StoreError(
                        "the embedded server went away during the load; nothing of this load "
                        "was kept and the stored graph is the last one saved"
                    ) from None
                raise
            with interrupts_deferred():
                self._swap_and_save(writer, scope.stamps)

    def _swap_and_save(self, writer: Any, stamps: tuple[str, ...]) -> None:
        """Swap the staging graph in and save; if the save fails, serve what is on disk
        again (a restart reads the last save) and say which graph is stored."""
        import redis

        recovery.keep_previous(self.paths)
        offset = recovery.log_size(self.paths)
        try:
            writer.rename(self.staging_name, self.graph_name)
            checkpoint("before-save", lambda: server.status(self.home).pid)
            saving.save(writer)
            stored_now(NEW_GRAPH_SAVED)
            return
        except redis.ResponseError:
            reason = recovery.save_failure_reason(self.paths, offset)
            server.restart(self.home)
            self._connect()
            raise StoreError(
                f"the new graph could not be saved to disk: {reason}. {RESTARTED}, so the "
                "stored graph is the old one, unchanged; fix the cause and load again"
            ) from None
        except (redis.ConnectionError, redis.TimeoutError):
            if server.probe(self.paths) != "down":
                server.restart(self.home)
            self._connect()
        which = self._stored_graph(stamps)
        raise StoreError(
            f"the embedded server stopped during the save; gkg started it again and the "
            f"stored graph is {which}"
        )

    def _stored_graph(self, stamps: tuple[str, ...]) -> str:
        """Which graph the (restarted) server holds: this load's, the old one, or none."""
        if not self.is_loaded():
            return "empty (nothing was saved yet): load again"
        rows = self.run(
            f"MATCH (n:{ENTITY_LABEL}) WHERE n.loadRun IN $stamps RETURN count(n) > 0",
            {"stamps": list(stamps)},
        ).rows
        if stamps and rows and rows[0][0]:
            return "the new one (it was saved)"
        return "the old one (the new graph was not saved): load again"

    def _build_staging(
        self,
        writer: Any,
        statements: Sequence[Statement],
        scope: LoadScope,
        progress: Progress | None,
    ) -> None:
        """The new graph under the staging name: a fresh one when the load replaces
        everything, else a copy of the live graph with the replaced datasets' part redone."""
        writer.delete(self.staging_name)
        copied = not scope.everything and bool(writer.exists(self.graph_name))
        if copied:
            writer.execute_command("GRAPH.COPY", self.graph_name, self.staging_name)
        else:
            for setup in schema_statements():
                self._write(writer, setup, {})
            self._create_unique_constraint(writer)
        total, done = sum(len(s.rows) for s in statements), 0
        with contextlib.closing(texts_ahead(load_writes(statements, copied))) as texts:
            for text, rows in texts:
                self._send(writer, text)
                done += rows
                if progress and rows:
                    progress(done, total)
        if copied:  # a new graph holds only this load's writes: nothing stale, no registry
            for stale in delete_stale(scope):
                self._write(writer, stale, scope.params())
            self._write(writer, REGISTRY_DROP, scope.params())
        if scope.registry:
            self._write(writer, REGISTRY_WRITE, {"rows": list(scope.registry)})

    def _write(self, writer: Any, query: str, params: Mapping[str, Any]) -> None:
        """Run a write on the staging graph, its parameters written by
        :mod:`gkg.stores.falkordb.params` (the client's own encoder is the slowest part of a
        big load); errors come back as the client's."""
        self._send(writer, params_header(params) + query if params else query)

    def _send(self, writer: Any, text: str) -> None:
        import redis

        reply = writer.execute_command(
            "GRAPH.QUERY", self.staging_name, text, "--compact",
            "timeout", int(LOAD_STATEMENT_TIMEOUT_S * 1000),
        )  # fmt: skip
        if isinstance(reply, list) and reply and isinstance(reply[-1], redis.ResponseError):
            raise reply[-1]

    def _create_unique_constraint(self, writer: Any) -> None:
        writer.execute_command(
            "GRAPH.CONSTRAINT", "CREATE", self.staging_name, "UNIQUE", "NODE", ENTITY_LABEL,
            "PROPERTIES", 1, "id",
        )  # fmt: skip
        deadline = time.monotonic() + CONSTRAINT_WAIT_S
        while time.monotonic() < deadline:
            reply = writer.execute_command(
                "GRAPH.RO_QUERY", self.staging_name, "CALL db.constraints()"
            )
            rows = reply[1] if isinstance(reply, list) and len(reply) > 1 else []
            if rows and all(_text(row[-1]) == "OPERATIONAL" for row in rows):
                return
            time.sleep(0.01)
        raise StoreError("the uniqueness constraint on Entity.id did not become operational")

    def load_lock(self) -> AbstractContextManager[None]:
        return self._load_lock.held()


def _text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)
