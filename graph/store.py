"""The one graph-store interface, and how a store is chosen.

``NEO4J_URI`` (or ``--uri``) set: Neo4j through the official driver. Otherwise the
embedded FalkorDB server under ``GKG_HOME`` (default ``./.gkg``).
"""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.ingest import Statement
from graph.model import Node, Relationship, Result, StoreInfo
from graph.schema import ENTITY_LABEL

#: Called after each batch with (rows written so far, rows in all).
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Neo4jSettings:
    """Where and how to reach Neo4j. The password is never printed (see ``__repr__``)."""

    uri: str
    username: str = "neo4j"
    password: str = ""
    database: str | None = None

    def __repr__(self) -> str:
        return (
            f"Neo4jSettings(uri={self.uri!r}, username={self.username!r}, "
            f"password=<hidden>, database={self.database!r})"
        )


class GraphStore(ABC):
    """A graph database gkg can load into and query."""

    #: ``"embedded"`` or ``"neo4j"``.
    kind: str

    @abstractmethod
    def run(self, query: str, params: Mapping[str, Any] | None = None) -> Result:
        """Run a read-only query; the engine itself refuses writes."""

    @abstractmethod
    def replace_graph(
        self, statements: Sequence[Statement], stamp: str, progress: Progress | None = None
    ) -> None:
        """Apply a whole load atomically: afterwards the store holds exactly the new graph,
        or, if anything failed, exactly the old one."""

    @abstractmethod
    def info(self) -> StoreInfo:
        """Engine, version, location and counts, for ``gkg doctor``."""

    @abstractmethod
    def is_loaded(self) -> bool:
        """True when a graph has been loaded into this store."""

    def close(self) -> None:
        """Release connections. The embedded server keeps running for other users."""
        return None

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def default_home() -> Path:
    """The embedded store's data folder: ``GKG_HOME`` or ``.gkg`` in the working directory."""
    return Path(os.environ.get("GKG_HOME") or ".gkg").absolute()


def neo4j_settings_from_env(
    uri: str | None = None, username: str | None = None, database: str | None = None
) -> Neo4jSettings | None:
    """Neo4j settings from arguments and ``NEO4J_*`` variables; None when no URI is set."""
    uri = uri or os.environ.get("NEO4J_URI")
    if not uri:
        return None
    return Neo4jSettings(
        uri=uri,
        username=username or os.environ.get("NEO4J_USERNAME") or "neo4j",
        password=os.environ.get("NEO4J_PASSWORD", ""),
        database=database or os.environ.get("NEO4J_DATABASE") or None,
    )


def open_store(
    uri: str | None = None,
    *,
    username: str | None = None,
    database: str | None = None,
    home: str | Path | None = None,
) -> GraphStore:
    """Open Neo4j when a URI is given or ``NEO4J_URI`` is set, else the embedded store."""
    settings = neo4j_settings_from_env(uri, username, database)
    if settings is not None:
        from graph.neo4j_store import Neo4jStore

        return Neo4jStore(settings)
    from graph.falkor_store import FalkorStore

    return FalkorStore(Path(home).absolute() if home else default_home())


def whole_graph(store: GraphStore) -> tuple[list[Node], list[Relationship]]:
    """Every gkg node and every relationship between gkg nodes, in id order."""
    nodes = store.run(f"MATCH (n:{ENTITY_LABEL}) RETURN n ORDER BY n.id").column("n")
    rels = store.run(
        f"MATCH (:{ENTITY_LABEL})-[r]->(:{ENTITY_LABEL}) RETURN r ORDER BY r.id"
    ).column("r")
    return nodes, rels
