"""Offline graph pages: one self-contained HTML file per graph, drawn by vis-network.

vis-network is the renderer pyvis bundles; it comes from pyvis's package files, inlined
(or, for a report, copied once beside the pages). The page around it is our own minimal
template, because pyvis's links Bootstrap from a CDN. Nothing on a page loads from the
network.

The graph travels as one JSON document (:mod:`.document`) in a ``<script
type="application/json">`` block with ``<``, ``>`` and ``&`` written as ``\\u003c`` etc.
The page's own CSS and scripts are package data files in ``static/`` (search, legend,
details panel, highlighting and expand: ``static/explore/``); they build everything with
``textContent``, so seed text never becomes markup.
"""

from __future__ import annotations

import functools
import html
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from gkg.model import GraphLike, Node, graph_of
from gkg.present.document import Document, page_document
from gkg.present.network import check_lang

__all__ = [
    "INLINE",
    "Assets",
    "NotebookGraph",
    "check_lang",
    "copy_assets",
    "document_page",
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
#: The explore scripts in the order they must run (each adds to ``window.gkgExplore``).
EXPLORE_JS = (
    "explore/base.js",
    "explore/items.js",
    "explore/search.js",
    "explore/legend.js",
    "explore/highlight.js",
    "explore/details.js",
    "explore/attach.js",
    "boot.js",
)
#: The files a report shares between its pages (in ``assets/``).
EXPLORE_BUNDLE = "gkg-explore.js"
EXPLORE_CSS = "explore.css"
WHOLE_JS = "whole.js"


@functools.cache
def static_text(name: str) -> str:
    """A file of the page's own code shipped in ``gkg/present/static`` (e.g. ``page.css``)."""
    folder = resources.files("gkg.present").joinpath("static")
    for part in name.split("/"):
        folder = folder.joinpath(part)
    return folder.read_text(encoding="utf-8")


def explore_script() -> str:
    """The explore scripts and the page bootstrap, in order, as one script."""
    return "\n".join(static_text(name) for name in EXPLORE_JS)


# --- assets ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Assets:
    """Where a page gets vis-network and its own scripts: inlined (``prefix=None``) or
    from a relative folder (a report's ``assets/``), where :func:`copy_assets` put them.
    ``whole``: the page loads the report's whole graph (``whole.js``) for "expand"."""

    prefix: str | None = None
    whole: bool = False

    def _base(self) -> str:
        return html.escape((self.prefix or "").rstrip("/"), quote=True)

    def head(self) -> str:
        if self.prefix is None:
            css, js = vis_files()
            return (
                f"<style>{_safe_inline(css.read_text('utf-8'), 'style')}</style>\n"
                f"<style>{_safe_inline(static_text(EXPLORE_CSS), 'style')}</style>\n"
                f"<script>{_safe_inline(js.read_text('utf-8'), 'script')}</script>"
            )
        base = self._base()
        return (
            f'<link rel="stylesheet" href="{base}/{VIS_CSS}">\n'
            f'<link rel="stylesheet" href="{base}/{EXPLORE_CSS}">\n'
            f'<script src="{base}/{VIS_JS}"></script>'
        )

    def scripts(self) -> str:
        """What runs after the data block: the whole graph, the explore code."""
        if self.prefix is None:
            return f"<script>\n{_safe_inline(explore_script(), 'script')}</script>"
        base = self._base()
        whole = f'<script src="{base}/{WHOLE_JS}"></script>\n' if self.whole else ""
        return f'{whole}<script src="{base}/{EXPLORE_BUNDLE}"></script>'


INLINE = Assets()


def vis_files() -> tuple[Path, Path]:
    """The vis-network CSS and JS bundled with pyvis."""
    import pyvis

    folder = Path(pyvis.__file__).parent.joinpath(*VIS_DIR)
    return folder / VIS_CSS, folder / VIS_JS


def copy_assets(folder: Path, whole: Document | None = None) -> Path:
    """Copy vis-network and the explore code into ``folder`` (for pages written with a
    shared prefix); with ``whole``, also write it there as ``whole.js``."""
    folder.mkdir(parents=True, exist_ok=True)
    for source in vis_files():
        (folder / source.name).write_bytes(source.read_bytes())
    (folder / EXPLORE_CSS).write_text(static_text(EXPLORE_CSS), encoding="utf-8")
    (folder / EXPLORE_BUNDLE).write_text(explore_script(), encoding="utf-8")
    if whole is not None:
        text = f"window.gkgWhole = {json_for_html(whole)};\n"
        (folder / WHOLE_JS).write_text(text, encoding="utf-8")
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


# --- the page -----------------------------------------------------------------------------


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


def graph_block(document: Document, *, assets: Assets = INLINE, full: bool = True) -> str:
    """The graph area of a page: canvas, status line, the data document and the scripts
    (which add the search box, details panel and legend)."""
    return (
        f'<div class="graph-wrap {"full" if full else "part"}">'
        '<div id="gkg-graph"></div><div id="gkg-status" role="status"></div></div>\n'
        f'<script id="gkg-data" type="application/json">{json_for_html(document)}</script>\n'
        f"{assets.scripts()}"
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
    whole: Document | None = None,
    entity_pages: str | None = None,
) -> str:
    """A whole HTML page drawing ``value``. ``before``/``after`` are trusted HTML.

    ``whole`` (:func:`~gkg.present.document.whole_document`) is embedded for "expand"
    (unless ``assets`` shares it as ``whole.js``); ``entity_pages`` is the relative folder
    of a report's entity pages.
    """
    nodes, rels = graph_of(value)
    document = page_document(
        nodes,
        rels,
        lang=lang,
        sources=sources,
        whole=whole,
        embed_whole=not assets.whole,
        entity_pages=entity_pages,
    )
    return document_page(
        document, title=title, subtitle=subtitle, assets=assets, before=before, after=after
    )


def document_page(
    document: Document,
    *,
    title: str,
    subtitle: str = "",
    assets: Assets = INLINE,
    before: str = "",
    after: str = "",
) -> str:
    """A whole HTML page drawing a prepared data document."""
    header = f"<header><h1>{html.escape(title)}</h1>"
    if subtitle:
        header += f"<p>{html.escape(subtitle)}</p>"
    header += f"{before}</header>"
    block = graph_block(document, assets=assets, full=not after)
    return page_html(
        title=title,
        lang=document["lang"],
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
    whole: Document | None = None,
) -> NotebookGraph:
    """Draw a Result, ``(nodes, rels)``, a Path or a list of nodes inline in a notebook."""
    page = render_page(value, title=title, lang=lang, sources=sources, whole=whole)
    return NotebookGraph(page, height=height)
