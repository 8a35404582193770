"""``gkg validate``, ``gkg load`` and ``gkg schema``."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from gkg.cli.common import core_from

if TYPE_CHECKING:
    from gkg.loaders.load import Changes
    from gkg.schema import Prop

FILES_HELP = "Seed YAML files, loaded together (default: data/seed.yaml, else the shipped seed)."


def validate(
    ctx: typer.Context,
    files: list[Path] = typer.Argument(None, help=FILES_HELP, show_default=False),
) -> None:
    """Check seed files against the schema without writing anything."""
    seed = core_from(ctx).validate(*(files or ()))
    print(
        f"valid: {len(seed.nodes)} nodes and {len(seed.relationships)} relationships "
        f"in {len(seed.files)} file{'s' if len(seed.files) != 1 else ''}"
    )


def load(
    ctx: typer.Context,
    files: list[Path] = typer.Argument(None, help=FILES_HELP, show_default=False),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print only the one-line total."),
) -> None:
    """Validate seed files and replace the stored graph with them, atomically."""
    started = time.monotonic()
    with core_from(ctx) as kg:
        kg.store  # noqa: B018  (connect before the progress bar: a refusal prints cleanly)
        with _LateProgress() as progress:
            progress.stage("reading and validating")
            seed = kg.validate(*(files or ()))
            progress.stage("writing")
            summary = kg.load_seed(seed, progress)
    elapsed = time.monotonic() - started
    if not quiet:
        _print_changes("label", summary.nodes)
        _print_changes("relationship type", summary.relationships)
    n, r = summary.nodes, summary.relationships
    verdict = "loaded" if summary.changed else "loaded (no changes)"
    print(
        f"{verdict}: nodes +{n.total('created')} ~{n.total('updated')} -{n.total('removed')}, "
        f"relationships +{r.total('created')} ~{r.total('updated')} -{r.total('removed')} "
        f"in {elapsed:.2f}s"
    )


def schema() -> None:
    """List the declared labels, relationship types and their properties."""
    from gkg.schema import COMMON_NODE_PROPS, COMMON_REL_PROPS, NODE_TYPES, REL_TYPES

    def props(items: Iterable[Prop]) -> str:
        return ", ".join(
            f"{p.name}{'*' if p.required else ''}:{p.type}" + (f"[{p.unit}]" if p.unit else "")
            for p in items
        )

    print(f"Every node: id*, label*, sources*, {props(COMMON_NODE_PROPS)}")
    print(f"Every relationship: type*, from*, to*, key, sources*, {props(COMMON_REL_PROPS)}\n")
    print("Node labels:")
    for t in NODE_TYPES:
        print(f"  {t.label}: {t.description}" + (f"\n      {props(t.props)}" if t.props else ""))
    print("\nRelationship types:")
    for r in REL_TYPES:
        print(
            f"  {r.type}: {r.description}\n      ({'|'.join(r.start)}) -> ({'|'.join(r.end)})"
            + (f"\n      {props(r.props)}" if r.props else "")
        )
    print("\n* required")


def _print_changes(kind: str, changes: Changes) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(kind, "created", "updated", "removed", "unchanged", box=None)
    for name in changes.kinds():
        table.add_row(
            name,
            *(
                str(getattr(changes, w)[name])
                for w in ("created", "updated", "removed", "unchanged")
            ),
        )
    Console().print(table)


class _LateProgress:
    """A rich progress bar on standard error that appears only when a load has run for a
    second (short loads print nothing), naming the stage: reading and validating, writing."""

    DELAY_S = 1.0

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.description = "loading"
        self.done: int = 0
        self.total: int | None = None
        self.bar: Any = None
        self.task: Any = None
        self.timer = threading.Timer(self.DELAY_S, self._show)
        self.timer.daemon = True

    def stage(self, description: str) -> None:
        with self.lock:
            self.description, self.done, self.total = description, 0, None
            if self.bar is not None:
                self.bar.update(self.task, description=description, completed=0, total=None)

    def __call__(self, done: int, total: int) -> None:
        with self.lock:
            self.done, self.total = done, total
            if self.bar is not None:
                self.bar.update(self.task, completed=done, total=total)

    def _show(self) -> None:
        from rich.console import Console
        from rich.progress import Progress

        with self.lock:
            self.bar = Progress(console=Console(stderr=True), transient=True)
            self.bar.start()
            self.task = self.bar.add_task(self.description, total=self.total, completed=self.done)

    def __enter__(self) -> _LateProgress:
        self.timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.timer.cancel()
        with self.lock:
            if self.bar is not None:
                self.bar.stop()


def register(app: typer.Typer) -> None:
    app.command()(validate)
    app.command()(load)
    app.command()(schema)
