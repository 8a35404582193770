"""Offline graph pages drawn with pyvis: one self-contained HTML file per graph.

The graph is built with pyvis's :class:`~pyvis.network.Network`; the page around it is
our own minimal template, because pyvis's still links Bootstrap from a CDN. vis-network
comes from the files bundled with pyvis, inlined (or, for a report, copied once beside
the pages). Nothing on a page loads from the network.

Seed text never becomes markup: names, tooltips and legend entries in HTML are escaped
with :func:`html.escape`; the graph data travels as JSON in a ``<script
type="application/json">`` block with ``<``, ``>`` and ``&`` written as ``\\u003c`` etc.;
the page script builds tooltips with ``textContent``, and canvas labels are plain text.

The page's own CSS and script are package data files in ``static/``; the network and its
layout options come from :mod:`.network`, label styles from :mod:`.styles`, tooltips from
:mod:`.tooltips`.
"""

from __future__ import annotations

import functools
import html
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from gkg.model import GraphLike, Node, Relationship, graph_of
from gkg.present.network import SETTLE_BUDGET_MS, build_network, check_lang, vis_options
from gkg.present.styles import legend_html

__all__ = [
    "INLINE",
    "Assets",
    "NotebookGraph",
    "check_lang",
    "copy_assets",
    "graph_block",
    "json_for_html",
    "page_html",
    "render_page",
    "show",
    "static_text",
    "vis_files",
    "write_html",
]

#: Where vis-network lives inside the pyvis package.
VIS_DIR = ("templates", "lib", "vis-9.1.2")
VIS_JS = "vis-network.min.js"
VIS_CSS = "vis-network.css"


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


@functools.cache
def static_text(name: str) -> str:
    """The page's own code shipped in ``gkg/present/static``: ``page.css`` or ``page.js``."""
    return (
        resources.files("gkg.present").joinpath("static").joinpath(name).read_text(encoding="utf-8")
    )


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
        f"<title>{html.escape(title)}</title>\n<style>\n{static_text('page.css')}</style>\n{head}\n"
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
        f"<script>\n{static_text('page.js')}</script>"
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
