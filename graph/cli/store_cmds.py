"""``gkg doctor`` and ``gkg server status|stop``."""

from __future__ import annotations

import typer

from gkg.cli.common import StoreOptions, err, store_from
from gkg.errors import GkgError
from gkg.stores.falkordb import server
from gkg.stores.falkordb.settings import default_home

server_app = typer.Typer(help="Manage the embedded FalkorDB server.", no_args_is_help=True)


def doctor(ctx: typer.Context) -> None:
    """Say which store is in use, its version, where its data lives and what it holds."""
    try:
        with store_from(ctx) as store:
            info = store.info()
    except GkgError as exc:
        err(f"store: cannot be used\nproblem: {exc}")
        raise typer.Exit(1) from None
    print(f"store: {info.kind} ({info.version})")
    print(f"data: {info.location}")
    for key, value in info.details.items():
        print(f"{key}: {value}")
    if info.node_count is None:
        print("graph: not loaded yet (run `gkg load`)")
    else:
        print(f"nodes: {info.node_count}")
        print(f"relationships: {info.relationship_count}")
    print("status: ok")


def _home(ctx: typer.Context):
    options: StoreOptions | None = ctx.find_root().obj
    return options.home.absolute() if options and options.home else default_home()


@server_app.command("status")
def server_status(ctx: typer.Context) -> None:
    """Whether the embedded server of this data folder is running."""
    state = server.status(_home(ctx))
    if state.running:
        print(f"running (pid {state.pid})\nsocket: {state.socket}\ndata: {state.data_dir}")
    else:
        print(f"not running\ndata: {state.data_dir}")
        raise typer.Exit(3)


@server_app.command("stop")
def server_stop(ctx: typer.Context) -> None:
    """Save the graph and stop the embedded server of this data folder."""
    if server.stop(_home(ctx)):
        print("stopped")
    else:
        print("not running")


def register(app: typer.Typer) -> None:
    app.command()(doctor)
    app.add_typer(server_app, name="server")
