"""The ``gkg`` command: a thin Typer layer over the application core (:mod:`gkg.core`).

Each module here registers one group of commands; none holds logic of its own beyond
parsing arguments, calling the core and formatting output. Errors a user can fix are
printed as one clear message with exit code 2, never as a traceback.

Importing this package builds nothing. :func:`build_app` makes the Typer app with only
the group of the command being run (``gkg query`` never imports the drawing or loading
commands), or with every group when the command is not known yet (``gkg --help``, no
command, a typo, completing a command name); ``gkg.cli.app`` is the whole app, built on
first use, for tests and embedding.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from importlib import import_module

#: ``typing`` is not imported at run time (the launcher imports this module); type
#: checkers take this name as true.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    import typer

#: The modules that register commands, in the order ``gkg --help`` lists them.
MODULES = ("store_cmds", "load_cmds", "export_cmds", "query_cmds", "viz_cmds")
#: Each top-level command and the module that registers it (a test keeps this true).
COMMANDS = {
    "doctor": "store_cmds",
    "server": "store_cmds",
    "validate": "load_cmds",
    "load": "load_cmds",
    "schema": "load_cmds",
    "datasets": "load_cmds",
    "unload": "load_cmds",
    "export": "export_cmds",
    "queries": "query_cmds",
    "query": "query_cmds",
    "cypher": "query_cmds",
    "viz": "viz_cmds",
    "analyze": "viz_cmds",
    "report": "viz_cmds",
}
#: Global options that take a value (so the word after them is not a command).
VALUE_OPTIONS = ("--uri", "--user", "--database", "--home")

_whole: typer.Typer | None = None


def build_app(args: Sequence[str] | None = None) -> typer.Typer:
    """The ``gkg`` app with the commands needed to run ``args`` (all when ``None``)."""
    import typer

    from gkg.cli import common

    app = typer.Typer(
        name="gkg",
        help="The Gwangju AI-ecosystem knowledge graph: load curated facts, ask named "
        "questions, draw the answers.",
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        add_completion=True,
        rich_markup_mode=None,
    )
    app.callback()(common.global_options)
    command = None if args is None else command_of(args)
    for name in (COMMANDS[command],) if command else MODULES:
        import_module(f"gkg.cli.{name}").register(app)
    return app


def command_of(args: Sequence[str]) -> str | None:
    """The top-level command ``args`` run (or, while the shell completes, the one being
    completed past); ``None`` when there is none yet or it is unknown."""
    words = list(args)
    if not words and (os.environ.get("_GKG_COMPLETE") or "").strip():
        words = _completion_words()
    skip = False
    for word in words:
        if skip:
            skip = False
        elif word in VALUE_OPTIONS:
            skip = True
        elif not word.startswith("-"):
            return word if word in COMMANDS else None
    return None


def _completion_words() -> list[str]:
    """The words before the one being completed, as the shell handed them to Typer."""
    import shlex

    line = os.environ.get("COMP_WORDS") or os.environ.get("_TYPER_COMPLETE_ARGS") or ""
    try:
        words = shlex.split(line)
    except ValueError:
        return []
    if "COMP_CWORD" in os.environ:  # bash: the index of the word being completed
        try:
            return words[1 : int(os.environ["COMP_CWORD"])]
        except ValueError:
            return []
    # zsh, fish, PowerShell: the line so far; the last word is complete only after a space
    return words[1:] if line.endswith(" ") else words[1:-1]


def __getattr__(name: str) -> Any:
    global _whole
    if name == "app":
        if _whole is None:
            _whole = build_app()
        return _whole
    raise AttributeError(f"module 'gkg.cli' has no attribute {name!r}")
