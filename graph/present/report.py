"""The offline report: every named query, the whole graph and its analytics, as HTML.

``write_report(store, folder)`` writes::

    index.html             links to everything below
    graph.html             the whole graph
    analytics.html         centrality, components, communities; GraphML download
    gkg.graphml            the whole graph for Gephi, yEd, Cytoscape
    queries/NAME.html      one page per named query: its table, and its graph if it has one
    assets/                vis-network's CSS and JS (from pyvis), shared by the pages

No page loads anything from the network; every seed string is escaped.
"""

from __future__ import annotations

import html
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from gkg.errors import GkgError, UnknownEntityError
from gkg.model import Node, Relationship, Result, graph_of
from gkg.present import pages

if TYPE_CHECKING:
    from gkg.catalogue import Catalogue, NamedQuery

#: Most rows a query page shows in its table.
MAX_TABLE_ROWS = 1000
TITLE = "Gwangju AI-ecosystem knowledge graph"


@dataclass
class QueryOutcome:
    """What running one named query for the report gave."""

    query: NamedQuery
    page: Path
    params: dict[str, Any] = field(default_factory=dict)
    rows: int = 0
    drawn: bool = False
    error: str = ""


@dataclass
class Report:
    """Where the report was written and how each query went."""

    folder: Path
    index: Path
    outcomes: list[QueryOutcome]
    seconds: float = 0.0

    @property
    def failures(self) -> list[QueryOutcome]:
        return [o for o in self.outcomes if o.error]


class ReportSource(Protocol):
    """What the report reads: the application core (:class:`gkg.core.KnowledgeGraph`)."""

    @property
    def catalogue(self) -> Catalogue: ...

    def query(self, name: str, params: Mapping[str, Any] | None = None, /) -> Result: ...

    def entities(self) -> tuple[list[Node], list[Relationship]]: ...

    def source_documents(self) -> dict[str, Node]: ...

    def export(self, fmt: str) -> str: ...


def write_report(source: ReportSource, folder: str | Path, *, lang: str = "en") -> Report:
    """Run every named query of ``source`` and write the report site into ``folder``."""
    from gkg import analytics

    pages.check_lang(lang)
    started = time.monotonic()
    root = Path(folder).absolute()
    (root / "queries").mkdir(parents=True, exist_ok=True)
    pages.copy_assets(root / "assets")
    sources = source.source_documents()
    entities, rels = source.entities()
    pages.write_html(
        root / "graph.html",
        (entities, rels),
        title="The whole graph",
        subtitle=f"{len(entities)} entities, {len(rels)} relationships",
        lang=lang,
        sources=sources,
        assets=pages.Assets("assets"),
        before=_back("index.html"),
    )
    _write(root / "gkg.graphml", source.export("graphml"))
    graph = analytics.build_graph(entities, rels)
    _write(root / "analytics.html", _analytics_page(graph, lang))
    outcomes = [_query_page(source, query, root, lang, sources) for query in source.catalogue]
    index = root / "index.html"
    _write(index, _index_page(outcomes, entities, rels, sources))
    return Report(root, index, outcomes, time.monotonic() - started)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _back(href: str) -> str:
    return f'<p><a href="{html.escape(href, quote=True)}">← all queries and views</a></p>'


# --- one query ---------------------------------------------------------------------------


def report_params(query: NamedQuery) -> dict[str, Any]:
    """Values for the report run: examples for required parameters, defaults otherwise."""
    return {p.name: p.example for p in query.params if p.required and p.example != ""}


def _query_page(
    source: ReportSource,
    query: NamedQuery,
    root: Path,
    lang: str,
    sources: Mapping[str, Node],
) -> QueryOutcome:
    page = root / "queries" / f"{query.name}.html"
    outcome = QueryOutcome(query, page, report_params(query))
    try:
        result = source.query(query.name, outcome.params)
    except UnknownEntityError as exc:  # e.g. not yet known in a report as of a date
        intro = _query_intro(query, outcome.params)
        body = f'<p class="note">Nothing to show: {html.escape(str(exc))}.</p>'
        _write(page, _plain_page(query.title, intro + body))
        return outcome
    except GkgError as exc:
        outcome.error = str(exc)
        result = None
    intro = _query_intro(query, outcome.params)
    if result is None:
        body = f'<p class="error">This query failed: {html.escape(outcome.error)}</p>'
        _write(page, _plain_page(query.title, intro + body))
        return outcome
    outcome.rows = len(result)
    table = _table_html(result)
    nodes, rels = graph_of(result)
    if nodes or rels:
        outcome.drawn = True
        pages.write_html(
            page,
            (nodes, rels),
            title=query.title,
            subtitle=f"{query.name}: {len(nodes)} nodes, {len(rels)} relationships",
            lang=lang,
            sources=sources,
            assets=pages.Assets("../assets"),
            before=_back("../index.html"),
            after=f'<div class="content">{intro}{table}</div>',
        )
    else:
        _write(page, _plain_page(query.title, intro + table))
    return outcome


def _plain_page(title: str, content: str) -> str:
    body = (
        f"<header><h1>{html.escape(title)}</h1>{_back('../index.html')}</header>"
        f'<main class="content">{content}</main>'
    )
    return pages.page_html(title=title, body=body)


