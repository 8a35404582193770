"""What every command shares: store options, opening the store, printing errors."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import typer

from gkg.errors import GkgError
from gkg.stores.base import GraphStore
from gkg.stores.factory import open_store

__all__ = ["GkgError", "StoreOptions", "err", "global_options", "store_from"]


@dataclass
class StoreOptions:
    uri: str | None
    username: str | None
    database: str | None
    home: Path | None


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
) -> None:
    """Options for every command. The Neo4j password is read from NEO4J_PASSWORD only."""
    ctx.obj = StoreOptions(uri, username, database, home)


def store_from(ctx: typer.Context) -> GraphStore:
    """Open the store the global options (or the environment) select."""
    options: StoreOptions = ctx.find_root().obj or StoreOptions(None, None, None, None)
    return open_store(
        options.uri, username=options.username, database=options.database, home=options.home
    )


def err(message: str) -> None:
    """Print a line to standard error."""
    print(message, file=sys.stderr)
