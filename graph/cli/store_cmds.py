"""``gkg doctor`` and ``gkg server status|stop``."""

from __future__ import annotations

import typer

from gkg.cli.common import core_from, err
from gkg.errors import GkgError
from gkg.resident.control import describe as describe_resident

server_app = typer.Typer(
    help="Manage the embedded FalkorDB server (not used when NEO4J_URI or --uri is set).",
    no_args_is_help=True,
)


def doctor(ctx: typer.Context) -> None:
    """Say which store is in use, its version, where its data lives and what it holds."""
    try:
        with core_from(ctx) as kg:
            info = kg.info()
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
    print(f"resident gkg: {describe_resident()}")
    print("status: ok")


@server_app.command("status")
def server_status(ctx: typer.Context) -> None:
    """Whether the embedded server of this data folder is running."""
    state = core_from(ctx).server_status()
    if state.running:
        print(f"running (pid {state.pid})\nsocket: {state.socket}\ndata: {state.data_dir}")
    else:
        print(f"not running\ndata: {state.data_dir}")
        raise typer.Exit(3)


@server_app.command("stop")
def server_stop(ctx: typer.Context) -> None:
    """Save the graph and stop the embedded server of this data folder."""
    kg = core_from(ctx)
    kg.server_status()  # says so plainly when the store is not the embedded one
    print("stopped" if kg.stop_server() else "not running")


def register(app: typer.Typer) -> None:
    app.command()(doctor)
    app.add_typer(server_app, name="server")
