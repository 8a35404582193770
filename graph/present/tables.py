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
from typing import Any

from gkg.model import Node, Path, Relationship, Result

FORMATS = ("table", "json", "csv", "markdown")
LIST_SEPARATOR = "; "


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


def node_text(node: Node) -> str:
    """``Name (id)``, or just the id when the node has no other name."""
    name = node.display_name()
    return name if name == node.id else f"{name} ({node.id})"


def path_text(path: Path) -> str:
    """The chain a path walks: ``ASICLAND -PARTNER_OF-> TSMC <-MADE_BY- ...``."""
    if not path.nodes:
        return ""
    parts = [path.nodes[0].display_name()]
    for i, rel in enumerate(path.relationships):
        here = path.nodes[i]
        nxt = path.nodes[i + 1] if i + 1 < len(path.nodes) else None
        arrow = f"-{rel.type}->" if rel.start == here.id else f"<-{rel.type}-"
        parts += [arrow, nxt.display_name() if nxt else "?"]
    return " ".join(parts)


def cell_text(value: Any, *, group_digits: bool = False) -> str:
    """``value`` as the text of one cell; ``group_digits`` writes 15,300,000,000."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return f"{value:,}" if group_digits and abs(value) >= 10_000 else str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return cell_text(int(value), group_digits=group_digits)
        return repr(value)
    if isinstance(value, Node):
        return node_text(value)
    if isinstance(value, Relationship):
        return f"{value.start} -{value.type}-> {value.end}"
    if isinstance(value, Path):
        return path_text(value)
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(cell_text(v, group_digits=group_digits) for v in value)
    if isinstance(value, dict):
        return LIST_SEPARATOR.join(
            f"{k}: {cell_text(v, group_digits=group_digits)}" for k, v in value.items()
        )
    return str(value)


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
