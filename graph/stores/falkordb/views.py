"""The graph as known on a date, on the embedded store: a copy of the live graph.

``GRAPH.COPY`` copies the live graph (the original stays readable) under a temporary name;
the as-of steps of :mod:`gkg.stores.asof` run on the copy, which is then renamed into place,
so a reader never sees a half-built view. Views are kept per source date and per set of
loads (their ``loadRun`` stamps), so a load makes new names; making a view drops the views
of earlier loads.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from gkg.errors import StoreError
from gkg.model import Result, StoreInfo
from gkg.schema import ENTITY_LABEL
from gkg.stores.asof import build_view, cut_of
from gkg.stores.base import GraphStore, Progress
from gkg.stores.falkordb.params import params_header
from gkg.stores.ingest import LoadScope, Statement

if TYPE_CHECKING:
    from gkg.stores.falkordb.store import FalkorStore

#: Between the live graph's name and a date: the name of an as-of copy.
VIEW_INFIX = "-asof-"
NOT_LOADED = "the graph store is empty: load the seed first with `gkg load`"


class FalkorView(GraphStore):
    """A past view: queries answered from its copy, read-only, never loaded into."""

    kind = "embedded"

    def __init__(self, copy: FalkorStore):
        self._copy = copy
        self.settings = copy.settings

    def run(self, query: str, params: Mapping[str, Any] | None = None) -> Result:
        return self._copy.run(query, params)

    def apply_load(
        self, statements: Sequence[Statement], scope: LoadScope, progress: Progress | None = None
    ) -> None:
        raise StoreError("a view of the graph as of a date cannot be loaded into")

    def info(self) -> StoreInfo:
        return self._copy.info()

    def is_loaded(self) -> bool:
        return True

    def close(self) -> None:
        self._copy.close()


@contextlib.contextmanager
def as_of_view(store: FalkorStore, date: str) -> Iterator[GraphStore]:
    """The graph of ``store`` as known on ``date`` (ISO), built once per date and loads."""
    if not store.is_loaded():
        raise StoreError(NOT_LOADED)
    cut = cut_of(store.run, date)
    stamps = store.run(f"MATCH (n:{ENTITY_LABEL}) RETURN DISTINCT n.loadRun AS s").column("s")
    loads = hashlib.blake2b("|".join(sorted(map(str, stamps))).encode(), digest_size=8)
    prefix = f"{store.graph_name}{VIEW_INFIX}"
    name = f"{prefix}{cut}-{loads.hexdigest()}"
    conn = store._conn
    if not conn.exists(name):
        for key in conn.scan_iter(match=f"{prefix}*"):  # views of earlier loads
            if not _text(key).endswith(loads.hexdigest()):
                conn.delete(key)
        building = f"{name}-building-{os.getpid()}"
        conn.delete(building)
        conn.execute_command("GRAPH.COPY", store.graph_name, building)
        scratch = type(store)(store.home, building)
        try:
            build_view(scratch.run, lambda q, p: _write(conn, building, q, p), cut)
            conn.rename(building, name)
        finally:
            conn.delete(building)
            scratch.close()
    view = FalkorView(type(store)(store.home, name))
    try:
        yield view
    finally:
        view.close()


def _write(conn: Any, graph: str, query: str, params: Mapping[str, Any]) -> None:
    import redis

    reply = conn.execute_command("GRAPH.QUERY", graph, params_header(params) + query, "--compact")
    if isinstance(reply, list) and reply and isinstance(reply[-1], redis.ResponseError):
        raise reply[-1]


def _text(key: Any) -> str:
    return key.decode() if isinstance(key, bytes) else str(key)
