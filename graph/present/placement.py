"""Grouped positions for a graph page: one disc of nodes per group, discs packed in rows.

Instead of letting a force simulation tangle every node into one hairball, the page gets
fixed ``x, y`` coordinates (vis-network draws them with physics off, so the page settles
at its first frame). Nodes are grouped by label; inside a group they sit on a sunflower
spiral, most connected first, so hubs are central and spacing is even; groups are discs
packed left to right in rows, in the schema's order.

Cost is linear in nodes plus edges (sorting aside): 2,000 nodes take a few milliseconds.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

#: Angle between consecutive sunflower seeds (the golden angle), in radians.
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
#: Distance between neighbouring node centres inside a group, in canvas pixels at zoom 1.
SPACING = 70.0
#: Empty space around each group's disc.
GAP = 90.0
#: Caption font size range, in canvas pixels (bigger groups get bigger captions).
CAPTION_MIN = 18.0
CAPTION_MAX = 90.0


@dataclass(frozen=True)
class Group:
    """One group's disc: its key, centre and radius (for captions drawn behind it)."""

    key: str
    x: float
    y: float
    r: float
    size: int
    caption: str
    font: float


@dataclass(frozen=True)
class Layout:
    """Positions by node id, and the groups' discs."""

    positions: dict[str, tuple[float, float]]
    groups: list[Group]


def grouped_layout(
    node_ids: Sequence[str],
    edges: Iterable[tuple[str, str]],
    group_of: Mapping[str, str],
    *,
    spacing: float = SPACING,
    gap: float = GAP,
    order: Sequence[str] = (),
    captions: Mapping[str, str] | None = None,
) -> Layout:
    """Positions for ``node_ids``: each group (``group_of[id]``) a disc, discs in rows.

    ``order`` lists group keys to place first (e.g. the schema's label order); other
    groups follow biggest first. ``captions`` (default: the key) are drawn above each disc;
    each disc's slot is wide enough for its caption. Deterministic for the same input.
    """
    degree = {node_id: 0 for node_id in node_ids}
    for start, end in edges:
        if start in degree:
            degree[start] += 1
        if end in degree:
            degree[end] += 1
    members: dict[str, list[str]] = {}
    for node_id in node_ids:
        members.setdefault(group_of.get(node_id, ""), []).append(node_id)
    rank = {key: i for i, key in enumerate(order)}
    keys = sorted(members, key=lambda k: (rank.get(k, len(rank)), -len(members[k]), k))
    radius = {key: _disc_radius(len(members[key]), spacing) for key in keys}
    text = {key: (captions or {}).get(key, key) for key in keys}
    font = {key: min(max(radius[key] / 8, CAPTION_MIN), CAPTION_MAX) for key in keys}
    slot = {key: max(2 * radius[key], _text_width(text[key], font[key])) + gap for key in keys}
    centres = _pack_rows(keys, slot, font)
    positions: dict[str, tuple[float, float]] = {}
    groups = []
    for key in keys:
        cx, cy = centres[key]
        ranked = sorted(members[key], key=lambda n: (-degree[n], n))
        for i, node_id in enumerate(ranked):
            r = _seed_radius(i, spacing)
            angle = i * GOLDEN_ANGLE
            positions[node_id] = (
                round(cx + r * math.cos(angle), 1),
                round(cy + r * math.sin(angle), 1),
            )
        groups.append(
            Group(
                key,
                round(cx, 1),
                round(cy, 1),
                round(radius[key], 1),
                len(ranked),
                text[key],
                round(font[key], 1),
            )
        )
    return Layout(positions, groups)


def _seed_radius(i: int, spacing: float) -> float:
    """Distance of the i-th sunflower seed from the centre (one node per spacing² of area)."""
    return spacing / math.sqrt(math.pi) * math.sqrt(i + 0.5) if i else 0.0


def _disc_radius(count: int, spacing: float) -> float:
    return _seed_radius(max(count - 1, 0), spacing) + spacing * 0.6


def _text_width(text: str, font: float) -> float:
    """Rough width of a caption: wide (CJK) characters count double."""
    return font * sum(1.0 if ord(c) > 0x2E80 else 0.62 for c in text)


def _pack_rows(
    keys: Sequence[str], slot: Mapping[str, float], font: Mapping[str, float]
) -> dict[str, tuple[float, float]]:
    """Centres for square slots laid left to right in rows, the whole about square.

    Each slot also leaves room above its disc for the caption (``font`` high)."""
    total_area = sum(slot[k] ** 2 for k in keys)
    width = max(math.sqrt(total_area) * 1.3, max(slot.values(), default=0.0))
    centres: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    row: list[str] = []
    for key in keys:
        size = slot[key]
        if row and x + size > width:
            _centre_row(row, centres, width, x)
            y += row_height
            x = row_height = 0.0
            row = []
        centres[key] = (x + size / 2, y + font[key] + size / 2)
        row.append(key)
        x += size
        row_height = max(row_height, size + font[key])
    if row:
        _centre_row(row, centres, width, x)
    return centres


def _centre_row(
    row: Sequence[str], centres: dict[str, tuple[float, float]], width: float, used: float
) -> None:
    shift = (width - used) / 2
    for key in row:
        cx, cy = centres[key]
        centres[key] = (cx + shift, cy)
