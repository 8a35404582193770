"""The one graph-store interface every engine's adapter implements.

Which engine is used is decided in :mod:`gkg.stores.factory` alone; everything above the
stores sees only :class:`GraphStore` and the plain types of :mod:`gkg.model`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gkg.errors import StoreError
from gkg.model import Node, Relationship, Result, StoreInfo, StoreKind
from gkg.schema import ENTITY_LABEL
from gkg.stores.ingest import LoadScope, Statement

if TYPE_CHECKING:
    from gkg.stores.factory import StoreSettings

#: Called after each batch with (rows written so far, rows in all).
Progress = Callable[[int, int], None]


class GraphStore(ABC):
    """A graph database gkg can load into and query."""

    kind: StoreKind
    #: What the store was opened with (the factory opens it again from these).
    settings: StoreSettings

    @abstractmethod
    def run(self, query: str, params: Mapping[str, Any] | None = None) -> Result:
        """Run a read-only query; the engine itself refuses writes."""

    @abstractmethod
    def apply_load(
        self, statements: Sequence[Statement], scope: LoadScope, progress: Progress | None = None
    ) -> None:
        """Apply a load atomically: write the statements, remove what ``scope`` replaces and
        this load did not write, and update the dataset registry. Afterwards the store holds
        exactly the new graph, or, if anything failed, exactly the old one."""

    def replace_graph(
        self, statements: Sequence[Statement], stamp: str, progress: Progress | None = None
    ) -> None:
        """Replace the whole graph with what ``statements`` write (no dataset registry)."""
        self.apply_load(statements, LoadScope(everything=True, stamps=(stamp,)), progress)

    @abstractmethod
    def info(self) -> StoreInfo:
        """Engine, version, location and counts, for ``gkg doctor``."""

    @abstractmethod
    def is_loaded(self) -> bool:
        """True when a graph has been loaded into this store."""

    def close(self) -> None:
        """Release connections. The embedded server keeps running for other users."""
        return None

    @contextmanager
    def as_of(self, date: str) -> Iterator[GraphStore]:
        """A read-only store holding the graph as known on ``date`` (ISO): only what sources
        published by then state, each property with the claim current then. The stored
        graph never changes (see :mod:`gkg.stores.asof`)."""
        raise StoreError(f"the {self.kind} store cannot show the graph as of a date")
        yield self  # pragma: no cover  (a generator, for contextmanager)

    def load_lock(self) -> AbstractContextManager[None]:
        """Held around a whole load (the look at the old graph and the swap), so that two
        loads at once each report what they changed. Re-entrant; a store whose engine
        serialises loads itself holds nothing."""
        return nullcontext()

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@dataclass(frozen=True)
class ServerStatus:
    """Whether a server gkg runs itself is up, and where."""

    running: bool
    pid: int | None
    socket: Path
    data_dir: Path


class LocalServer(ABC):
    """A database server gkg starts and stops itself (the embedded store's)."""

    @abstractmethod
    def status(self) -> ServerStatus:
        """Whether the server runs, and where; never starts it."""

    @abstractmethod
    def stop(self) -> bool:
        """Save and stop the server; False when none was running."""


def whole_graph(store: GraphStore) -> tuple[list[Node], list[Relationship]]:
    """Every gkg node and every relationship between gkg nodes, in id order."""
    nodes = store.run(f"MATCH (n:{ENTITY_LABEL}) RETURN n ORDER BY n.id").column("n")
    rels = store.run(
        f"MATCH (:{ENTITY_LABEL})-[r]->(:{ENTITY_LABEL}) RETURN r ORDER BY r.id"
    ).column("r")
    return nodes, rels
