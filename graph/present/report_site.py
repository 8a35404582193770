"""The report's pages about one thing: a page per entity (``entities/<id>.html``: facts
with sources and quotes, relationships, ego graph) and per source document
(``sources/<id>.html``: everything it states), and the search index of the index page."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gkg.model import Node, Relationship
from gkg.present import pages
from gkg.present.document import Document
from gkg.present.records import citations, describe_source, edge_record, node_record
from gkg.present.report_tables import Linker, page_name
from gkg.present.styles import label_name


@dataclass
class Site:
    """What every page of the report shares: the graph, its sources, links, language."""

    root: Path
    entities: list[Node]
    rels: list[Relationship]
    sources: Mapping[str, Node]
    whole: Document
    lang: str = "en"
    linker: Linker = field(init=False)
    by_id: dict[str, Node] = field(init=False)

    def __post_init__(self) -> None:
        self.linker = Linker(self.entities, "entities/")
        self.by_id = {n.id: n for n in self.entities}

    def name(self, node_id: str) -> str:
        node = self.by_id.get(node_id)
        return node.display_name(self.lang) if node else node_id

    def source_link(self, doc_id: str, prefix: str) -> str:
        text = describe_source(doc_id, self.sources.get(doc_id))
        if doc_id not in self.sources:
            return html.escape(text)
        href = html.escape(prefix + page_name(doc_id), quote=True)
        return f'<a href="{href}">{html.escape(text)}</a>'


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def back(href: str) -> str:
    return f'<p><a href="{html.escape(href, quote=True)}">← all queries and views</a></p>'


def _quotes(props: Mapping[str, Any], site: Site, prefix: str) -> str:
    """The sources an element cites, each with its quote, as a list."""
    items = []
    for cited in citations(props, site.sources):
        quote = f"<blockquote>{html.escape(cited['quote'])}</blockquote>" if cited["quote"] else ""
        items.append(f"<li>{site.source_link(cited['sourceId'], prefix)}{quote}</li>")
    return f'<ol class="cites">{"".join(items)}</ol>' if items else '<p class="muted">none</p>'


def _props_table(record: Mapping[str, Any]) -> str:
    rows = "".join(
        f"<tr><th>{html.escape(p['key'])}</th><td>{html.escape(p['value'])}"
        + (f' <span class="muted">{html.escape(p["unit"])}</span>' if p["unit"] else "")
        + "</td></tr>"
        for p in record["properties"]
    )
    return f'<table class="facts">{rows}</table>' if rows else '<p class="muted">none</p>'


def _marks(record: Mapping[str, Any]) -> str:
    found = []
    for mark, value in record["marks"].items():
        text = mark if value is True else f"{mark}: {value}"
        found.append(f'<span class="mark {html.escape(mark)}">{html.escape(str(text))}</span>')
    return " ".join(found)


# --- entities --------------------------------------------------------------------------------


def write_entity_pages(site: Site) -> int:
    """One page per entity; returns how many."""
    touching: dict[str, list[Relationship]] = {n.id: [] for n in site.entities}
    for rel in site.rels:
        for end in {rel.start, rel.end}:
            if end in touching:
                touching[end].append(rel)
    for node in site.entities:
        _entity_page(site, node, touching[node.id])
    return len(site.entities)


def _entity_page(site: Site, node: Node, rels: Sequence[Relationship]) -> None:
    links = site.linker.at("")
    record = node_record(node, site.sources, len(rels))
    ids = {node.id} | {r.start for r in rels} | {r.end for r in rels}
    ego = [site.by_id[i] for i in ids if i in site.by_id]
    other = node.display_name("en" if site.lang == "ko" else "ko")
    shown = node.display_name(site.lang)
    names = f"<p>{html.escape(other)}</p>" if other != shown else ""
    aliases = ", ".join(str(a) for a in node.properties.get("aliases") or ())
    if aliases:
        names += f"<p>Also known as: {html.escape(aliases)}</p>"
    facts = (
        f"<h2>Facts</h2>{_marks(record)}{_props_table(record)}"
        f"<h2>Sources</h2>{_quotes(node.properties, site, '../sources/')}"
        f"<h2>Relationships ({len(rels)})</h2>{_relationship_table(site, node.id, rels, links)}"
    )
    page = pages.render_page(
        (ego, list(rels)),
        title=shown,
        subtitle=f"{label_name(node.label, site.lang)} · {node.id}",
        lang=site.lang,
        sources=site.sources,
        assets=pages.Assets("../assets", whole=True),
        before=back("../index.html"),
        after=f'<div class="content">{names}{facts}</div>',
        whole=site.whole,
        entity_pages="",
    )
    _write(site.root / "entities" / page_name(node.id), page)


def _relationship_table(
    site: Site, node_id: str, rels: Sequence[Relationship], links: Linker
) -> str:
    if not rels:
        return '<p class="muted">none</p>'
    rows = []
    for rel in sorted(rels, key=lambda r: (r.start != node_id, r.type, r.start, r.end)):
        record = edge_record(rel, site.sources)
        other = rel.end if rel.start == node_id else rel.start
        arrow = "→" if rel.start == node_id else "←"
        rows.append(
            f"<tr><td>{arrow} {html.escape(rel.type)}</td>"
            f"<td>{links.link(other, site.name(other))}</td>"
            f"<td>{_marks(record)}{_props_table(record)}</td>"
            f"<td>{_quotes(rel.properties, site, '../sources/')}</td></tr>"
        )
    return (
        '<div class="scroll"><table><tr><th>relationship</th><th>with</th><th>facts</th>'
        f"<th>sources</th></tr>{''.join(rows)}</table></div>"
    )


# --- sources ---------------------------------------------------------------------------------


def write_source_pages(site: Site) -> int:
    """One page per source document; returns how many."""
    cited_by: dict[str, list[Node | Relationship]] = {doc_id: [] for doc_id in site.sources}
    everything: list[Node | Relationship] = [*site.entities, *site.rels]
    for element in everything:
        for doc_id in dict.fromkeys(element.properties.get("sourceIds") or ()):
            cited_by.setdefault(str(doc_id), []).append(element)
    for doc_id, elements in cited_by.items():
        _source_page(site, doc_id, elements)
    return len(cited_by)


def _source_page(site: Site, doc_id: str, elements: Sequence[Node | Relationship]) -> None:
    links = site.linker.at("../entities/")
    doc = site.sources.get(doc_id)
    about = node_record(doc, None) if doc is not None else None
    nodes = [e for e in elements if isinstance(e, Node)]
    rels = [e for e in elements if isinstance(e, Relationship)]
    rows = []
    for element in elements:
        if isinstance(element, Node):
            what = links.link(element.id, site.name(element.id))
            kind = html.escape(label_name(element.label, site.lang))
        else:
            what = (
                f"{links.link(element.start, site.name(element.start))} "
                f"{html.escape(element.type)} {links.link(element.end, site.name(element.end))}"
            )
            kind = "relationship"
        quotes = list(element.properties.get("sourceQuotes") or ())
        ids = list(
            element.properties.get("quoteSourceIds") or element.properties.get("sourceIds") or ()
        )
        said = [str(quotes[i]) for i, d in enumerate(ids) if d == doc_id and i < len(quotes)]
        quote = "".join(f"<blockquote>{html.escape(q)}</blockquote>" for q in said if q)
        rows.append(f"<tr><td>{kind}</td><td>{what}</td><td>{quote}</td></tr>")
    title = describe_source(doc_id, doc)
    content = (
        (f"<h2>About the source</h2>{_props_table(about)}" if about else "")
        + f"<h2>What it states ({len(nodes)} entities, {len(rels)} relationships)</h2>"
        '<div class="scroll"><table><tr><th>kind</th><th>statement</th><th>quote</th></tr>'
        f"{''.join(rows)}</table></div>"
    )
    body = (
        f"<header><h1>{html.escape(title)}</h1><p>source {html.escape(doc_id)}</p>"
        f'{back("../index.html")}</header><main class="content">{content}</main>'
    )
    _write(
        site.root / "sources" / page_name(doc_id),
        pages.page_html(title=title, body=body, lang=site.lang),
    )


# --- the index page's search -------------------------------------------------------------------


def search_entries(site: Site) -> list[dict[str, str]]:
    """What the index page's search box searches: entities, their facts, relationships."""
    entries = []
    for node in site.entities:
        href = "entities/" + page_name(node.id)
        p = node.properties
        names = [node.id, p.get("name"), p.get("nameKo"), *(p.get("aliases") or ())]
        kind = label_name(node.label, site.lang)
        entries.append(
            {"k": "entity", "t": site.name(node.id), "s": kind, "h": href,
             "q": " ".join(str(n) for n in names if n)}
        )  # fmt: skip
        for prop in node_record(node, site.sources)["properties"]:
            fact = f"{prop['key']}: {prop['value']}" + (f" {prop['unit']}" if prop["unit"] else "")
            entries.append({"k": "fact", "t": f"{site.name(node.id)} — {fact}", "s": kind,
                            "h": href, "q": ""})  # fmt: skip
    for rel in site.rels:
        text = f"{site.name(rel.start)} {rel.type} {site.name(rel.end)}"
        quotes = " ".join(str(q) for q in rel.properties.get("sourceQuotes") or ())
        entries.append(
            {"k": "fact", "t": text, "s": "relationship",
             "h": "entities/" + page_name(rel.start), "q": quotes}
        )  # fmt: skip
    for doc_id, doc in site.sources.items():
        entries.append(
            {"k": "source", "t": describe_source(doc_id, doc), "s": "source",
             "h": "sources/" + page_name(doc_id), "q": doc_id}
        )  # fmt: skip
    return entries


def search_block(site: Site) -> str:
    """The index page's search box, its data and script (built with textContent)."""
    data = pages.json_for_html(search_entries(site))
    return (
        '<section class="site-search" aria-label="Search the report">'
        '<label for="site-search">Search entities, facts and sources</label> '
        '<input type="search" id="site-search" autocomplete="off" '
        'placeholder="Name, 이름, id, property or quote">'
        '<p id="site-search-status" class="muted" role="status"></p>'
        '<ol id="site-search-results"></ol></section>'
        f'<script id="gkg-search-data" type="application/json">{data}</script>'
        '<script src="assets/site-search.js"></script>'
    )
