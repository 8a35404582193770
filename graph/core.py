"""The application core: one object over the store, the named queries, the pictures and the
analytics. The command line, the Python API, the report and the notebooks all use it; each
of them only adapts input and output.

    import gkg
    kg = gkg.open()                       # embedded store; Neo4j when NEO4J_URI is set
    kg.load()                             # the shipped seed (dataset "seed"), atomically
    kg.load("extra.yaml")                 # add a dataset beside it; kg.unload("extra.yaml")
    kg.query("data-center").to_dataframe()
    kg.show(kg.query("neighbourhood", entity="ASICLAND"))

The store is opened on first use, so listing queries or validating files starts no server.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gkg.errors import StoreError
from gkg.model import GraphLike, Node, Relationship, Result, StoreInfo, without_sources
from gkg.stores.base import GraphStore, LocalServer, Progress, ServerStatus, whole_graph
from gkg.stores.factory import StoreSettings, local_server, open_settings, store_settings

if TYPE_CHECKING:
    import networkx as nx

    from gkg.analytics import Connection
    from gkg.catalogue import Catalogue, NamedQuery
    from gkg.loaders.datasets import DatasetEntry
    from gkg.loaders.load import FileCheck, LoadSummary
    from gkg.loaders.validate import Seed
    from gkg.present.pages import NotebookGraph
    from gkg.present.report import Report

#: What ``kg.networkx()`` and ``kg.show()`` draw when given nothing: the whole graph.
WHOLE = None


class KnowledgeGraph:
    """A graph store with gkg's named queries, renderer and analytics attached."""

    def __init__(
        self,
        settings: StoreSettings,
        query_dirs: Sequence[str | Path] = (),
        *,
        store: GraphStore | None = None,
    ):
        self.settings = settings
        self._query_dirs = [Path(d) for d in query_dirs]
        self._catalogue: Catalogue | None = None
        self._store = store
        #: The date of a past view (``as_of``), None for today's graph.
        self.as_of_date: str | None = None

    @classmethod
    def over(cls, store: GraphStore, query_dirs: Sequence[str | Path] = ()) -> KnowledgeGraph:
        """The core over a store that is already open."""
        return cls(store.settings, query_dirs, store=store)

    # --- the store ----------------------------------------------------------------------

    @property
    def store(self) -> GraphStore:
        """The graph store, connected on first use (the embedded server starts if need be)."""
        if self._store is None:
            self._store = open_settings(self.settings)
        return self._store

    def info(self) -> StoreInfo:
        """Which store this is, where, and how much it holds."""
        return self.store.info()

    def require_loaded(self) -> None:
        """:class:`StoreError` unless a graph has been loaded."""
        if not self.store.is_loaded():
            raise StoreError("the graph is not loaded yet; run `gkg load` first")

    def server_status(self) -> ServerStatus:
        """The embedded server of this data folder (:class:`StoreError` for Neo4j)."""
        return self._local_server().status()

    def stop_server(self) -> bool:
        """Save and stop the embedded server of this store's data folder (False if the
        store is Neo4j, or no server ran). The next use starts it again."""
        server = local_server(self.settings)
        if server is None:
            return False
        if self._store is not None:
            self._store.close()  # the store reconnects (and restarts the server) on next use
        return server.stop()

    def _local_server(self) -> LocalServer:
        server = local_server(self.settings)
        if server is None:
            raise StoreError(
                f"the configured store is {self.settings.describe()}, not the embedded one; "
                "`gkg server` manages only the embedded store (unset NEO4J_URI to use it)"
            )
        return server

    @contextmanager
    def as_of(self, date: str | None) -> Iterator[KnowledgeGraph]:
        """The graph as it was known on ``date`` (YYYY-MM-DD; YYYY-MM and YYYY mean their
        last day): only facts whose sources were published by then, each with the value
        current then. ``None``: today's graph (this object). Nothing stored changes::

            with kg.as_of("2023-12-31") as then:
                then.query("data-center")
        """
        if date is None:
            yield self
            return
        from gkg.catalogue.values import as_of_date

        day = as_of_date(date)
        self.require_loaded()
        with self.store.as_of(day) as view:
            past = KnowledgeGraph(self.settings, self._query_dirs, store=view)
            past._catalogue = self._catalogue
            past.as_of_date = day
            yield past

    def close(self) -> None:
        """Close the connection; the embedded server keeps running for other users."""
        if self._store is not None:
            self._store.close()
            self._store = None

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<KnowledgeGraph on {self.settings.kind} store>"

    # --- loading ------------------------------------------------------------------------

    def validate(self, *paths: str | Path) -> Seed:
        """Read and check seed files (default: the shipped seed) on their own, without the
        store; :meth:`check` also checks them against what is stored."""
        from gkg.loaders.load import default_seed_paths
        from gkg.loaders.validate import validate_files

        return validate_files(list(paths) or default_seed_paths())

    def check(self, *paths: str | Path, replace: bool = False) -> FileCheck:
        """Every check ``load`` makes, writing nothing: the files, and against the stored
        datasets a load of them would keep (their nodes may be referred to; their ids may not
        be declared again; their references may not lose their nodes)."""
        from gkg.loaders.load import check_files, default_seed_paths

        return check_files(self.store, list(paths) or default_seed_paths(), replace=replace)

    def load(
        self,
        *paths: str | Path,
        replace: bool = False,
        progress: Progress | None = None,
        stage: Callable[[str], None] | None = None,
    ) -> LoadSummary:
        """Validate seed files (default: the shipped seed, as dataset ``seed``) and load them
        atomically. Each file is a dataset (its ``dataset:`` name, else its path): only the
        datasets named are replaced and the others stay, unless ``replace`` is true, which
        replaces the whole graph."""
        from gkg.loaders.load import default_seed_paths, load_files

        files = list(paths) or default_seed_paths()
        return load_files(self.store, files, progress, replace=replace, stage=stage)

    def load_seed(
        self, seed: Seed, progress: Progress | None = None, *, replace: bool = False
    ) -> LoadSummary:
        """Load a validated seed, atomically: its datasets, or the whole graph with
        ``replace``."""
        from gkg.loaders.load import load_seed

        return load_seed(self.store, seed, progress, replace=replace)

    def datasets(self) -> list[DatasetEntry]:
        """The loaded datasets: name, file, content digest, counts and when loaded."""
        from gkg.loaders.load import datasets

        return datasets(self.store)

    def unload(self, name: str) -> LoadSummary:
        """Remove one dataset, atomically (refused while other datasets refer to it)."""
        from gkg.loaders.load import unload

        return unload(self.store, name)

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
        from gkg.runner import run_query

        return run_query(self.store, self.catalogue, name, {**(params or {}), **kw})

    def cypher(self, text: str, params: Mapping[str, Any] | None = None, /, **kw: Any) -> Result:
        """Run ad-hoc read-only Cypher with parameters (the engine refuses writes)."""
        return self.store.run(text, {**(params or {}), **kw})

    def entity(self, text: str) -> Node:
        """The entity with this id, English or Korean name, or alias (any case)."""
        from gkg.lookup import resolve

        return resolve(self.store, text)

    # --- the graph itself ---------------------------------------------------------------

    def whole_graph(self) -> tuple[list[Node], list[Relationship]]:
        """Every node (source articles too) and every relationship, in id order."""
        return whole_graph(self.store)

    def entities(self) -> tuple[list[Node], list[Relationship]]:
        """The ecosystem without its source articles (which no relationship touches)."""
        nodes, rels = self.whole_graph()
        return without_sources(nodes), rels

    def source_documents(self) -> dict[str, Node]:
        """Every source article by id, to describe citations."""
        from gkg.schema import SOURCE_LABEL

        found = self.store.run(f"MATCH (n:{SOURCE_LABEL}) RETURN n ORDER BY n.id").column("n")
        return {node.id: node for node in found}

    def neighbourhood(self, text: str, depth: int = 1) -> tuple[list[Node], list[Relationship]]:
        """The entity ``text`` names and everything within ``depth`` hops of it."""
        from gkg.lookup import neighbourhood

        return neighbourhood(self.store, text, depth)

    def claims(self) -> list[Node]:
        """Every stored claim (one per claimed value and source), by id: earlier and later
        values of the facts the sources disagree on or update."""
        from gkg.schema import CLAIM_LABEL

        found: list[Node] = self.store.run(
            f"MATCH (c:{CLAIM_LABEL}) RETURN c ORDER BY c.id"
        ).column("c")
        return found

    def export(self, fmt: str) -> str:
        """The whole graph, source articles and claims included, as ``json``, ``graphml``
        or ``cypher``."""
        from gkg.present.export import export_text

        nodes, rels = self.whole_graph()
        return export_text(nodes, rels, fmt, self.claims())

    # --- analytics ----------------------------------------------------------------------

    def networkx(self, source: GraphLike = WHOLE) -> nx.MultiDiGraph:
        """A networkx graph of a query result, or of the whole graph without its sources."""
        from gkg.analytics import to_networkx

        return to_networkx(self.store if source is WHOLE else source)

    def connection(self, a: str, b: str, *, lang: str = "en") -> Connection:
        """The shortest connection between two entities, ignoring direction."""
        from gkg.analytics import shortest_connection

        return shortest_connection(self.store, a, b, lang=lang)

    def centrality(self, top: int = 10, by: str = "degree") -> Result:
        """The ``top`` entities by ``degree`` or ``betweenness`` centrality."""
        from gkg.analytics import centrality_result

        return centrality_result(self.networkx(), top, by)

    def components(self) -> Result:
        """Connected components (direction ignored), largest first."""
        from gkg.analytics import components, groups_result

        graph = self.networkx()
        return groups_result(graph, components(graph), "component")

    def communities(self) -> Result:
        """Louvain communities (seeded, so stable), largest first."""
        from gkg.analytics import communities, groups_result

        graph = self.networkx()
        return groups_result(graph, communities(graph), "community")

    # --- pictures and the report --------------------------------------------------------

    def page(self, path: str | Path, source: GraphLike = WHOLE, **options: Any) -> Path:
        """Write one offline HTML page drawing ``source`` (default: the whole graph without
        its sources); options as for :func:`gkg.present.pages.render_page`."""
        from gkg.present.pages import write_html

        value = self.entities() if source is WHOLE else source
        return write_html(path, value, sources=self.source_documents(), **options)

    def show(
        self, source: GraphLike = WHOLE, *, lang: str = "en", height: int = 600
    ) -> NotebookGraph:
        """Draw a result (or the whole graph) inline in a notebook, offline."""
        from gkg.present.pages import show

        value = self.whole_graph() if source is WHOLE else source
        return show(value, lang=lang, height=height, sources=self.source_documents())

    def report(self, folder: str | Path, *, lang: str = "en") -> Report:
        """Run every named query and write the offline report site into ``folder``."""
        from gkg.present.report import write_report

        self.require_loaded()
        return write_report(self, folder, lang=lang)


def open(  # gkg.open reads naturally, like io.open
    uri: str | None = None,
    *,
    home: str | Path | None = None,
    username: str | None = None,
    database: str | None = None,
    queries: Sequence[str | Path] = (),
) -> KnowledgeGraph:
    """Open the embedded store (``GKG_HOME`` or ``./.gkg``), or Neo4j when ``uri`` or
    ``NEO4J_URI`` is set (password from ``NEO4J_PASSWORD``). Connects at once, so a store
    that cannot be reached says so here."""
    settings = store_settings(uri, username=username, database=database, home=home)
    kg = KnowledgeGraph(settings, queries)
    kg.store  # noqa: B018  (connect now)
    return kg
