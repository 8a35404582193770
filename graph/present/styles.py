"""How each label looks on a page: fill colour, vis-network shape, legend symbol."""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass

from gkg.schema import NODE_TYPES


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
