"""Offline graph pages drawn with pyvis: one self-contained HTML file per graph.

The graph is built with pyvis's :class:`~pyvis.network.Network`; the page around it is
our own minimal template, because pyvis's still links Bootstrap from a CDN. vis-network
comes from the files bundled with pyvis, inlined (or, for a report, copied once beside
the pages). Nothing on a page loads from the network.

Seed text never becomes markup: names, tooltips and legend entries in HTML are escaped
with :func:`html.escape`; the graph data travels as JSON in a ``<script
type="application/json">`` block with ``<``, ``>`` and ``&`` written as ``\\u003c`` etc.;
the page script builds tooltips with ``textContent``, and canvas labels are plain text.
"""

from __future__ import annotations

import functools
import html
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gkg.model import Node, Relationship, Result
from gkg.model import Path as GraphPath
from gkg.schema import LOOKUP_KEYS_PROP, NODE_TYPES, STORED_META_PROPS, node_type

if TYPE_CHECKING:
    from pyvis.network import Network

    from gkg.stores.base import GraphStore

#: Label of the source articles every fact cites.
SOURCE_LABEL = node_type("SourceDocument").label
#: Where vis-network lives inside the pyvis package.
VIS_DIR = ("templates", "lib", "vis-9.1.2")
VIS_JS = "vis-network.min.js"
VIS_CSS = "vis-network.css"
#: Longest label drawn on the canvas; the tooltip always has the whole name.
MAX_LABEL_CHARS = 40
#: Above this many nodes the page uses the cheaper layout settings.
BIG_GRAPH = 300
#: vis-network's "improved layout" gives up (and logs so) on larger graphs.
IMPROVED_LAYOUT_MAX = 100
#: Layout iterations before physics is switched off.
STABILIZATION_SMALL = 400
STABILIZATION_BIG = 200
#: Wall-clock budget of the layout: past it the page stops the simulation where it is,
#: so a big graph on a slow or busy machine still settles in a few seconds.
SETTLE_BUDGET_MS = 5000

LANGS = ("en", "ko")


@dataclass(frozen=True)
class Style:
    """How nodes of one label look: fill colour, vis-network shape and legend symbol."""

    color: str
    shape: str

    @property
    def symbol(self) -> str:
        return _SYMBOLS.get(self.shape, "●")


_SYMBOLS = {
    "dot": "●",
    "hexagon": "⬢",
    "square": "■",
    "diamond": "◆",
    "triangle": "▲",
    "triangleDown": "▼",
    "star": "★",
}

#: One colour per label, shape per kind of thing (organisations round, places hexagons,
#: things square, money diamonds, agreements/events/policies triangles, people stars).
_STYLES: dict[str, Style] = {
    "SourceDocument": Style("#9e9e9e", "dot"),
    "Region": Style("#2e7d32", "hexagon"),
    "GovernmentBody": Style("#1565c0", "dot"),
    "PoliticalParty": Style("#6a1b9a", "dot"),
    "Company": Style("#ef6c00", "dot"),
    "University": Style("#00838f", "dot"),
    "Academy": Style("#26c6da", "dot"),
    "ResearchInstitute": Style("#5c6bc0", "dot"),
    "FinancialInstitution": Style("#795548", "dot"),
    "DataCenter": Style("#c62828", "square"),
    "Facility": Style("#ad1457", "square"),
    "Product": Style("#f9a825", "square"),
    "Cluster": Style("#7cb342", "square"),
    "Project": Style("#d84315", "square"),
    "Program": Style("#00897b", "square"),
    "Budget": Style("#b8860b", "diamond"),
    "Fund": Style("#827717", "diamond"),
    "Agreement": Style("#8e24aa", "triangle"),
    "Event": Style("#d81b60", "triangle"),
    "Policy": Style("#3949ab", "triangle"),
    "Person": Style("#e53935", "star"),
    "Indicator": Style("#546e7a", "triangleDown"),
}
#: Nodes whose label the schema does not declare (or that are only known by id).
UNKNOWN_STYLE = Style("#bdbdbd", "dot")


def style_for(label: str) -> Style:
    """The colour and shape of a label (grey dot for anything undeclared)."""
    return _STYLES.get(label, UNKNOWN_STYLE)


# --- turning any result into nodes and relationships ------------------------------------

GraphLike = Any  # Result | (nodes, rels) | Path | Iterable[Node | Relationship | Path]


