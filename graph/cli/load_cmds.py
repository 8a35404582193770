"""``gkg validate``, ``gkg load`` and ``gkg schema``."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from gkg.cli.common import core_from
from gkg.cli.output import OutputFormat, emit, format_option
from gkg.errors import StoreError
from gkg.model import Result
from gkg.present.formatting import safe_text

if TYPE_CHECKING:
    from gkg.loaders.load import Changes, LoadSummary
    from gkg.schema import Prop

FILES_HELP = "Seed YAML files, loaded together (default: data/seed.yaml, else the shipped seed)."


def validate(
    ctx: typer.Context,
    files: list[Path] = typer.Argument(None, help=FILES_HELP, show_default=False),
    replace: bool = typer.Option(
        False, "--replace", help="Check as `gkg load --replace` would: the files on their own."
    ),
    alone: bool = typer.Option(
        False, "--alone", help="Check the files on their own, without the store (for CI)."
    ),
) -> None:
    """Check seed files as `gkg load` would, writing nothing: the schema, and references
    to the stored datasets a load of them would keep."""
    kg = core_from(ctx)
    if alone:
        seed = kg.validate(*(files or ()))
        against = "checked on their own (--alone), not against the stored graph"
    else:
        with kg:
            try:
                check = kg.check(*(files or ()), replace=replace)
            except StoreError as exc:
                hint = "`gkg validate --alone` checks the files without the store"
                raise StoreError(f"{exc}; {hint}") from None
        seed = check.seed
        if check.replaces_all:
            against = "a load of them would replace the whole stored graph"
        elif check.kept:
            kept = ", ".join(safe_text(name) for name in check.kept)
            against = f"checked against the stored datasets a load would keep: {kept}"
        else:
            against = "no other dataset is stored to check against"
    nodes, rels, files_read = len(seed.nodes), len(seed.relationships), len(seed.files)
    print(
        f"valid: {nodes} node{_s(nodes)} and {rels} relationship{_s(rels)} "
        f"in {files_read} file{_s(files_read)}; {against}"
    )


def _s(count: int) -> str:
    return "" if count == 1 else "s"


def load(
    ctx: typer.Context,
    files: list[Path] = typer.Argument(None, help=FILES_HELP, show_default=False),
    replace: bool = typer.Option(
        False,
        "--replace",
        help="Replace the whole stored graph, every dataset, with these files.",
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print only the one-line total."),
) -> None:
    """Load seed files, atomically. Each file is a dataset (its `dataset:` name, else its
    path; the shipped seed is `seed`): only those datasets are replaced and the others stay,
    unless --replace is given."""
    started = time.monotonic()
    with core_from(ctx) as kg:
        kg.store  # noqa: B018  (connect before the progress bar: a refusal prints cleanly)
        with _LateProgress() as progress:
            summary = kg.load(
                *(files or ()), replace=replace, progress=progress, stage=progress.stage
            )
    elapsed = time.monotonic() - started
    if not quiet:
        _print_changes("label", summary.nodes)
        _print_changes("relationship type", summary.relationships)
    for line in dataset_lines(summary):
        print(line)
    n, r = summary.nodes, summary.relationships
    verdict = "loaded" if summary.changed else "loaded (no changes)"
    print(
        f"{verdict}: nodes +{n.total('created')} ~{n.total('updated')} -{n.total('removed')}, "
        f"relationships +{r.total('created')} ~{r.total('updated')} -{r.total('removed')} "
        f"in {elapsed:.2f}s"
    )


def dataset_lines(summary: LoadSummary) -> list[str]:
    """One line per dataset the load touched, and a note when it replaced everything."""
    lines = []
    if summary.replaced_all:
        lines.append("replaced the whole stored graph (--replace): only these datasets remain")
    for change in summary.datasets:
        name, file = safe_text(change.name), safe_text(change.file)
        where = f" ({file})" if file and file != name else ""
        lines.append(f"dataset {name}{where}: {change.action}")
    return lines


def datasets(ctx: typer.Context, fmt: OutputFormat = format_option()) -> None:
    """List the loaded datasets: name, file, content digest, counts and when loaded."""
    with core_from(ctx) as kg:
        found = kg.datasets()
    short = fmt in (OutputFormat.table, OutputFormat.records)  # the full digest elsewhere
    rows = [
        [d.name, d.file, d.digest[:12] if short else d.digest, d.nodes, d.relationships]
        + [d.loaded_at]
        for d in found
    ]
    columns = ["name", "file", "digest", "nodes", "relationships", "loadedAt"]
    emit(Result(columns, rows), fmt.value, None, title="loaded datasets")


def unload(
    ctx: typer.Context,
    name: str = typer.Argument(
        ..., help="The dataset to remove (see `gkg datasets`).", metavar="NAME"
    ),
) -> None:
    """Remove one dataset, atomically (refused while other datasets refer to its nodes)."""
    with core_from(ctx) as kg:
        summary = kg.unload(name)
    n, r = summary.nodes, summary.relationships
    print(
        f"unloaded dataset {safe_text(name)}: nodes -{n.total('removed')}, "
        f"relationships -{r.total('removed')}"
    )


class SchemaFormat(str, Enum):
    text = "text"
    json_schema = "json-schema"


def schema(
    fmt: SchemaFormat = typer.Option(
        SchemaFormat.text,
        "--format",
        "-f",
        help="text, or json-schema: a JSON Schema of seed files for editors and validators.",
        metavar="FORMAT",
    ),
) -> None:
    """List the declared labels, relationship types and their properties."""
    if fmt is SchemaFormat.json_schema:
        import json

        from gkg.schema.jsonschema import seed_json_schema

        print(json.dumps(seed_json_schema(), ensure_ascii=False, indent=2))
        return
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
    from gkg.present.layout import table_lines

    kinds = changes.kinds()
    if not kinds:
        return
    whats = ("created", "updated", "removed", "unchanged")
    rows = [
        [
            name,
            *(str(getattr(changes, w)[name]) for w in whats),
            ", ".join(safe_text(d) for d in sorted(changes.datasets.get(name, ()))),
        ]
        for name in kinds
    ]
    columns = [kind, *whats, "datasets"]
    print("\n".join(table_lines(columns, rows, [False, True, True, True, True, False])))
    print()


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
    app.command()(datasets)
    app.command()(unload)
