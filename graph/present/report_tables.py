"""Tables of the report: query results and analytics as escaped HTML, with every entity
named in a cell linked to its page (``entities/<id>.html``)."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import quote

from gkg.model import Node, Path, Relationship, Result
from gkg.present.formatting import format_value

#: Most rows a query page shows in its table.
MAX_TABLE_ROWS = 1000
_SAFE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def page_name(node_id: str) -> str:
    """The file name of an entity's or source's page (ids are already file-safe)."""
    return f"{node_id if _SAFE_ID.match(node_id) else quote(node_id, safe='')}.html"


class Linker:
    """Links to entity pages from a page ``prefix`` away (``"entities/"``, ``"../entities/"``).

    A cell links when it is a node, or text that is exactly one entity's id, English or
    Korean name (names two entities share link nowhere)."""

    def __init__(self, entities: Iterable[Node], prefix: str) -> None:
        self.prefix = prefix
        self.ids: set[str] = set()
        by_name: dict[str, set[str]] = {}
        for node in entities:
            self.ids.add(node.id)
            for key in (node.id, node.properties.get("name"), node.properties.get("nameKo")):
                if key:
                    by_name.setdefault(str(key), set()).add(node.id)
        self.by_name = {k: next(iter(v)) for k, v in by_name.items() if len(v) == 1}

    def at(self, prefix: str) -> Linker:
        """The same links, from a page elsewhere."""
        other = Linker((), prefix)
        other.ids, other.by_name = self.ids, self.by_name
        return other

    def href(self, node_id: str) -> str | None:
        return self.prefix + page_name(node_id) if node_id in self.ids else None

    def link(self, node_id: str, text: str) -> str:
        """``text`` escaped, as a link to ``node_id``'s page when it has one."""
        href = self.href(node_id)
        if href is None:
            return html.escape(text)
        return f'<a href="{html.escape(href, quote=True)}">{html.escape(text)}</a>'

    def text(self, text: str) -> str:
        """Escaped text, linked when it is exactly one entity's id or name."""
        node_id = self.by_name.get(text)
        return self.link(node_id, text) if node_id else html.escape(text)

    def cell(self, value: Any, key: str = "") -> str:
        """One value as cell HTML: formatted as everywhere (:func:`format_value`), linked."""
        if isinstance(value, Node):
            return self.link(value.id, format_value(value))
        if isinstance(value, Relationship):
            arrow = html.escape(f" -{value.type}-> ")
            return self.link(value.start, value.start) + arrow + self.link(value.end, value.end)
        if isinstance(value, Path):
            return self._path(value)
        if isinstance(value, (list, tuple)) and value:
            return html.escape("; ").join(self.cell(v, key) for v in value)
        if isinstance(value, str):
            return self.text(value)
        return html.escape(format_value(value, key=key))

    def _path(self, path: Path) -> str:
        if not path.nodes:
            return ""
        first = path.nodes[0]
        parts = [self.link(first.id, first.display_name())]
        for i, rel in enumerate(path.relationships):
            here = path.nodes[i]
            nxt = path.nodes[i + 1] if i + 1 < len(path.nodes) else None
            arrow = f"-{rel.type}->" if rel.start == here.id else f"<-{rel.type}-"
            parts.append(html.escape(arrow))
            parts.append(self.link(nxt.id, nxt.display_name()) if nxt else "?")
        return " ".join(parts)


def table_html(result: Result, linker: Linker | None = None) -> str:
    """The result as an escaped HTML table (first :data:`MAX_TABLE_ROWS` rows)."""
    links = linker or Linker((), "")
    count = len(result)
    head = "".join(f"<th>{html.escape(c)}</th>" for c in result.columns)
    body = "".join(
        "<tr>" + "".join(_cell(v, links.cell(v, c)) for c, v in zip(result.columns, row)) + "</tr>"
        for row in result.rows[:MAX_TABLE_ROWS]
    )
    note = f"{count} row{'s' if count != 1 else ''}"
    if count > MAX_TABLE_ROWS:
        note += f"; the first {MAX_TABLE_ROWS} are shown"
    return (
        f'<p class="muted">{note}</p><div class="scroll"><table><tr>{head}</tr>{body}</table></div>'
    )


def _cell(value: Any, inner: str) -> str:
    numeric = isinstance(value, (int, float)) and not isinstance(value, bool)
    return f'<td class="num">{inner}</td>' if numeric else f"<td>{inner}</td>"


def analytics_sections(graph: Any, linker: Linker) -> list[str]:
    """Centrality, every connected component (numbered as ``gkg analyze components``)
    and the communities, as HTML sections."""
    from gkg import analytics

    scores = analytics.centrality_scores(graph)
    parts: Sequence[Sequence[str]] = analytics.components(graph)
    count = len(parts)
    sizes = ", ".join(str(len(p)) for p in parts)
    return [
        "<h2>Most connected (degree centrality)</h2>",
        table_html(analytics.centrality_result(graph, 10, "degree", scores), linker),
        "<h2>Brokers between parts of the graph (betweenness centrality)</h2>",
        table_html(analytics.centrality_result(graph, 10, "betweenness", scores), linker),
        "<h2>Connected components</h2>",
        f"<p>{count} component{'s' if count != 1 else ''}; sizes: {html.escape(sizes)}</p>",
        table_html(analytics.groups_result(graph, parts, "component"), linker),
        "<h2>Communities (Louvain, seeded)</h2>",
        table_html(
            analytics.groups_result(graph, analytics.communities(graph), "community"), linker
        ),
        "<h2>Export</h2>",
        '<p><a href="gkg.graphml">gkg.graphml</a>: the whole graph for Gephi, yEd or '
        "Cytoscape (list values are JSON strings).</p>",
    ]