def graph_of(value: GraphLike) -> tuple[list[Node], list[Relationship]]:
    """Nodes and relationships of a Result, a ``(nodes, rels)`` pair, a Path or a list."""
    if isinstance(value, Result):
        return value.nodes(), value.relationships()
    if (
        isinstance(value, tuple)
        and len(value) == 2
        and all(isinstance(part, (list, tuple)) for part in value)
    ):
        return list(value[0]), list(value[1])
    items = [value] if isinstance(value, (Node, Relationship, GraphPath)) else list(value)
    found = Result(["value"], [[item] for item in items])
    return found.nodes(), found.relationships()


def source_documents(store: GraphStore) -> dict[str, Node]:
    """Every source article in the store by id, to describe citations in tooltips."""
    found = store.run(f"MATCH (n:{SOURCE_LABEL}) RETURN n ORDER BY n.id").column("n")
    return {node.id: node for node in found}


# --- tooltips -----------------------------------------------------------------------------

#: Properties never shown: bookkeeping of the loader, and those shown in other ways.
_HIDDEN = {*STORED_META_PROPS, LOOKUP_KEYS_PROP, "name", "nameKo"} - {"asOf"}

#: Tooltip lines as [key, value]; key "" is a heading line, key "#" starts a section.
TipLines = list[list[str]]


def node_tip(node: Node, sources: Mapping[str, Node] | None = None) -> TipLines:
    """Tooltip lines for a node: label and id, names, properties, then its sources."""
    props = node.properties
    lines: TipLines = [["", node.display_name("en")]]
    if props.get("nameKo") and props.get("nameKo") != props.get("name"):
        lines.append(["", str(props["nameKo"])])
    lines.append([node.label or "?", node.id])
    lines += _prop_lines(props, _prop_units(node.label))
    lines += _source_lines(props, sources)
    return lines


def rel_tip(
    rel: Relationship, names: Mapping[str, str], sources: Mapping[str, Node] | None = None
) -> TipLines:
    """Tooltip lines for a relationship: ``A -TYPE-> B``, properties, then its sources."""
    start, end = names.get(rel.start, rel.start), names.get(rel.end, rel.end)
    lines: TipLines = [["", f"{start} -{rel.type}-> {end}"]]
    lines += _prop_lines(rel.properties, {})
    lines += _source_lines(rel.properties, sources)
    return lines


def _prop_units(label: str) -> dict[str, str]:
    for t in NODE_TYPES:
        if t.label == label:
            return {p.name: p.unit for p in t.props if p.unit}
    return {}


def _prop_lines(props: Mapping[str, Any], units: Mapping[str, str]) -> TipLines:
    lines: TipLines = []
    for key in sorted(props):
        value = props[key]
        if key in _HIDDEN or value is None or value == [] or value == "":
            continue
        text = _format_value(value)
        if key in units:
            text = f"{text} {units[key]}"
        lines.append([key, text])
    return lines


def _format_value(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value)


def _source_lines(props: Mapping[str, Any], sources: Mapping[str, Node] | None) -> TipLines:
    ids = list(props.get("sourceIds") or ())
    quotes = list(props.get("sourceQuotes") or ())
    lines: TipLines = [["#", "Sources"]] if ids else []
    for i, doc_id in enumerate(ids):
        quote = quotes[i] if i < len(quotes) else ""
        lines.append(["source", describe_source(doc_id, (sources or {}).get(doc_id), quote)])
    return lines


def describe_source(doc_id: str, doc: Node | None, quote: str = "") -> str:
    """One citation as text: ``publisher, "title" (date): "quote"``, or the id alone."""
    text = doc_id
    if doc is not None:
        p = doc.properties
        parts = [str(p[k]) for k in ("publisher", "title") if p.get(k)]
        text = ", ".join(parts) or doc_id
        if p.get("publishedDate"):
            text += f" ({p['publishedDate']})"
    return f"{text}: “{quote}”" if quote else text


# --- the pyvis network --------------------------------------------------------------------


