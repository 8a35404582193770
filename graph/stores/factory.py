"""The one place that chooses a graph store: Neo4j when a URI is given or ``NEO4J_URI`` is
set, otherwise the embedded FalkorDB store under ``GKG_HOME`` (default ``./.gkg``).

Adapters are imported only when a store of theirs is opened, so choosing costs nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeAlias

from gkg.stores.base import GraphStore, LocalServer
from gkg.stores.falkordb.settings import EmbeddedSettings
from gkg.stores.neo4j.settings import Neo4jSettings, neo4j_settings_from_env

#: The settings of any store gkg can open.
StoreSettings: TypeAlias = EmbeddedSettings | Neo4jSettings


def store_settings(
    uri: str | None = None,
    *,
    username: str | None = None,
    database: str | None = None,
    home: str | Path | None = None,
    timeout_s: float | None = None,
) -> StoreSettings:
    """Settings of the store the arguments and the environment select (``timeout_s``: how
    long a query may run; None reads ``GKG_TIMEOUT``, else 30 s)."""
    neo4j = neo4j_settings_from_env(uri, username, database, timeout_s)
    return neo4j if neo4j is not None else EmbeddedSettings.from_env(home, timeout_s)


def open_settings(settings: StoreSettings) -> GraphStore:
    """Connect to the store ``settings`` describe (starting the embedded server if need be)."""
    if isinstance(settings, Neo4jSettings):
        from gkg.stores.neo4j.store import Neo4jStore

        return Neo4jStore(settings)
    from gkg.stores.falkordb.store import FalkorStore

    return FalkorStore(settings.home, timeout_s=settings.timeout_s)


def open_store(
    uri: str | None = None,
    *,
    username: str | None = None,
    database: str | None = None,
    home: str | Path | None = None,
    timeout_s: float | None = None,
) -> GraphStore:
    """Open Neo4j when a URI is given or ``NEO4J_URI`` is set, else the embedded store."""
    return open_settings(
        store_settings(uri, username=username, database=database, home=home, timeout_s=timeout_s)
    )


def local_server(settings: StoreSettings) -> LocalServer | None:
    """The server gkg itself runs for this store (the embedded one's), or None (Neo4j runs
    elsewhere). Looking does not start anything."""
    if isinstance(settings, Neo4jSettings):
        return None
    from gkg.stores.falkordb.server import EmbeddedServer

    return EmbeddedServer(settings.home)


def preload_adapters() -> None:
    """Import the embedded store's adapter and client now (the resident gkg does, so that
    the commands it runs need not). Not Neo4j's: its driver would triple the resident's
    memory (40 to 120 MB) and the time each fork takes, for commands whose start is
    dominated by reaching a server over the network anyway."""
    import gkg.stores.falkordb.server
    import gkg.stores.falkordb.store  # noqa: F401
    from gkg.stores.falkordb.warm import import_client

    import_client()
