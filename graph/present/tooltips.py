"""Tooltips of nodes and relationships: names, properties with units, and citations."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gkg.model import Node, Relationship
from gkg.schema import LOOKUP_KEYS_PROP, NODE_TYPES, STORED_META_PROPS

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
    quotes = list(props.get("sourceQuotes") or ())
    # each quote with its own source (quoteSourceIds); older graphs paired them by index
    ids = list(props.get("quoteSourceIds") or props.get("sourceIds") or ())
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
