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

from gkg.cli.common import as_of_option, core_from, err
from gkg.core import KnowledgeGraph
from gkg.errors import GkgError
from gkg.model import Result, graph_of

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


def _loaded(ctx: typer.Context, queries: list[Path] | None = None) -> KnowledgeGraph:
    """The core over a store that holds a loaded graph (:class:`StoreError` otherwise)."""
    kg = core_from(ctx, queries)
    try:
        kg.require_loaded()
    except BaseException:
        kg.close()
        raise
    return kg


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
    as_of: str = as_of_option(),
) -> None:
    """Draw the whole graph, a named query's answer or an entity's neighbourhood as one
    offline HTML page."""
    if query and around:
        raise GkgError("give --query or --around, not both")
    if param and not query:
        raise GkgError("--param needs --query")
    with _loaded(ctx, queries) as today, today.as_of(as_of) as kg:
        value: Any
        if query:
            value, title = _query_graph(kg, query, param or [])
        elif around:
            value = kg.neighbourhood(around, depth)
            centre = kg.entity(around).display_name(lang.value)
            title = f"Around {centre} ({depth} hop{'s' if depth != 1 else ''})"
        else:
            value = kg.entities()
            title = "The whole graph"
        nodes, rels = graph_of(value)
        if as_of:
            title += f" (as known on {as_of})"
        options: dict[str, Any] = {}
        if query or around:  # a part of the graph: embed the whole for "expand" and search
            from gkg.present.document import whole_document

            options["whole"] = whole_document(*kg.entities(), kg.source_documents())
        path = kg.page(
            out,
            value,
            title=title,
            subtitle=f"{len(nodes)} nodes, {len(rels)} relationships",
            lang=lang.value,
            **options,
        )
    _announce(path, open_it)


def _query_graph(kg: KnowledgeGraph, name: str, pairs: list[str]) -> tuple[Result, str]:
    from gkg.catalogue import parse_assignments

    result = kg.query(name, parse_assignments(pairs))
    if not result.has_graph():
        raise GkgError(
            f"query {name!r} answers with a table, not nodes or relationships; "
            f"see it with `gkg query {name}`"
        )
    return result, kg.describe(name).title


# --- gkg analyze -------------------------------------------------------------------------------


def _emit(result: Any, fmt: Format) -> None:
    from gkg.cli.output import emit

    emit(result, fmt.value, None)


@analyze_app.command("centrality")
def centrality(
    ctx: typer.Context,
    top: int = typer.Option(10, "--top", "-n", help="How many entities to list.", min=1),
    by: str = typer.Option("degree", "--by", help="degree or betweenness."),
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="table or json."),
) -> None:
    """The most central entities by degree or betweenness."""
    with _loaded(ctx) as kg:
        _emit(kg.centrality(top, by), fmt)


@analyze_app.command("components")
def components(
    ctx: typer.Context,
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="table or json."),
) -> None:
    """Connected components (direction ignored), largest first."""
    with _loaded(ctx) as kg:
        _emit(kg.components(), fmt)


@analyze_app.command("communities")
def communities(
    ctx: typer.Context,
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="table or json."),
) -> None:
    """Communities found by the Louvain method (seeded, so stable), largest first."""
    with _loaded(ctx) as kg:
        _emit(kg.communities(), fmt)


@analyze_app.command("path")
def path(
    ctx: typer.Context,
    start: str = typer.Argument(..., help="One entity: id, name or alias."),
    end: str = typer.Argument(..., help="The other entity."),
    lang: Lang = typer.Option(Lang.en, "--lang", help=LANG_HELP),
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="table or json."),
) -> None:
    """The shortest connection between two entities, as a readable chain."""
    from gkg.analytics import connection_result

    with _loaded(ctx) as kg:
        connection = kg.connection(start, end, lang=lang.value)
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
    """Export the whole graph as GraphML, as `gkg export --format graphml` does (source
    articles included; lists become JSON strings)."""
    from gkg.present.export import export_text

    with _loaded(ctx) as kg:
        nodes, rels = kg.whole_graph()
    target = out.absolute()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(export_text(nodes, rels, "graphml"), encoding="utf-8")
    print(target)
    err(f"{len(nodes)} nodes, {len(rels)} relationships")


# --- gkg report --------------------------------------------------------------------------------


def report(
    ctx: typer.Context,
    out: Path = typer.Option(Path("report"), "--out", "-o", help="Folder to write into."),
    lang: Lang = typer.Option(Lang.en, "--lang", help=LANG_HELP),
    open_it: bool = typer.Option(False, "--open", help=OPEN_HELP),
    queries: list[Path] = typer.Option(None, "--queries", help=QUERIES_HELP, show_default=False),
    as_of: str = as_of_option(),
) -> None:
    """Run every named query and write an offline report: an index page linking a page
    per query, the whole graph and the analytics."""
    with _loaded(ctx, queries) as today, today.as_of(as_of) as kg:
        kg.catalogue  # noqa: B018  (a bad query folder is reported before any page is written)
        done = kg.report(out, lang=lang.value)
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
