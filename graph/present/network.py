"""The pyvis network of a graph, styled per label, and vis-network's layout options."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, get_args

from gkg.errors import GkgError
from gkg.model import Node, Relationship, is_source
from gkg.present.styles import UNKNOWN_STYLE, style_for
from gkg.present.tooltips import node_tip, rel_tip

if TYPE_CHECKING:
    from pyvis.network import Network

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

#: The languages gkg has names in.
Lang = Literal["en", "ko"]
LANGS: tuple[Lang, ...] = get_args(Lang)


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
    known = {node.id: node for node in nodes if not is_source(node) or node.id in degree}
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
        def get_nodes(self) -> Any:
            return self.node_map.keys()

    return FastNetwork


def _short(text: str) -> str:
    return text if len(text) <= MAX_LABEL_CHARS else text[: MAX_LABEL_CHARS - 1] + "…"


def check_lang(lang: str) -> None:
    """Refuse a display language gkg has no names for."""
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
