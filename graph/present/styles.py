"""How each label looks and is called on a page: colour, vis-network shape, legend symbol,
and its Korean name (``--lang ko`` legends, group captions and details)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from gkg.schema import NODE_TYPES


@dataclass(frozen=True)
class Style:
    """How nodes of one label look: fill colour, vis-network shape, and the Korean name."""

    color: str
    shape: str
    name_ko: str = ""

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
    "SourceDocument": Style("#9e9e9e", "dot", "출처 문서"),
    "Region": Style("#2e7d32", "hexagon", "지역"),
    "GovernmentBody": Style("#1565c0", "dot", "정부 기관"),
    "PoliticalParty": Style("#6a1b9a", "dot", "정당"),
    "Company": Style("#ef6c00", "dot", "기업"),
    "University": Style("#00838f", "dot", "대학교"),
    "Academy": Style("#26c6da", "dot", "교육기관"),
    "ResearchInstitute": Style("#5c6bc0", "dot", "연구기관"),
    "FinancialInstitution": Style("#795548", "dot", "금융기관"),
    "DataCenter": Style("#c62828", "square", "데이터센터"),
    "Facility": Style("#ad1457", "square", "시설"),
    "Product": Style("#f9a825", "square", "제품"),
    "Cluster": Style("#7cb342", "square", "클러스터"),
    "Project": Style("#d84315", "square", "사업"),
    "Program": Style("#00897b", "square", "프로그램"),
    "Budget": Style("#b8860b", "diamond", "예산"),
    "Fund": Style("#827717", "diamond", "기금"),
    "Agreement": Style("#8e24aa", "triangle", "협약"),
    "Event": Style("#d81b60", "triangle", "행사"),
    "Policy": Style("#3949ab", "triangle", "정책"),
    "Person": Style("#e53935", "star", "인물"),
    "Indicator": Style("#546e7a", "triangleDown", "지표"),
}
#: Nodes whose label the schema does not declare (or that are only known by id).
UNKNOWN_STYLE = Style("#bdbdbd", "dot", "알 수 없음")


def style_for(label: str) -> Style:
    """The colour and shape of a label (grey dot for anything undeclared)."""
    return _STYLES.get(label, UNKNOWN_STYLE)


def label_name(label: str, lang: str = "en") -> str:
    """A label as a reader sees it: itself in English, its Korean name with ``lang="ko"``."""
    if not label:
        return "알 수 없음" if lang == "ko" else "unknown"
    if lang == "ko":
        return style_for(label).name_ko if label in _STYLES else label
    return label


def label_order(labels: Iterable[str]) -> list[str]:
    """The labels in the schema's order (undeclared ones last, by name)."""
    rank = {t.label: i for i, t in enumerate(NODE_TYPES)}
    return sorted(set(labels), key=lambda lab: (rank.get(lab, len(rank)), lab))


def label_info(kinds: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The page document's ``labels``: look, names and count of each label present."""
    counts: dict[str, int] = {}
    for kind in kinds:
        counts[kind] = counts.get(kind, 0) + 1
    info: dict[str, dict[str, Any]] = {}
    for label in label_order(counts):
        style = style_for(label)
        info[label] = {
            "colour": style.color,
            "shape": style.shape,
            "symbol": style.symbol,
            "name": {"en": label_name(label, "en"), "ko": label_name(label, "ko")},
            "count": counts[label],
        }
    return info
