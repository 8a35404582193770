"""What a page says about one node or relationship: its properties (formatted, with
units), the sources it cites with their quotes, and its marks (inferred, superseded).

These records are the ``nodes``/``edges`` of a page's data document; the browser builds
tooltips and the details panel from them, and the report's entity and source pages are
written from them too. Every string is plain text; pages show it as text.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from gkg.model import Node, Relationship
from gkg.present.formatting import format_value, is_amount_column
from gkg.schema import (
    COMMON_NODE_PROPS,
    COMMON_REL_PROPS,
    LOOKUP_KEYS_PROP,
    NODE_TYPES,
    REL_TYPES,
    STORED_META_PROPS,
)

#: Properties that mark a statement, and the property that explains each mark, if any.
#: Read generically: a mark lights up as soon as the loader stores it.
MARKS: dict[str, tuple[str, ...]] = {
    "inferred": ("inferenceReason", "inferredBy", "inferenceRule"),
    "superseded": ("supersededBy", "supersededOn", "supersededDate"),
}
_MARK_PROPS = {name for mark, notes in MARKS.items() for name in (mark, *notes)}
#: Properties never listed: the loader's bookkeeping, and those shown in other ways.
HIDDEN = ({*STORED_META_PROPS, LOOKUP_KEYS_PROP, "name", "nameKo", "aliases"} | _MARK_PROPS) - {
    "asOf"
}

Record = dict[str, Any]


@cache
def _units(kind: str, name: str) -> dict[str, str]:
    """Units of a label's (``kind="node"``) or relationship type's properties."""
    if kind == "node":
        declared = next((t.props for t in NODE_TYPES if t.label == name), ())
        props = COMMON_NODE_PROPS + declared
    else:
        declared = next((t.props for t in REL_TYPES if t.type == name), ())
        props = COMMON_REL_PROPS + declared
    return {p.name: p.unit for p in props if p.unit}


def properties(props: Mapping[str, Any], units: Mapping[str, str]) -> list[dict[str, str]]:
    """Every property worth showing, by name: ``{key, value, unit}`` with ``value`` text."""
    shown = []
    for key in sorted(props):
        value = props[key]
        if key in HIDDEN or value is None or value == [] or value == "":
            continue
        text = format_value(value, key=key)
        # an amount already reads with its unit ("15.3 billion KRW")
        unit = "" if is_amount_column(key) else units.get(key, "")
        shown.append({"key": key, "value": text, "unit": unit})
    return shown


def citations(props: Mapping[str, Any], docs: Mapping[str, Node] | None) -> list[dict[str, str]]:
    """The sources an element cites, in seed order, each with its quote."""
    quotes = list(props.get("sourceQuotes") or ())
    # each quote with its own source (quoteSourceIds; sourceIds lists each source once)
    ids = list(props.get("quoteSourceIds") or props.get("sourceIds") or ())
    cited = []
    for i, doc_id in enumerate(ids):
        doc = (docs or {}).get(str(doc_id))
        p = doc.properties if doc is not None else {}
        cited.append(
            {
                "sourceId": str(doc_id),
                "title": str(p.get("title") or ""),
                "publisher": str(p.get("publisher") or ""),
                "date": str(p.get("publishedDate") or ""),
                "quote": str(quotes[i]) if i < len(quotes) and quotes[i] is not None else "",
            }
        )
    return cited


def marks(props: Mapping[str, Any]) -> dict[str, Any]:
    """The truthy marks of an element: ``True``, or text saying why / by what."""
    found: dict[str, Any] = {}
    for mark, notes in MARKS.items():
        value = props.get(mark)
        note = next((props[n] for n in notes if props.get(n)), None)
        if not value and note is None:
            continue
        if isinstance(value, str) and value:
            found[mark] = value
        elif note is not None:
            found[mark] = format_value(note)
        else:
            found[mark] = True
    return found


def node_record(node: Node, docs: Mapping[str, Node] | None, degree: int = 0) -> Record:
    """A node as its page record (contract: NodeRecord)."""
    p = node.properties
    aliases = p.get("aliases") or ()
    return {
        "label": node.label,
        "name": str(p.get("name") or ""),
        "nameKo": str(p.get("nameKo") or ""),
        "aliases": [str(a) for a in (aliases if isinstance(aliases, (list, tuple)) else [aliases])],
        "properties": properties(p, _units("node", node.label)),
        "sources": citations(p, docs),
        "marks": marks(p),
        "size": degree + 1,
    }


def placeholder_record(node_id: str, degree: int = 0) -> Record:
    """A node known only by id (an end of a relationship drawn without its node)."""
    return {
        "label": "",
        "name": "",
        "nameKo": "",
        "aliases": [],
        "properties": [],
        "sources": [],
        "marks": {},
        "size": degree + 1,
    }


def edge_record(rel: Relationship, docs: Mapping[str, Node] | None) -> Record:
    """A relationship as its page record (contract: EdgeRecord)."""
    return {
        "type": rel.type,
        "from": rel.start,
        "to": rel.end,
        "properties": properties(rel.properties, _units("rel", rel.type)),
        "sources": citations(rel.properties, docs),
        "marks": marks(rel.properties),
    }


def describe_source(doc_id: str, doc: Node | None) -> str:
    """A source as text: ``publisher, “title” (date)``, or its id when unknown."""
    if doc is None:
        return doc_id
    p = doc.properties
    parts = [str(p["publisher"])] if p.get("publisher") else []
    if p.get("title"):
        parts.append(f"“{p['title']}”")
    text = ", ".join(parts) or doc_id
    return f"{text} ({p['publishedDate']})" if p.get("publishedDate") else text
