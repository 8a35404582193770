"""How a page draws its graph with vis-network (the renderer pyvis bundles): languages, the
choice between a precomputed grouped layout and a force layout, and vis-network's options."""

from __future__ import annotations

from typing import Any, Literal, get_args

from gkg.errors import GkgError

#: Longest label drawn on the canvas; tooltips and details always have the whole name.
MAX_LABEL_CHARS = 40
#: Above this many nodes the page uses the cheaper drawing settings.
BIG_GRAPH = 300
#: From this many nodes on, a page is laid out in groups (one disc per label) up front,
#: instead of by a force simulation in the browser: no hairball, settled at once.
GROUPED_FROM = 60
#: vis-network's "improved layout" gives up (and logs so) on larger graphs.
IMPROVED_LAYOUT_MAX = 100
#: Layout iterations before physics is switched off (force layout only).
STABILIZATION_SMALL = 400
STABILIZATION_BIG = 200
#: Wall-clock budget of a force layout: past it the page stops the simulation where it is.
SETTLE_BUDGET_MS = 5000

#: The languages gkg has names in.
Lang = Literal["en", "ko"]
LANGS: tuple[Lang, ...] = get_args(Lang)


def check_lang(lang: str) -> None:
    """Refuse a display language gkg has no names for."""
    if lang not in LANGS:
        raise GkgError(f"unknown language {lang!r}; use one of: {', '.join(LANGS)}")


def grouped(node_count: int) -> bool:
    """Whether a page of this many nodes gets the precomputed grouped layout."""
    return node_count >= GROUPED_FROM


def vis_options(node_count: int, *, placed: bool | None = None) -> dict[str, Any]:
    """vis-network options. ``placed``: every node has a position (default: as
    :func:`grouped` says), so physics stays off; otherwise a budgeted force layout."""
    big = node_count > BIG_GRAPH
    if placed is None:
        placed = grouped(node_count)
    options: dict[str, Any] = {
        "autoResize": True,
        "nodes": {
            "font": {
                "size": 14,
                "face": "system-ui, 'Noto Sans KR', sans-serif",
                "strokeWidth": 3,
                "color": "#263238",
            },
            # labels grow with the node and are drawn only when big enough on screen:
            # at the overview only hubs are named, every name appears on zoom
            "scaling": {
                "min": 8,
                "max": 30,
                "label": {
                    "enabled": True,
                    "min": 12,
                    "max": 28,
                    "maxVisible": 22,
                    "drawThreshold": 7,
                },
            },
            "borderWidth": 1,
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "color": {
                "color": "#9aa5b1",
                "highlight": "#37474f",
                "inherit": False,
                "opacity": 0.4 if big else 1.0,
            },
            "font": {"size": 10, "align": "middle", "color": "#455a64", "strokeWidth": 3},
            "scaling": {"label": {"drawThreshold": 9 if placed else 5}},
            "smooth": False if (big or placed) else {"type": "continuous"},
            "width": 1,
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
            "navigationButtons": False,
            "keyboard": {"enabled": True, "bindToWindow": False},
        },
    }
    if placed:
        options["physics"] = {"enabled": False}
        options["layout"] = {"improvedLayout": False}
        return options
    options["layout"] = {"improvedLayout": node_count <= IMPROVED_LAYOUT_MAX, "randomSeed": 7}
    options["physics"] = {
        "enabled": True,
        "solver": "forceAtlas2Based",
        "forceAtlas2Based": {
            "theta": 0.8 if big else 0.5,
            "gravitationalConstant": -60,
            "centralGravity": 0.015,
            "springLength": 110,
            "avoidOverlap": 0 if big else 0.2,
        },
        "stabilization": {
            "enabled": True,
            "iterations": STABILIZATION_BIG if big else STABILIZATION_SMALL,
            "updateInterval": 10 if big else 25,
            "fit": True,
        },
    }
    return options
