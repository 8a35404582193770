"""The embedded store: FalkorDB on a private unix socket, through its native client.

Reads go through ``GRAPH.RO_QUERY``, so the engine refuses writes. A load is built in a
staging graph and swapped over the live one with ``RENAME`` (one atomic step), then the
server saves to disk; a failure or a crash before the swap leaves the live graph as it was.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import os
import re
import signal
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

from gkg.errors import QueryError, StoreError
from gkg.model import Node, Relationship, Result, StoreInfo, nested_values
from gkg.model import Path as GraphPath
from gkg.schema import ENTITY_LABEL
from gkg.stores.asof import build_view, cut_of
from gkg.stores.base import GraphStore, Progress
from gkg.stores.falkordb import server
from gkg.stores.falkordb.params import params_header
from gkg.stores.falkordb.schema_statements import schema_statements
from gkg.stores.falkordb.settings import EmbeddedSettings
from gkg.stores.ingest import (
    REGISTRY_DROP,
    REGISTRY_WRITE,
    LoadScope,
    Statement,
    delete_stale,
    drop_relabelled,
)

LIVE_GRAPH = "gkg"
#: Between the live graph's name and a date: the name of an as-of copy.
VIEW_INFIX = "-asof-"
NOT_LOADED = "the graph store is empty: load the seed first with `gkg load`"
CONSTRAINT_WAIT_S = 30.0

T = TypeVar("T")


class FalkorStore(GraphStore):
    """The embedded FalkorDB server of one data folder."""

    kind = "embedded"
    settings: EmbeddedSettings

    def __init__(self, home: Path, graph_name: str = LIVE_GRAPH, *, view: bool = False):
        self.home = home
        self.settings = EmbeddedSettings(home)
        self.graph_name = graph_name
        self.staging_name = f"{graph_name}-staging"
        #: A past view (``as_of``): read-only, never loaded into.
        self.view = view
        self._connect()

    # --- connection ---------------------------------------------------------------------

    def _connect(self) -> None:
        self.paths = server.ensure_running(self.home)
        from falkordb import FalkorDB

        self._db = FalkorDB(unix_socket_path=str(self.paths.socket), retry=server.no_retry())
        self._conn = self._db.connection

    def _call(self, action: Callable[[], T]) -> T:
        """Run ``action``; if the server went away, restart it once and try again."""
        import redis

        try:
            return action()
        except (redis.ConnectionError, redis.TimeoutError):
            self._connect()
            return action()

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

        plain = _plain(dict(params or {}))
        try:
            raw = self._call(lambda: self._db.select_graph(self.graph_name).ro_query(query, plain))
        except redis.ResponseError as exc:
            message = str(exc)
            if "empty key" in message:
                raise StoreError(NOT_LOADED) from None
            if "read-only" in message:
                raise QueryError(
                    "this query would write to the graph; gkg runs queries read-only"
                ) from None
            raise QueryError(_clean_error(message)) from None
        return self._convert(raw)

    def is_loaded(self) -> bool:
        return bool(self._call(lambda: self._conn.exists(self.graph_name)))

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
            rels = self.run(f"MATCH (:{ENTITY_LABEL})-[r]->(:{ENTITY_LABEL}) RETURN count(r)").rows[
                0
            ][0]
        return StoreInfo(
            kind=self.kind,
            version=f"FalkorDB {version}",
            location=str(self.paths.data_dir),
            node_count=nodes,
            relationship_count=rels,
            details={"socket": str(self.paths.socket), "graph": self.graph_name},
        )

    # --- the graph as known on a date ---------------------------------------------------

    @contextlib.contextmanager
    def as_of(self, date: str) -> Iterator[GraphStore]:
        """A copy of the live graph (``GRAPH.COPY``) turned into the graph as known on
        ``date``, built under a temporary name and renamed when complete. Copies are kept
        per source date and load, and dropped by the next load."""
        if not self.is_loaded():
            raise StoreError(NOT_LOADED)
        cut = cut_of(self.run, date)
        stamps = self.run(f"MATCH (n:{ENTITY_LABEL}) RETURN DISTINCT n.loadRun AS s").column("s")
        loads = hashlib.blake2b("|".join(sorted(map(str, stamps))).encode(), digest_size=8)
        name = f"{self.graph_name}{VIEW_INFIX}{cut}-{loads.hexdigest()}"
        if not self._call(lambda: self._conn.exists(name)):
            building = f"{name}-building-{os.getpid()}"
            self._call(lambda: self._conn.delete(building))
            self._conn.execute_command("GRAPH.COPY", self.graph_name, building)
            scratch = FalkorStore(self.home, building, view=True)
            try:
                build_view(scratch.run, lambda q, p: scratch._write(building, q, p), cut)
                self._conn.rename(building, name)
            finally:
                self._conn.delete(building)
                scratch.close()
        view = FalkorStore(self.home, name, view=True)
        try:
            yield view
        finally:
            view.close()

    def _drop_views(self) -> None:
        """Delete the as-of copies of the live graph (a load makes them stale)."""
        for key in self._conn.scan_iter(match=f"{self.graph_name}{VIEW_INFIX}*"):
            self._conn.delete(key)

    # --- the atomic load ----------------------------------------------------------------

    def apply_load(
        self, statements: Sequence[Statement], scope: LoadScope, progress: Progress | None = None
    ) -> None:
        import redis

        if self.view:
            raise StoreError("a view of the graph as of a date cannot be loaded into")
        with self._load_lock():
            try:
                self._build_staging(statements, scope, progress)
            except BaseException as exc:  # an error, Ctrl-C: drop the half-built staging graph
                with contextlib.suppress(redis.RedisError):
                    self._conn.delete(self.staging_name)
                if isinstance(exc, redis.ResponseError):
                    raise StoreError(
                        f"the load was refused and nothing changed: {_clean_error(str(exc))}"
                    ) from None
                if isinstance(exc, (redis.ConnectionError, redis.TimeoutError)):
                    raise StoreError(
                        "the embedded server went away during the load; the stored graph is "
                        "the last one saved"
                    ) from None
                raise
            with _interrupts_deferred():
                self._conn.rename(self.staging_name, self.graph_name)
                with contextlib.suppress(redis.RedisError):
                    self._drop_views()
                try:
                    self._conn.save()
                except redis.RedisError as exc:
                    raise StoreError(
                        f"the new graph is in place but could not be saved to disk: {exc}"
                    ) from None

    def _build_staging(
        self, statements: Sequence[Statement], scope: LoadScope, progress: Progress | None
    ) -> None:
        """The new graph under the staging name: a fresh one when the load replaces
        everything, else a copy of the live graph with the replaced datasets' part redone."""
        self._call(lambda: self._conn.delete(self.staging_name))
        staging = self._db.select_graph(self.staging_name)
        copied = not scope.everything and bool(self._conn.exists(self.graph_name))
        if copied:
            self._conn.execute_command("GRAPH.COPY", self.graph_name, self.staging_name)
        else:
            for setup in schema_statements():
                staging.query(setup)
            self._create_unique_constraint()
        total = sum(len(s.rows) for s in statements)
        done = 0
        for statement in statements:
            for batch in statement.batches():
                if copied and statement.label:  # a node whose label changed goes first
                    relabel = drop_relabelled(statement.label)
                    self._write(self.staging_name, relabel, {"rows": batch})
                self._write(self.staging_name, statement.query, {"rows": batch})
                done += len(batch)
                if progress:
                    progress(done, total)
        for stale in delete_stale(scope):
            staging.query(stale, scope.params())
        staging.query(REGISTRY_DROP, scope.params())
        if scope.registry:
            self._write(self.staging_name, REGISTRY_WRITE, {"rows": list(scope.registry)})

    def _write(self, graph_name: str, query: str, params: Mapping[str, Any]) -> None:
        """Run a write, its parameters written by :mod:`gkg.stores.falkordb.params` (the client's
        own encoder is the slowest part of a big load); errors come back as the client's."""
        import redis

        reply = self._conn.execute_command(
            "GRAPH.QUERY", graph_name, params_header(params) + query, "--compact"
        )
        if isinstance(reply, list) and reply and isinstance(reply[-1], redis.ResponseError):
            raise reply[-1]

    def _create_unique_constraint(self) -> None:
        self._conn.execute_command(
            "GRAPH.CONSTRAINT", "CREATE", self.staging_name, "UNIQUE", "NODE", ENTITY_LABEL,
            "PROPERTIES", 1, "id",
        )  # fmt: skip
        staging = self._db.select_graph(self.staging_name)
        deadline = time.monotonic() + CONSTRAINT_WAIT_S
        while time.monotonic() < deadline:
            rows = staging.ro_query("CALL db.constraints()").result_set
            if rows and all(row[-1] == "OPERATIONAL" for row in rows):
                return
            time.sleep(0.01)
        raise StoreError("the uniqueness constraint on Entity.id did not become operational")

    @contextlib.contextmanager
    def _load_lock(self) -> Iterator[None]:
        """One load at a time per data folder."""
        with open(self.home / "load.lock", "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    # --- result conversion --------------------------------------------------------------

    def _convert(self, raw: Any) -> Result:
        from falkordb.edge import Edge
        from falkordb.node import Node as FNode
        from falkordb.path import Path as FPath

        columns = [str(h[1]) for h in (raw.header or [])]
        seed_ids: dict[int, str] = {}
        edges: list[Edge] = []

        for value in nested_values(raw.result_set):
            parts = [*value.nodes(), *value.edges()] if isinstance(value, FPath) else [value]
            for part in parts:
                if isinstance(part, FNode):
                    seed_ids[part.id] = _seed_id(part.properties, part.id)
                elif isinstance(part, Edge):
                    edges.append(part)
        missing = {e.src_node for e in edges} | {e.dest_node for e in edges}
        missing -= seed_ids.keys()
        if missing:
            found = self._db.select_graph(self.graph_name).ro_query(
                "MATCH (n) WHERE id(n) IN $ids RETURN id(n), n.id", {"ids": sorted(missing)}
            )
            for internal, seed in found.result_set:
                seed_ids[internal] = seed if seed is not None else f"#{internal}"

        def convert(value: Any) -> Any:
            if isinstance(value, FNode):
                return Node(seed_ids[value.id], tuple(value.labels or ()), dict(value.properties))
            if isinstance(value, Edge):
                return Relationship(
                    _seed_id(value.properties, value.id, prefix="#r"),
                    str(value.relation),
                    seed_ids.get(value.src_node, f"#{value.src_node}"),
                    seed_ids.get(value.dest_node, f"#{value.dest_node}"),
                    dict(value.properties),
                )
            if isinstance(value, FPath):
                return GraphPath(
                    tuple(convert(n) for n in value.nodes()),
                    tuple(convert(e) for e in value.edges()),
                )
            if isinstance(value, (list, tuple)):
                return [convert(v) for v in value]
            if isinstance(value, dict):
                return {str(k): convert(v) for k, v in sorted(value.items())}
            if isinstance(value, (dt.date, dt.datetime, dt.time)):
                return value.isoformat()
            return value

        return Result(columns, [[convert(v) for v in row] for row in raw.result_set])


@contextlib.contextmanager
def _interrupts_deferred() -> Iterator[None]:
    """Ignore Ctrl-C while the swap and the save run (they take milliseconds): a load is
    then either not applied, or applied, saved and reported as done."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _seed_id(properties: Mapping[str, Any], internal: int, prefix: str = "#") -> str:
    seed = properties.get("id")
    return str(seed) if seed is not None else f"{prefix}{internal}"


def _plain(value: Any) -> Any:
    """Parameters as FalkorDB takes them: dates become ISO strings, tuples lists."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _clean_error(message: str) -> str:
    """FalkorDB's error text without its internal framing."""
    message = re.sub(r"^errMsg:\s*", "", message.strip())
    message = re.sub(r"\s*errCtx:.*$", "", message, flags=re.S)
    return message