def build_network(
    nodes: Sequence[Node],
    rels: Sequence[Relationship],
    *,
    lang: str = "en",
    sources: Mapping[str, Node] | None = None,
) -> Network:
    """A pyvis Network of these nodes and relationships, styled per label.

    Relationships whose ends are not among ``nodes`` get a grey placeholder node named
    by id, so a result of bare relationships can still be drawn. Source articles that
    no relationship touches are left out: they appear in the tooltips instead.
    """
    check_lang(lang)
    net = _network_class()(directed=True, cdn_resources="in_line")
    rels = list({rel.id: rel for rel in rels}.values())  # vis-network refuses duplicate ids
    degree: dict[str, int] = {}
    for rel in rels:
        for end in (rel.start, rel.end):
            degree[end] = degree.get(end, 0) + 1
    known = {node.id: node for node in nodes if node.label != SOURCE_LABEL or node.id in degree}
    names = {node_id: node.display_name(lang) for node_id, node in known.items()}
    for node in known.values():
        style = style_for(node.label)
        net.add_node(
            node.id,
            label=_short(names[node.id]),
            shape=style.shape,
            color=style.color,
            value=degree.get(node.id, 0) + 1,
            kind=node.label,
            tip=node_tip(node, sources),
        )
    for rel in rels:
        for end in (rel.start, rel.end):
            if end not in known and end not in net.node_map:
                net.add_node(
                    end,
                    label=_short(end),
                    shape=UNKNOWN_STYLE.shape,
                    color=UNKNOWN_STYLE.color,
                    value=degree.get(end, 0) + 1,
                    kind="",
                    tip=[["", end]],
                )
        net.add_edge(
            rel.start, rel.end, id=rel.id, label=rel.type, tip=rel_tip(rel, names, sources)
        )
    return net


@functools.cache
def _network_class() -> type[Network]:
    """pyvis's Network, checking that an edge's ends exist by dict look-up, not list scan."""
    from pyvis.network import Network

    class FastNetwork(Network):
        def get_nodes(self):  # type: ignore[override]
            return self.node_map.keys()

    return FastNetwork


def _short(text: str) -> str:
    return text if len(text) <= MAX_LABEL_CHARS else text[: MAX_LABEL_CHARS - 1] + "…"


def check_lang(lang: str) -> None:
    """Refuse a display language gkg has no names for."""
    from gkg.errors import GkgError

    if lang not in LANGS:
        raise GkgError(f"unknown language {lang!r}; use one of: {', '.join(LANGS)}")


def vis_options(node_count: int) -> dict[str, Any]:
    """vis-network options: settle with a fixed iteration budget, then stop moving."""
    big = node_count > BIG_GRAPH
    return {
        "autoResize": True,
        "layout": {"improvedLayout": node_count <= IMPROVED_LAYOUT_MAX, "randomSeed": 7},
        "physics": {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "theta": 0.8 if big else 0.5,
                "gravitationalConstant": -60,
                "centralGravity": 0.015,
                "springLength": 110,
                "avoidOverlap": 0.2 if not big else 0,
            },
            "stabilization": {
                "enabled": True,
                "iterations": STABILIZATION_BIG if big else STABILIZATION_SMALL,
                "updateInterval": 10 if big else 25,
                "fit": True,
            },
        },
        "nodes": {
            "font": {"size": 14, "face": "sans-serif", "strokeWidth": 3},
            "scaling": {"min": 8, "max": 24},
            "borderWidth": 1,
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
            "color": {"color": "#9aa5b1", "highlight": "#37474f", "inherit": False},
            "font": {"size": 10, "align": "middle", "color": "#455a64", "strokeWidth": 3},
            "smooth": False if big else {"type": "continuous"},
            "width": 1,
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": big,
            "navigationButtons": False,
        },
    }


# --- the page -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Assets:
    """Where a page gets vis-network: inlined (``prefix=None``) or from a relative folder."""

    prefix: str | None = None

    def head(self) -> str:
        if self.prefix is None:
            css, js = vis_files()
            return (
                f"<style>{_safe_inline(css.read_text('utf-8'), 'style')}</style>\n"
                f"<script>{_safe_inline(js.read_text('utf-8'), 'script')}</script>"
            )
        base = html.escape(self.prefix.rstrip("/"), quote=True)
        return (
            f'<link rel="stylesheet" href="{base}/{VIS_CSS}">\n'
            f'<script src="{base}/{VIS_JS}"></script>'
        )


INLINE = Assets()


def vis_files() -> tuple[Path, Path]:
    """The vis-network CSS and JS bundled with pyvis."""
    import pyvis

    folder = Path(pyvis.__file__).parent.joinpath(*VIS_DIR)
    return folder / VIS_CSS, folder / VIS_JS


def copy_assets(folder: Path) -> Path:
    """Copy vis-network's files into ``folder`` (for pages written with a shared prefix)."""
    folder.mkdir(parents=True, exist_ok=True)
    for source in vis_files():
        (folder / source.name).write_bytes(source.read_bytes())
    return folder


