"""The offline report: every named query, the whole graph and its analytics, as HTML.

``write_report(store, folder)`` writes::

    index.html             links to everything below, and a search across it all
    graph.html             the whole graph
    analytics.html         centrality, every component, communities; GraphML download
    gkg.graphml            the whole graph for Gephi, yEd, Cytoscape
    queries/NAME.html      one page per named query: its table, and its graph if it has one
    entities/ID.html       one page per entity: facts, sources, relationships, ego graph
    sources/ID.html        one page per source document: everything it states
    assets/                vis-network (from pyvis), the explore code, the whole graph
                           (whole.js, for "expand") and the index's search, shared

No page loads anything from the network; every seed string is escaped. Entity names in
every table link to their pages.
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
from gkg.present.document import whole_document
from gkg.present.report_site import (
    Site,
    back,
    search_block,
    write_entity_pages,
    write_source_pages,
)
from gkg.present.report_tables import MAX_TABLE_ROWS, Linker, analytics_sections, table_html

if TYPE_CHECKING:
    from gkg.catalogue import Catalogue, NamedQuery

__all__ = ["MAX_TABLE_ROWS", "QueryOutcome", "Report", "ReportSource", "write_report"]

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
    sources = source.source_documents()
    entities, rels = source.entities()
    whole = whole_document(entities, rels, sources)
    pages.copy_assets(root / "assets", whole)
    _write(root / "assets" / "site-search.js", pages.static_text("site-search.js"))
    site = Site(root, list(entities), list(rels), sources, whole, lang)
    pages.write_html(
        root / "graph.html",
        (entities, rels),
        title="The whole graph",
        subtitle=f"{len(entities)} entities, {len(rels)} relationships",
        lang=lang,
        sources=sources,
        assets=pages.Assets("assets"),
        before=back("index.html"),
        entity_pages="entities/",
    )
    _write(root / "gkg.graphml", source.export("graphml"))
    graph = analytics.build_graph(entities, rels)
    _write(root / "analytics.html", _analytics_page(graph, lang, site.linker))
    write_entity_pages(site)
    write_source_pages(site)
    outcomes = [_query_page(source, query, site) for query in source.catalogue]
    index = root / "index.html"
    _write(index, _index_page(outcomes, site))
    return Report(root, index, outcomes, time.monotonic() - started)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


# --- one query ---------------------------------------------------------------------------


def report_params(query: NamedQuery) -> dict[str, Any]:
    """Values for the report run: examples for required parameters, defaults otherwise."""
    return {p.name: p.example for p in query.params if p.required and p.example != ""}


def _query_page(source: ReportSource, query: NamedQuery, site: Site) -> QueryOutcome:
    page = site.root / "queries" / f"{query.name}.html"
    outcome = QueryOutcome(query, page, report_params(query))
    try:
        result = source.query(query.name, outcome.params)
    except UnknownEntityError as exc:
        if getattr(source, "as_of_date", None) is not None:
            # a report as of a date: the default entity was not known yet; no failure
            intro = _query_intro(query, outcome.params)
            body = f'<p class="note">Nothing to show: {html.escape(str(exc))}.</p>'
            _write(page, _plain_page(query.title, intro + body))
            return outcome
        outcome.error = str(exc)
        result = None
    except GkgError as exc:
        outcome.error = str(exc)
        result = None
    intro = _query_intro(query, outcome.params)
    if result is None:
        body = f'<p class="error">This query failed: {html.escape(outcome.error)}</p>'
        _write(page, _plain_page(query.title, intro + body))
        return outcome
    outcome.rows = len(result)
    table = table_html(result, site.linker.at("../entities/"))
    nodes, rels = graph_of(result)
    if nodes or rels:
        outcome.drawn = True
        pages.write_html(
            page,
            (nodes, rels),
            title=query.title,
            subtitle=f"{query.name}: {len(nodes)} nodes, {len(rels)} relationships",
            lang=site.lang,
            sources=site.sources,
            assets=pages.Assets("../assets", whole=True),
            before=back("../index.html"),
            after=f'<div class="content">{intro}{table}</div>',
            whole=site.whole,
            entity_pages="../entities/",
        )
    else:
        _write(page, _plain_page(query.title, intro + table))
    return outcome


def _plain_page(title: str, content: str) -> str:
    body = (
        f"<header><h1>{html.escape(title)}</h1>{back('../index.html')}</header>"
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


# --- analytics -----------------------------------------------------------------------------


def _analytics_page(graph: Any, lang: str, linker: Linker) -> str:
    body = (
        f"<header><h1>Analytics</h1><p>{graph.number_of_nodes()} entities, "
        f"{graph.number_of_edges()} relationships</p>{back('index.html')}</header>"
        f'<main class="content">{"".join(analytics_sections(graph, linker))}</main>'
    )
    return pages.page_html(title="gkg analytics", body=body, lang=lang)


# --- the index -------------------------------------------------------------------------------


def _index_page(outcomes: Sequence[QueryOutcome], site: Site) -> str:
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
        f"{search_block(site)}<h2>Views</h2><ul>"
        '<li><a href="graph.html">The whole graph</a></li>'
        '<li><a href="analytics.html">Analytics: centrality, components, communities</a></li>'
        '<li><a href="gkg.graphml">GraphML export</a></li></ul>'
        f"<h2>Entities ({len(site.entities)}) and sources ({len(site.sources)})</h2>"
        f"{_entity_index(site)}"
        f"<h2>Named queries ({len(outcomes)})</h2>{status}{''.join(blocks)}"
    )
    body = (
        f"<header><h1>{html.escape(TITLE)}</h1><p>{len(site.entities)} entities, "
        f"{len(site.rels)} relationships, {len(site.sources)} sources</p></header>"
        f'<main class="content">{content}</main>'
    )
    return pages.page_html(title=TITLE, body=body, lang=site.lang)


def _entity_index(site: Site) -> str:
    """Every entity by label, and every source, as links (in a closed disclosure)."""
    from gkg.present.styles import label_name, label_order

    by_label: dict[str, list[Node]] = {}
    for node in site.entities:
        by_label.setdefault(node.label, []).append(node)
    rows = []
    for label in label_order(by_label):
        names = sorted(by_label[label], key=lambda n: n.display_name(site.lang).lower())
        links = ", ".join(site.linker.link(n.id, n.display_name(site.lang)) for n in names)
        rows.append(f"<p><strong>{html.escape(label_name(label, site.lang))}</strong>: {links}</p>")
    docs = ", ".join(site.source_link(doc_id, "sources/") for doc_id in sorted(site.sources))
    return (
        f"<details><summary>All entities</summary>{''.join(rows)}</details>"
        f"<details><summary>All sources</summary><p>{docs}</p></details>"
    )


def _index_row(outcome: QueryOutcome) -> str:
    query = outcome.query
    href = html.escape(f"queries/{outcome.page.name}", quote=True)
    rows = '<span class="error">failed</span>' if outcome.error else str(outcome.rows)
    return (
        f'<tr><td><a href="{href}">{html.escape(query.name)}</a></td>'
        f"<td>{html.escape(query.title)}</td><td>{rows}</td>"
        f"<td>{'yes' if outcome.drawn else ''}</td></tr>"
    )
