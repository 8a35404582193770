"""``gkg export``: the whole graph as JSON, GraphML or a cypher-shell script."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from gkg.cli.common import as_of_option, core_from


def export(
    ctx: typer.Context,
    fmt: str = typer.Option("json", "--format", "-f", help="json | graphml | cypher"),
    out: Path = typer.Option(None, "--out", "-o", help="Write to this file (default: stdout)."),
    as_of: str = as_of_option(),
) -> None:
    """Export the stored graph (node ids and relationship ends are the seed ids)."""
    from gkg.present.export import check_format

    check_format(fmt)  # before any store is opened
    with core_from(ctx) as today, today.as_of(as_of) as kg:
        text = kg.export(fmt)
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8")
        print(f"wrote {out}", file=sys.stderr)


def register(app: typer.Typer) -> None:
    app.command()(export)
