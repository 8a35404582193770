"""Render a :class:`~gkg.model.Result` as a table, records, JSON, CSV or Markdown.

No CLI code here, so notebooks and the report use it too. In text formats a node reads
``Name (id)``, a relationship ``start -TYPE-> end`` and a path as the chain it walks; text
from the graph is printed literally (:mod:`gkg.present.formatting`); in
JSON they are objects (``{"id", "labels", "properties"}``, ``{"id", "type", "start",
"end", "properties"}``, ``{"nodes", "relationships"}``).
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any, Literal, get_args

from gkg.model import Node, Path, Relationship, Result, cell_text
from gkg.present import layout
from gkg.present.formatting import row_texts, safe_text

#: The forms a result can be written in.
TableFormat = Literal["table", "records", "json", "csv", "markdown"]
FORMATS: tuple[TableFormat, ...] = get_args(TableFormat)


# --- one value --------------------------------------------------------------------------


def to_jsonable(value: Any) -> Any:
    """``value`` as plain JSON data; graph elements become objects."""
    if isinstance(value, Node):
        return {
            "id": value.id,
            "labels": list(value.labels),
            "properties": _plain(value.properties),
        }
    if isinstance(value, Relationship):
        return {
            "id": value.id,
            "type": value.type,
            "start": value.start,
            "end": value.end,
            "properties": _plain(value.properties),
        }
    if isinstance(value, Path):
        return {
            "nodes": [to_jsonable(n) for n in value.nodes],
            "relationships": [to_jsonable(r) for r in value.relationships],
        }
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _plain(props: dict[str, Any]) -> dict[str, Any]:
    return {str(k): to_jsonable(v) for k, v in props.items()}


# --- a whole result ---------------------------------------------------------------------


def to_json(result: Result) -> str:
    """A JSON list with one object per row, keyed by column name. Numbers stay exact; C1
    control characters (which JSON lets through) are written as ``\\u`` escapes."""
    rows = [{c: to_jsonable(v) for c, v in zip(result.columns, row)} for row in result.rows]
    text = json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    return _C1_OR_BIDI.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


_C1_OR_BIDI = re.compile("[\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def to_csv(result: Result) -> str:
    """CSV with a header row; numbers are written plainly and exactly. Line breaks inside a
    value stay (quoted, as CSV allows); other control characters become visible escapes."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([_csv_text(c) for c in result.columns])
    for row in result.rows:
        writer.writerow([_csv_text(cell_text(v)) for v in row])
    return buffer.getvalue()


def _csv_text(text: str) -> str:
    return "\n".join(safe_text(part) for part in text.split("\n"))


#: Markdown punctuation that could start markup; escaped with a backslash, so the text
#: still reads plainly. ``&`` only where it would start an entity such as ``&amp;``.
_MD_SPECIAL = re.compile(r"[\\`*\[\]<|~]|&(?=#?\w+;)|(?<!\w)_|_(?!\w)")


def to_markdown(result: Result, lang: str = "en") -> str:
    """A GitHub-flavoured Markdown table, safe when rendered: markup characters in values
    are backslash-escaped (``\\<script>``), so they show as text, and the raw table still
    reads plainly (``a -PARTNER_OF-> b``, ``R&D``)."""

    def cell(text: str) -> str:
        parts = (_MD_SPECIAL.sub(r"\\\g<0>", safe_text(part)) for part in text.split("\n"))
        return "<br>".join(parts)

    lines = [
        "| " + " | ".join(cell(c) for c in result.columns) + " |",
        "|" + "|".join(" --- " for _ in result.columns) + "|",
    ]
    for row in result.rows:
        texts = row_texts(result.columns, row, lang, escape=False)
        lines.append("| " + " | ".join(cell(t) for t in texts) + " |")
    return "\n".join(lines) + "\n"


def render(
    result: Result,
    fmt: str = "table",
    *,
    width: int = 100,
    title: str | None = None,
    lang: str = "en",
) -> str:
    """``result`` in one of :data:`FORMATS`. ``table`` switches to ``records`` (one field
    per line) when the table would be wider than ``width``."""
    if fmt == "table":
        return layout.table_or_records(result, width=width, title=title, lang=lang)
    if fmt == "records":
        return layout.records(result, width=width, title=title, lang=lang)
    if fmt == "json":
        return to_json(result)
    if fmt == "csv":
        return to_csv(result)
    if fmt == "markdown":
        return to_markdown(result, lang)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