def _safe_inline(text: str, tag: str) -> str:
    """Code inlined into ``<script>``/``<style>`` must not close its own element early."""
    return re.sub(rf"</(?={tag})", r"<\\/", text, flags=re.IGNORECASE).replace("<!--", "<\\!--")


def json_for_html(value: Any) -> str:
    """JSON that is safe inside a ``<script>`` element: no ``<``, ``>`` or ``&`` left."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escape)
    return text


def legend_html(kinds: Iterable[str]) -> str:
    """A legend of the labels present, with their symbol, colour and count."""
    counts: dict[str, int] = {}
    for kind in kinds:
        counts[kind] = counts.get(kind, 0) + 1
    order = {t.label: i for i, t in enumerate(NODE_TYPES)}
    items = []
    for label in sorted(counts, key=lambda lab: (order.get(lab, len(order)), lab)):
        style = style_for(label)
        items.append(
            f'<li><span class="sym" style="color:{style.color}">{style.symbol}</span> '
            f'{html.escape(label or "unknown")} <span class="n">{counts[label]}</span></li>'
        )
    return f'<ul id="gkg-legend" class="legend">{"".join(items)}</ul>'


PAGE_CSS = """
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI","Noto Sans KR",sans-serif;
color:#212121;background:#fafafa}
header{padding:10px 16px;background:#263238;color:#eceff1}
header h1{margin:0;font-size:18px;font-weight:600}
header p{margin:2px 0 0;color:#b0bec5;font-size:13px}
header a{color:#80cbc4}
body.fill{display:flex;flex-direction:column;height:100vh;overflow:hidden}
body.fill main{flex:1;display:flex;flex-direction:column;min-height:0}
.graph-wrap{position:relative;background:#fff;border-bottom:1px solid #ddd}
.graph-wrap.full{flex:1;min-height:0}
.graph-wrap.part{height:70vh}
#gkg-graph{position:absolute;inset:0}
.legend{position:absolute;top:10px;right:10px;margin:0;padding:8px 12px;list-style:none;
background:rgba(255,255,255,.92);border:1px solid #cfd8dc;border-radius:6px;
font-size:13px;max-height:calc(100% - 20px);overflow:auto;z-index:2}
.legend li{white-space:nowrap}
.legend .sym{display:inline-block;width:1.2em;text-align:center;font-size:15px}
.legend .n{color:#78909c}
#gkg-status{position:absolute;left:10px;bottom:8px;font-size:12px;color:#607d8b;z-index:2;
background:rgba(255,255,255,.85);padding:2px 6px;border-radius:4px}
.vis-tooltip{white-space:normal!important;max-width:420px;
font:12px/1.4 system-ui,sans-serif!important}
.gkg-tip .head{font-weight:600;font-size:13px}
.gkg-tip .k{color:#546e7a}
.gkg-tip .sec{margin-top:4px;font-weight:600;color:#37474f}
.content{padding:12px 16px}
.content p,.content ul{max-width:1100px}
td.num{text-align:right;white-space:nowrap}
.scroll{overflow-x:auto}
table{border-collapse:collapse;margin:8px 0;font-size:13px;background:#fff}
th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#eceff1}
.muted{color:#78909c}
.error{color:#b71c1c}
"""

PAGE_JS = """
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("gkg-data").textContent);
  var status = document.getElementById("gkg-status");
  function say(text) { if (status) { status.textContent = text; } }
  function tip(lines) {
    var box = document.createElement("div");
    box.className = "gkg-tip";
    lines.forEach(function (line) {
      var row = document.createElement("div");
      if (line[0] === "") {
        row.className = "head";
      } else if (line[0] === "#") {
        row.className = "sec";
      } else {
        var key = document.createElement("span");
        key.className = "k";
        key.textContent = line[0] + ": ";
        row.appendChild(key);
      }
      row.appendChild(document.createTextNode(line[1]));
      box.appendChild(row);
    });
    return box;
  }
  [data.nodes, data.edges].forEach(function (items) {
    items.forEach(function (item) {
      if (item.tip) { item.title = tip(item.tip); delete item.tip; }
    });
  });
  var summary = data.nodes.length + " nodes, " + data.edges.length + " relationships";
  window.gkgSettled = false;
  if (!data.nodes.length) { say("Nothing to draw."); window.gkgSettled = true; return; }
  var container = document.getElementById("gkg-graph");
  var started = Date.now();
  var network = new vis.Network(container, {
    nodes: new vis.DataSet(data.nodes), edges: new vis.DataSet(data.edges)
  }, data.options);
  window.gkgNetwork = network;
  say("Laying out " + summary + "…");
  network.on("stabilizationProgress", function (p) {
    say("Laying out " + summary + ": " + Math.round(100 * p.iterations / p.total) + "%");
    if (Date.now() - started > data.settleBudgetMs) { network.stopSimulation(); }
  });
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({ physics: { enabled: false } });
    network.fit();
    window.gkgSettleMs = Date.now() - started;
    network.once("afterDrawing", function () {
      window.gkgSettled = true;
      say(summary + ". Drag to move, scroll to zoom, hover for details.");
    });
    network.redraw();
  });
})();
"""


def page_html(
    *, title: str, body: str, lang: str = "en", head: str = "", fill: bool = False
) -> str:
    """The page skeleton every gkg page shares; ``body`` and ``head`` are trusted HTML.

    ``fill``: the page is one graph filling the window (no scrolling).
    """
    body_class = ' class="fill"' if fill else ""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{html.escape(lang, quote=True)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n<style>{PAGE_CSS}</style>\n{head}\n"
        f"</head>\n<body{body_class}>\n{body}\n</body>\n</html>\n"
    )


def graph_block(
    nodes: Sequence[Node],
    rels: Sequence[Relationship],
    *,
    lang: str = "en",
    sources: Mapping[str, Node] | None = None,
    full: bool = True,
) -> str:
    """The graph area of a page: canvas, legend, status line, data and script."""
    net = build_network(nodes, rels, lang=lang, sources=sources)
    data = {
        "nodes": net.nodes,
        "edges": net.edges,
        "options": vis_options(len(net.nodes)),
        "settleBudgetMs": SETTLE_BUDGET_MS,
    }
    legend = legend_html(item["kind"] for item in net.nodes)
    return (
        f'<div class="graph-wrap {"full" if full else "part"}">'
        f'<div id="gkg-graph"></div>{legend}<div id="gkg-status"></div></div>\n'
        f'<script id="gkg-data" type="application/json">{json_for_html(data)}</script>\n'
        f"<script>{PAGE_JS}</script>"
    )


def render_page(
    value: GraphLike,
    *,
    title: str = "gkg graph",
    subtitle: str = "",
    lang: str = "en",
    sources: Mapping[str, Node] | None = None,
    assets: Assets = INLINE,
    before: str = "",
    after: str = "",
) -> str:
    """A whole HTML page drawing ``value``. ``before``/``after`` are trusted HTML."""
    nodes, rels = graph_of(value)
    header = f"<header><h1>{html.escape(title)}</h1>"
    if subtitle:
        header += f"<p>{html.escape(subtitle)}</p>"
    header += f"{before}</header>"
    block = graph_block(nodes, rels, lang=lang, sources=sources, full=not after)
    return page_html(
        title=title,
        lang=lang,
        head=assets.head(),
        body=f"{header}\n<main>{block}{after}</main>",
        fill=not after,
    )


def write_html(path: str | Path, value: GraphLike, **options: Any) -> Path:
    """Write the page drawing ``value`` (options as for :func:`render_page`) to ``path``
    and return its absolute path."""
    target = Path(path).absolute()
    target.parent.mkdir(parents=True, exist_ok=True)
    text = render_page(value, **options)
    target.write_text(text, encoding="utf-8")
    return target


# --- notebooks ------------------------------------------------------------------------------


@dataclass(frozen=True)
class NotebookGraph:
    """A graph page shown inline in Jupyter, VS Code or Colab.

    It renders as an ``<iframe srcdoc=...>`` holding the whole (escaped) page, so the
    vis-network script runs inside it with nothing loaded from the network.
    """

    page: str
    height: int = 600

    def _repr_html_(self) -> str:
        return (
            f'<iframe srcdoc="{html.escape(self.page, quote=True)}" '
            f'style="width:100%;height:{int(self.height)}px;border:1px solid #ddd" '
            'sandbox="allow-scripts"></iframe>'
        )


def show(
    value: GraphLike,
    *,
    title: str = "gkg graph",
    lang: str = "en",
    sources: Mapping[str, Node] | None = None,
    height: int = 600,
) -> NotebookGraph:
    """Draw a Result, ``(nodes, rels)``, a Path or a list of nodes inline in a notebook."""
    return NotebookGraph(render_page(value, title=title, lang=lang, sources=sources), height=height)
