"""The Python API: one object over the store, the named queries, pictures and analytics.

    import gkg
    kg = graph.open()                     # embedded store; Neo4j when NEO4J_URI is set
    kg.load()                             # data/seed.yaml, atomically
    kg.query("data-center").to_dataframe()
    kg.show(kg.query("neighbourhood", entity="ASICLAND"))

Everything here delegates to the modules that do the work (:mod:`gkg.catalogue`,
:mod:`gkg.present.pages`, :mod:`gkg.analytics`, :mod:`loaders`); the CLI uses those same modules.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gkg.model import Node, Result, StoreInfo
from gkg.stores.base import GraphStore, whole_graph
from gkg.stores.factory import open_store

if TYPE_CHECKING:
    import networkx as nx

    from gkg.analytics import Connection
    from gkg.catalogue import Catalogue, NamedQuery
    from gkg.loaders.load import LoadSummary
    from gkg.present.pages import NotebookGraph


class KnowledgeGraph:
    """A graph store with gkg's named queries, renderer and analytics attached."""

    def __init__(self, store: GraphStore, query_dirs: Sequence[Path] = ()):
        self.store = store
        self._query_dirs = [Path(d) for d in query_dirs]
        self._catalogue: Catalogue | None = None

    # --- loading ------------------------------------------------------------------------

    def load(self, *paths: str | Path) -> LoadSummary:
        """Validate the seed files (default ``data/seed.yaml``) and load them atomically."""
        from gkg.loaders.load import default_seed_paths, load_files

        return load_files(self.store, list(paths) or default_seed_paths())

    # --- questions ----------------------------------------------------------------------

    @property
    def catalogue(self) -> Catalogue:
        """The named queries: built-in, ``GKG_QUERIES`` and the folders given to :func:`open`."""
        if self._catalogue is None:
            from gkg.catalogue import Catalogue

            self._catalogue = Catalogue.load(self._query_dirs)
        return self._catalogue

    def queries(self) -> list[NamedQuery]:
        """Every named query, by name."""
        return list(self.catalogue)

    def describe(self, name: str) -> NamedQuery:
        """One named query: title, description, parameters and Cypher text."""
        return self.catalogue.get(name)

    def query(self, name: str, params: Mapping[str, Any] | None = None, /, **kw: Any) -> Result:
        """Run a named query. Parameters as a mapping or keywords (defaults fill the rest):
        ``kg.query("companies", sector="fabless")``,
        ``kg.query("connection", {"from": "ASICLAND", "to": "NVIDIA"})``."""
        return self.catalogue.run(self.store, name, {**(params or {}), **kw})

    def cypher(self, text: str, **params: Any) -> Result:
        """Run ad-hoc read-only Cypher with parameters (the engine refuses writes)."""
        return self.store.run(text, params)

    def entity(self, text: str) -> Node:
        """The entity with this id, English or Korean name, or alias (any case)."""
        from gkg.lookup import resolve

        return resolve(self.store, text)

    # --- analytics and pictures ---------------------------------------------------------

    def networkx(self, source: Any = None) -> nx.MultiDiGraph:
        """A networkx graph of a query result, or of the whole stored graph."""
        from gkg.analytics import to_networkx

        return to_networkx(self.store if source is None else source)

    def connection(self, a: str, b: str) -> Connection:
        """The shortest connection between two entities, ignoring direction."""
        from gkg.analytics import shortest_connection

        return shortest_connection(self.store, a, b)

    def show(self, source: Any = None, *, lang: str = "en", height: int = 600) -> NotebookGraph:
        """Draw a result (or the whole graph) inline in a notebook, offline."""
        from gkg.present.pages import show, source_documents

        value = whole_graph(self.store) if source is None else source
        return show(value, lang=lang, height=height, sources=source_documents(self.store))

    def info(self) -> StoreInfo:
        """Which store this is, where, and how much it holds."""
        return self.store.info()

    def close(self) -> None:
        """Close the connection; the embedded server keeps running for other users."""
        self.store.close()

    def stop_server(self) -> bool:
        """Save and stop the embedded server of this store's data folder (False if the
        store is Neo4j, or no server ran). The next use starts it again."""
        from gkg.stores.falkordb.store import FalkorStore

        if not isinstance(self.store, FalkorStore):
            return False
        from gkg.stores.falkordb import server

        self.store.close()
        return server.stop(self.store.home)

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<KnowledgeGraph on {self.store.kind} store>"


def open(  # graph.open reads naturally, like io.open
    uri: str | None = None,
    *,
    home: str | Path | None = None,
    username: str | None = None,
    database: str | None = None,
    queries: Sequence[str | Path] = (),
) -> KnowledgeGraph:
    """Open the embedded store (``GKG_HOME`` or ``./.gkg``), or Neo4j when ``uri`` or
    ``NEO4J_URI`` is set (password from ``NEO4J_PASSWORD``)."""
    store = open_store(uri, username=username, database=database, home=home)
    return KnowledgeGraph(store, [Path(q) for q in queries])
