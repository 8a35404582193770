"""Render a :class:`~gkg.model.Result` as a table, JSON, CSV or Markdown.

No CLI code here, so notebooks and the report use it too. In text formats a node reads
``Name (id)``, a relationship ``start -TYPE-> end`` and a path as the chain it walks; in
JSON they are objects (``{"id", "labels", "properties"}``, ``{"id", "type", "start",
"end", "properties"}``, ``{"nodes", "relationships"}``).
"""

from __future__ import annotations

import csv
import html
import io
import json
from typing import Any, Literal, get_args

from gkg.model import Node, Path, Relationship, Result, cell_text

#: The forms a result can be written in.
TableFormat = Literal["table", "json", "csv", "markdown"]
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
    """A JSON list with one object per row, keyed by column name."""
    rows = [{c: to_jsonable(v) for c, v in zip(result.columns, row)} for row in result.rows]
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def to_csv(result: Result) -> str:
    """CSV with a header row; numbers are written plainly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(result.columns)
    for row in result.rows:
        writer.writerow([cell_text(v) for v in row])
    return buffer.getvalue()


def to_markdown(result: Result) -> str:
    """A GitHub-flavoured Markdown table. Markup in values is escaped (``&lt;script&gt;``),
    so a rendered table shows it as text."""

    def cell(value: Any) -> str:
        text = html.escape(cell_text(value, group_digits=True), quote=False)
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", "<br>")

    lines = [
        "| " + " | ".join(cell(c) for c in result.columns) + " |",
        "|" + "|".join(" --- " for _ in result.columns) + "|",
    ]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in result.rows]
    return "\n".join(lines) + "\n"


def rich_table(result: Result, title: str | None = None) -> Any:
    """A :class:`rich.table.Table` of the result (row count in the caption)."""
    from rich.table import Table

    count = len(result.rows)
    table = Table(title=title, caption=f"{count} row{'s' if count != 1 else ''}")
    for i, column in enumerate(result.columns):
        values = [row[i] for row in result.rows if row[i] is not None]
        numeric = bool(values) and all(
            isinstance(v, (int, float)) and not isinstance(v, bool) for v in values
        )
        table.add_column(column, justify="right" if numeric else "left", overflow="fold")
    for row in result.rows:
        table.add_row(*(cell_text(v, group_digits=True) for v in row))
    return table


def to_table(result: Result, *, width: int = 160, title: str | None = None) -> str:
    """The rich table as plain text (no colours), ``width`` characters at most."""
    from rich.console import Console

    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system=None, highlight=False)
    console.print(rich_table(result, title))
    return buffer.getvalue()


def render(result: Result, fmt: str = "table", *, width: int = 160) -> str:
    """``result`` in one of :data:`FORMATS`."""
    if fmt == "table":
        return to_table(result, width=width)
    if fmt == "json":
        return to_json(result)
    if fmt == "csv":
        return to_csv(result)
    if fmt == "markdown":
        return to_markdown(result)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
