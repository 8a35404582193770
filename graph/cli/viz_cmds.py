"""``gkg viz``, ``gkg analyze ...`` and ``gkg report``: pages and analytics.

Heavy imports (pyvis, networkx) happen inside the commands, so other commands start fast.
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Any

import typer

from gkg.cli.common import err, store_from
from gkg.errors import GkgError, StoreError

analyze_app = typer.Typer(
    help="Analyse the graph with networkx: centrality, components, communities, paths.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


class Lang(str, Enum):
    en = "en"
    ko = "ko"


class Format(str, Enum):
    table = "table"
    json = "json"


LANG_HELP = "Language of node labels: en or ko."
QUERIES_HELP = "Another folder of .cypher queries (repeatable; also GKG_QUERIES)."
OPEN_HELP = "Open the page in a web browser when one is available."


def _loaded(ctx: typer.Context):
    store = store_from(ctx)
    if not store.is_loaded():
        store.close()
        raise StoreError("the graph is not loaded yet; run `gkg load` first")
    return store


def open_in_browser(path: Path) -> bool:
    """Open a local page in a browser if there is one to show it; never waits for it.

    On Linux without ``DISPLAY``/``WAYLAND_DISPLAY`` (and no ``BROWSER`` set) there is
    nothing to show a page on, so nothing is tried.
    """
    if (
        sys.platform.startswith("linux")
        and not os.environ.get("BROWSER")
        and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    ):
        return False
    import webbrowser

    try:
        return bool(webbrowser.open(path.absolute().as_uri(), new=2))
    except Exception:  # a broken browser set-up must not fail a finished report
        return False


def _announce(path: Path, open_it: bool) -> None:
    print(path)
    if open_it and not open_in_browser(path):
        err(f"no browser to open it with here; open {path.as_uri()} yourself")


# --- gkg viz ---------------------------------------------------------------------------------


def viz(
    ctx: typer.Context,
    query: str = typer.Option(None, "--query", "-q", help="Draw this named query's answer."),
    param: list[str] = typer.Option(
        None, "--param", "-p", help="A query parameter as key=value (repeatable)."
    ),
    around: str = typer.Option(
        None, "--around", help="Draw the neighbourhood of this entity (id, name or alias)."
    ),
    depth: int = typer.Option(1, "--depth", "-d", help="Hops around --around.", min=0),
    lang: Lang = typer.Option(Lang.en, "--lang", help=LANG_HELP),
    out: Path = typer.Option(Path("gkg-graph.html"), "--out", "-o", help="The HTML file."),
    open_it: bool = typer.Option(False, "--open", help=OPEN_HELP),
    queries: list[Path] = typer.Option(None, "--queries", help=QUERIES_HELP, show_default=False),
) -> None:
    """Draw the whole graph, a named query's answer or an entity's neighbourhood as one
    offline HTML page."""
    from gkg.present import pages

    if query and around:
        raise GkgError("give --query or --around, not both")
    if param and not query:
        raise GkgError("--param needs --query")
    with _loaded(ctx) as store:
        sources = pages.source_documents(store)
        if query:
            value, title = _query_graph(store, query, param or [], queries or [])
        elif around:
            from gkg.analytics import neighbourhood
            from gkg.lookup import resolve

            value = neighbourhood(store, around, depth)
            centre = resolve(store, around).display_name(lang.value)
            title = f"Around {centre} ({depth} hop{'s' if depth != 1 else ''})"
        else:
            from gkg.stores.base import whole_graph

            nodes, rels = whole_graph(store)
            value = ([n for n in nodes if n.label != pages.SOURCE_LABEL], rels)
            title = "The whole graph"
        nodes, rels = pages.graph_of(value)
        path = pages.write_html(
            out,
            value,
            title=title,
            subtitle=f"{len(nodes)} nodes, {len(rels)} relationships",
            lang=lang.value,
            sources=sources,
        )
    _announce(path, open_it)


def _query_graph(store: Any, name: str, pairs: list[str], dirs: list[Path]) -> tuple[Any, str]:
    from gkg.catalogue import Catalogue, parse_assignments

    catalogue = Catalogue.load(dirs)
    result = catalogue.run(store, name, parse_assignments(pairs))
    if not result.has_graph():
        raise GkgError(
            f"query {name!r} answers with a table, not nodes or relationships; "
            f"see it with `gkg query {name}`"
        )
    return result, catalogue.get(name).title


# --- gkg analyze -------------------------------------------------------------------------------


def _emit(result: Any, fmt: Format) -> None:
    from gkg.present.tables import render

    print(render(result, fmt.value), end="")


def _graph(ctx: typer.Context):
    from gkg.analytics import to_networkx

    with _loaded(ctx) as store:
        return to_networkx(store)


@analyze_app.command("centrality")
def centrality(
    ctx: typer.Context,
    top: int = typer.Option(10, "--top", "-n", help="How many entities to list.", min=1),
    by: str = typer.Option("degree", "--by", help="degree or betweenness."),
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="table or json."),
) -> None:
    """The most central entities by degree or betweenness."""
    from gkg.analytics import centrality_result

    _emit(centrality_result(_graph(ctx), top, by), fmt)


@analyze_app.command("components")
def components(
    ctx: typer.Context,
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="table or json."),
) -> None:
    """Connected components (direction ignored), largest first."""
    from gkg.analytics import components as find
    from gkg.analytics import groups_result

    graph = _graph(ctx)
    _emit(groups_result(graph, find(graph), "component"), fmt)


@analyze_app.command("communities")
def communities(
    ctx: typer.Context,
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="table or json."),
) -> None:
    """Communities found by the Louvain method (seeded, so stable), largest first."""
    from gkg.analytics import communities as find
    from gkg.analytics import groups_result

    graph = _graph(ctx)
    _emit(groups_result(graph, find(graph), "community"), fmt)


@analyze_app.command("path")
def path(
    ctx: typer.Context,
    start: str = typer.Argument(..., help="One entity: id, name or alias."),
    end: str = typer.Argument(..., help="The other entity."),
    lang: Lang = typer.Option(Lang.en, "--lang", help=LANG_HELP),
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="table or json."),
) -> None:
    """The shortest connection between two entities, as a readable chain."""
    from gkg.analytics import connection_result, shortest_connection

    with _loaded(ctx) as store:
        connection = shortest_connection(store, start, end, lang=lang.value)
    if fmt is Format.json:
        _emit(connection_result(connection), fmt)
        return
    hops = len(connection)
    print(connection.chain())
    print(f"({hops} hop{'s' if hops != 1 else ''})")


@analyze_app.command("graphml")
def graphml(
    ctx: typer.Context,
    out: Path = typer.Option(Path("gkg.graphml"), "--out", "-o", help="The GraphML file."),
) -> None:
    """Export the whole graph as GraphML (lists become JSON strings)."""
    from gkg.analytics import write_graphml

    graph = _graph(ctx)
    written = write_graphml(graph, out)
    print(written)
    err(f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} relationships")


# --- gkg report --------------------------------------------------------------------------------


def report(
    ctx: typer.Context,
    out: Path = typer.Option(Path("report"), "--out", "-o", help="Folder to write into."),
    lang: Lang = typer.Option(Lang.en, "--lang", help=LANG_HELP),
    open_it: bool = typer.Option(False, "--open", help=OPEN_HELP),
    queries: list[Path] = typer.Option(None, "--queries", help=QUERIES_HELP, show_default=False),
) -> None:
    """Run every named query and write an offline report: an index page linking a page
    per query, the whole graph and the analytics."""
    from gkg.catalogue import Catalogue
    from gkg.present.report import write_report

    catalogue = Catalogue.load(queries or [])
    with _loaded(ctx) as store:
        done = write_report(store, out, lang=lang.value, catalogue=catalogue)
    drawn = sum(1 for o in done.outcomes if o.drawn)
    err(
        f"report: {len(done.outcomes)} named queries ({drawn} drawn as graphs) "
        f"in {done.seconds:.1f}s"
    )
    for failure in done.failures:
        err(f"  {failure.query.name} failed: {failure.error}")
    _announce(done.index, open_it)
    if done.failures:
        raise GkgError(f"{len(done.failures)} named queries failed; their pages say why")


def register(app: typer.Typer) -> None:
    """Add ``viz``, ``analyze`` and ``report`` to the ``gkg`` command."""
    app.command("viz")(viz)
    app.add_typer(analyze_app, name="analyze")
    app.command("report")(report)
