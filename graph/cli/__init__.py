"""The ``gkg`` command: a thin Typer layer over the application core (:mod:`gkg.core`).

Each module here registers one group of commands; none holds logic of its own beyond
parsing arguments, calling the core and formatting output. Errors a user can fix are
printed as one clear message with exit code 2, never as a traceback.
"""

from __future__ import annotations

import typer

from gkg.cli import common

app = typer.Typer(
    name="gkg",
    help="The Gwangju AI-ecosystem knowledge graph: load curated facts, ask named questions, "
    "draw the answers.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=True,
    rich_markup_mode=None,
)
app.callback()(common.global_options)

from gkg.cli import (  # noqa: E402  (they register on `app`)
    export_cmds,
    load_cmds,
    query_cmds,
    store_cmds,
    viz_cmds,
)

for module in (store_cmds, load_cmds, export_cmds, query_cmds, viz_cmds):
    module.register(app)
