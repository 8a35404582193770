"""What every command shares: the store options, the application core they select, and
printing to standard error."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import typer

from gkg.core import KnowledgeGraph
from gkg.errors import GkgError
from gkg.stores.factory import store_settings

__all__ = [
    "AS_OF_HELP",
    "GkgError",
    "StoreOptions",
    "as_of_option",
    "core_from",
    "err",
    "global_options",
]

AS_OF_HELP = (
    "Answer from the graph as known on this date (YYYY-MM-DD, YYYY-MM or YYYY): only facts "
    "from sources published by then, each with the value current then."
)


def as_of_option() -> Any:
    """The ``--as-of DATE`` option of query, cypher, viz, report and export."""
    return typer.Option(None, "--as-of", help=AS_OF_HELP, show_default=False, metavar="DATE")


@dataclass
class StoreOptions:
    uri: str | None
    username: str | None
    database: str | None
    home: Path | None
    timeout: float | None = None


def global_options(
    ctx: typer.Context,
    uri: str = typer.Option(
        None,
        "--uri",
        envvar="NEO4J_URI",
        show_envvar=True,
        help="Neo4j URI (bolt://, neo4j://, neo4j+s://). Unset: the embedded store.",
    ),
    username: str = typer.Option(
        None, "--user", envvar="NEO4J_USERNAME", show_envvar=True, help="Neo4j user name."
    ),
    database: str = typer.Option(
        None, "--database", envvar="NEO4J_DATABASE", show_envvar=True, help="Neo4j database."
    ),
    home: Path = typer.Option(
        None,
        "--home",
        envvar="GKG_HOME",
        show_envvar=True,
        help="Data folder of the embedded store (default: ./.gkg).",
    ),
    timeout: float = typer.Option(
        None,
        "--timeout",
        envvar="GKG_TIMEOUT",
        show_envvar=True,
        help="Seconds a query may run before the engine stops it (default 30, at most 3600).",
        metavar="SECONDS",
    ),
) -> None:
    """Options for every command. The Neo4j password is read from NEO4J_PASSWORD only."""
    ctx.obj = StoreOptions(uri, username, database, home, timeout)


def core_from(
    ctx: typer.Context | None, query_dirs: Sequence[Path] | None = None
) -> KnowledgeGraph:
    """The application core over the store the global options (or the environment) select,
    with the extra query folders given. The store is connected on first use."""
    root = ctx.find_root().obj if ctx is not None else None
    options: StoreOptions = root or StoreOptions(None, None, None, None)
    settings = store_settings(
        options.uri,
        username=options.username,
        database=options.database,
        home=options.home,
        timeout_s=options.timeout,
    )
    return KnowledgeGraph(settings, list(query_dirs or ()))


def err(message: str) -> None:
    """Print a line to standard error."""
    print(message, file=sys.stderr)