def _query_intro(query: NamedQuery, params: Mapping[str, Any]) -> str:
    parts = [f"<p>{html.escape(query.description)}</p>" if query.description else ""]
    if query.params:
        items = "".join(
            f"<li><code>{html.escape(p.name)}</code> ({html.escape(p.type)}) = "
            f"{html.escape(_param_shown(p, params))}"
            + (f" — {html.escape(p.description)}" if p.description else "")
            + "</li>"
            for p in query.params
        )
        parts.append(f"<p>Parameters used:</p><ul>{items}</ul>")
    command = f"gkg query {query.name}" + "".join(f" --param {k}={v}" for k, v in params.items())
    parts.append(f'<p class="muted">Run it yourself: <code>{html.escape(command)}</code></p>')
    parts.append(
        f"<details><summary>{html.escape(query.engine)} text</summary>"
        f"<pre>{html.escape(query.text)}</pre></details>"
    )
    return "".join(parts)


def _param_shown(param: Any, params: Mapping[str, Any]) -> str:
    if param.name in params:
        return str(params[param.name])
    return "null" if param.default is None else str(param.default)


def _table_html(result: Result) -> str:
    """The result as an escaped HTML table (first :data:`MAX_TABLE_ROWS` rows)."""
    from gkg.present.tables import cell_text

    count = len(result)
    head = "".join(f"<th>{html.escape(c)}</th>" for c in result.columns)
    body = "".join(
        "<tr>" + "".join(_cell(v, cell_text(v, group_digits=True)) for v in row) + "</tr>"
        for row in result.rows[:MAX_TABLE_ROWS]
    )
    note = f"{count} row{'s' if count != 1 else ''}"
    if count > MAX_TABLE_ROWS:
        note += f"; the first {MAX_TABLE_ROWS} are shown"
    return (
        f'<p class="muted">{note}</p><div class="scroll"><table><tr>{head}</tr>{body}</table></div>'
    )


def _cell(value: Any, text: str) -> str:
    numeric = isinstance(value, (int, float)) and not isinstance(value, bool)
    tag = '<td class="num">' if numeric else "<td>"
    return f"{tag}{html.escape(text)}</td>"


# --- analytics -----------------------------------------------------------------------------


def _analytics_page(graph: Any, lang: str) -> str:
    from gkg import analytics

    scores = analytics.centrality_scores(graph)
    sections = [
        "<h2>Most connected (degree centrality)</h2>",
        _table_html(analytics.centrality_result(graph, 10, "degree", scores)),
        "<h2>Brokers between parts of the graph (betweenness centrality)</h2>",
        _table_html(analytics.centrality_result(graph, 10, "betweenness", scores)),
    ]
    parts = analytics.components(graph)
    sizes = ", ".join(str(len(p)) for p in parts[:20])
    sections += [
        "<h2>Connected components</h2>",
        f"<p>{len(parts)} component{'s' if len(parts) != 1 else ''}; sizes: "
        f"{html.escape(sizes)}{' …' if len(parts) > 20 else ''}</p>",
        _table_html(analytics.groups_result(graph, parts[1:], "component"))
        if len(parts) > 1
        else "",
        "<h2>Communities (Louvain, seeded)</h2>",
        _table_html(analytics.groups_result(graph, analytics.communities(graph), "community")),
        "<h2>Export</h2>",
        '<p><a href="gkg.graphml">gkg.graphml</a>: the whole graph for Gephi, yEd or '
        "Cytoscape (list values are JSON strings).</p>",
    ]
    body = (
        f"<header><h1>Analytics</h1><p>{graph.number_of_nodes()} entities, "
        f"{graph.number_of_edges()} relationships</p>{_back('index.html')}</header>"
        f'<main class="content">{"".join(sections)}</main>'
    )
    return pages.page_html(title="gkg analytics", body=body, lang=lang)


# --- the index -------------------------------------------------------------------------------


def _index_page(
    outcomes: Sequence[QueryOutcome],
    nodes: Sequence[Node],
    rels: Sequence[Relationship],
    sources: Mapping[str, Node],
) -> str:
    by_category: dict[str, list[QueryOutcome]] = {}
    for outcome in outcomes:
        by_category.setdefault(outcome.query.category or "other", []).append(outcome)
    blocks = []
    for category in sorted(by_category):
        rows = "".join(_index_row(o) for o in by_category[category])
        blocks.append(
            f"<h3>{html.escape(category)}</h3><table><tr><th>query</th><th>question</th>"
            f"<th>rows</th><th>graph</th></tr>{rows}</table>"
        )
    failed = sum(1 for o in outcomes if o.error)
    status = f'<p class="error">{failed} queries failed; see their pages.</p>' if failed else ""
    content = (
        "<h2>Views</h2><ul>"
        '<li><a href="graph.html">The whole graph</a></li>'
        '<li><a href="analytics.html">Analytics: centrality, components, communities</a></li>'
        '<li><a href="gkg.graphml">GraphML export</a></li></ul>'
        f"<h2>Named queries ({len(outcomes)})</h2>{status}{''.join(blocks)}"
    )
    body = (
        f"<header><h1>{html.escape(TITLE)}</h1><p>{len(nodes)} entities, {len(rels)} "
        f"relationships, {len(sources)} sources</p></header>"
        f'<main class="content">{content}</main>'
    )
    return pages.page_html(title=TITLE, body=body)


def _index_row(outcome: QueryOutcome) -> str:
    query = outcome.query
    href = html.escape(f"queries/{outcome.page.name}", quote=True)
    rows = '<span class="error">failed</span>' if outcome.error else str(outcome.rows)
    return (
        f'<tr><td><a href="{href}">{html.escape(query.name)}</a></td>'
        f"<td>{html.escape(query.title)}</td><td>{rows}</td>"
        f"<td>{'yes' if outcome.drawn else ''}</td></tr>"
    )
