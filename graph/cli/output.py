"""How commands print a result: the ``--format`` and ``--lang`` options, the width to fit,
and writing to standard output or a file."""

from __future__ import annotations

import os
import shutil
import sys
from enum import Enum
from pathlib import Path
from typing import Any

import typer

from gkg.cli.common import err
from gkg.errors import GkgError
from gkg.model import Result

#: No width limit: a file, or a pipe without COLUMNS, gets the table at its natural width.
UNLIMITED = 1 << 30


class OutputFormat(str, Enum):
    table = "table"
    records = "records"
    json = "json"
    csv = "csv"
    markdown = "markdown"


class Lang(str, Enum):
    en = "en"
    ko = "ko"


FORMAT_HELP = (
    "table (records when wider than the terminal), records (one field per line), "
    "json, csv or markdown."
)


def format_option() -> Any:
    return typer.Option(OutputFormat.table, "--format", "-f", help=FORMAT_HELP, metavar="FORMAT")


def lang_option() -> Any:
    return typer.Option(
        Lang.en, "--lang", help="Amounts in tables as en (4.28 trillion KRW) or ko (4조 원).",
        metavar="LANG",
    )  # fmt: skip


def output_width() -> int:
    """The terminal's width; for a pipe, ``COLUMNS`` when set, else no limit."""
    if sys.stdout.isatty():
        return shutil.get_terminal_size().columns
    raw = os.environ.get("COLUMNS", "")
    return int(raw) if raw.isdigit() and int(raw) > 0 else UNLIMITED


def emit(
    result: Result,
    fmt: str,
    out: Path | None,
    title: str | None = None,
    lang: str = "en",
) -> None:
    """Print ``result`` (or write it to ``out``) in ``fmt``; values are printed literally."""
    from gkg.present.tables import render

    if out is not None:
        try:
            out.write_text(render(result, fmt, width=UNLIMITED, lang=lang), encoding="utf-8")
        except OSError as exc:
            raise GkgError(f"cannot write {out}: {exc.strerror or exc}") from None
        count = len(result.rows)
        err(f"wrote {count} row{'s' if count != 1 else ''} as {fmt} to {out}")
        return
    shown = title if sys.stdout.isatty() else None
    sys.stdout.write(render(result, fmt, width=output_width(), title=shown, lang=lang))
