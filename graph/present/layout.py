"""Lay a result out in plain text that fits a width: a table when it fits, else records.

A table never squeezes or folds a column: when its natural width is more than the width
given, the result is shown as records instead, one field per line (as psql's expanded
mode does), with long values wrapped at spaces only, so names, ids and numbers are never
split. Widths are counted in terminal cells (a Hangul syllable takes two).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rich.cells import cell_len

from gkg.model import Result
from gkg.present.formatting import row_texts, safe_text

#: Amounts keep together when a line is wrapped: "4.28 trillion KRW", "4조 2,831억 원".
_AMOUNT = re.compile(r"\d[\d.,]* (?:trillion|billion|million) KRW|(?:[\d,]+(?:조|억|만) )+원")
_GLUE = "\u00a0"


def _glued(text: str) -> str:
    return _AMOUNT.sub(lambda m: m.group().replace(" ", _GLUE), text)


def _rows_count(count: int) -> str:
    return f"({count} row{'s' if count != 1 else ''})"


def _pad(text: str, width: int, right: bool = False) -> str:
    gap = " " * max(0, width - cell_len(text))
    return gap + text if right else text + gap


def _numeric(result: Result, index: int) -> bool:
    values = [row[index] for row in result.rows if row[index] is not None]
    return bool(values) and all(
        isinstance(v, (int, float)) and not isinstance(v, bool) for v in values
    )


def table_lines(
    columns: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[bool] = ()
) -> list[str]:
    """A plain table (`` a | b`` under a ``---+---`` rule) of texts, at its natural width."""
    widths = [cell_len(c) for c in columns]
    for row in rows:
        widths = [max(w, cell_len(t)) for w, t in zip(widths, row)]
    align = list(right) or [False] * len(columns)
    lines = [" | ".join(_pad(c, w) for c, w in zip(columns, widths)).rstrip()]
    lines.append("-+-".join("-" * w for w in widths))
    for row in rows:
        cells = (_pad(t, w, a) for t, w, a in zip(row, widths, align))
        lines.append(" | ".join(cells).rstrip())
    return lines


def table_or_records(
    result: Result, *, width: int = 100, title: str | None = None, lang: str = "en"
) -> str:
    """The result as a table if it fits in ``width`` cells, else as records."""
    columns = [safe_text(c) for c in result.columns]
    rows = [row_texts(result.columns, row, lang) for row in result.rows]
    lines = table_lines(columns, rows, [_numeric(result, i) for i in range(len(result.columns))])
    if max(cell_len(line) for line in lines) > width or any("\n" in t for r in rows for t in r):
        return records(result, width=width, title=title, lang=lang)
    head = [safe_text(title)] if title else []
    return "\n".join([*head, *lines, _rows_count(len(rows))]) + "\n"


def records(result: Result, *, width: int = 100, title: str | None = None, lang: str = "en") -> str:
    """One block per row, one ``field | value`` line per column, values wrapped at spaces."""
    columns = [safe_text(c) for c in result.columns]
    label = max((cell_len(c) for c in columns), default=0)
    room = max(20, width - label - 3)
    blocks = []
    for row in result.rows:
        block = []
        for column, text in zip(columns, row_texts(result.columns, row, lang)):
            wrapped = wrap(text, room) or [""]
            block.append(f"{_pad(column, label)} | {wrapped[0]}".rstrip())
            block += [f"{' ' * label} | {more}".rstrip() for more in wrapped[1:]]
        blocks.append(block)
    rule = min(width, max((cell_len(line) for b in blocks for line in b), default=0))
    lines = [safe_text(title)] if title else []
    for number, block in enumerate(blocks, start=1):
        header = f"-[ RECORD {number} ]"
        lines += [header + "-" * max(0, rule - len(header)), *block]
    lines.append(_rows_count(len(result.rows)))
    return "\n".join(lines) + "\n"


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` cells, broken at spaces only: a word longer
    than the width keeps a line of its own rather than being split."""
    lines: list[str] = []
    current = ""
    for word in _glued(text).split(" "):
        candidate = f"{current} {word}" if current else word
        if current and cell_len(candidate) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current or not lines:
        lines.append(current)
    return [line.replace(_GLUE, " ") for line in lines if line or len(lines) == 1]
