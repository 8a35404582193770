"""The load job: validate, plan, swap the new graph in atomically, report what changed.

Each file is a dataset (:mod:`gkg.loaders.datasets`). A load replaces only the datasets it
names, checking the files against the datasets it leaves in place; ``replace=True``
replaces the whole graph. :func:`unload` removes one dataset.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from gkg.checkpoints import checkpoint
from gkg.errors import GkgError, ValidationError
from gkg.loaders.dataset_checks import DATASET_KEY
from gkg.loaders.datasets import (
    SEED_DATASET,
    DatasetEntry,
    StoredGraph,
    broken_references,
    default_name,
    read_stored,
    registry_row,
)
from gkg.loaders.parse import paused_gc
from gkg.loaders.plan import LoadPlan, plan_load
from gkg.loaders.reader import SeedFile, read_seed_files
from gkg.loaders.validate import Seed, validate
from gkg.stores.base import GraphStore, Progress
from gkg.stores.ingest import LoadScope

DEFAULT_SEED = Path("data/seed.yaml")


def default_seed_paths() -> list[Path]:
    """``data/seed.yaml`` of the working directory if there is one, else the shipped seed."""
    from gkg import shipped

    return [DEFAULT_SEED if DEFAULT_SEED.exists() else shipped.seed_path()]


@dataclass
class Changes:
    """Counts per label or relationship type, and the datasets each kind was touched in."""

    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    removed: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)
    datasets: dict[str, set[str]] = field(default_factory=dict)

    def kinds(self) -> list[str]:
        return sorted(
            set(self.created) | set(self.updated) | set(self.removed) | set(self.unchanged)
        )

    def total(self, which: str) -> int:
        return sum(getattr(self, which).values())


@dataclass(frozen=True)
class DatasetChange:
    """What a load did to one dataset: ``added``, ``replaced``, ``unchanged``, ``removed``."""

    name: str
    file: str
    action: str


@dataclass
class LoadSummary:
    files: list[str]
    stamp: str
    nodes: Changes
    relationships: Changes
    datasets: list[DatasetChange] = field(default_factory=list)
    #: True when the load replaced the whole graph (``--replace``).
    replaced_all: bool = False

    @property
    def changed(self) -> bool:
        return any(
            c.total(w)
            for c in (self.nodes, self.relationships)
            for w in ("created", "updated", "removed")
        ) or any(d.action in ("added", "removed") for d in self.datasets)


#: Called with the name of each stage (reading and validating, writing).
Stage = Callable[[str], None]


def load_files(
    store: GraphStore,
    paths: Sequence[str | Path],
    progress: Progress | None = None,
    *,
    replace: bool = False,
    stage: Stage | None = None,
) -> LoadSummary:
    """Validate ``paths`` (one dataset each) against what the store keeps, and load them:
    only their datasets are replaced, or the whole graph with ``replace``."""
    if stage:
        stage("reading and validating")
    # One pause for the whole job: millions of small objects without cycles (see
    # parse.paused_gc), and each time the collector comes back it first walks all of them.
    with paused_gc():
        seed, _ = _validated(store, paths, replace)
        if stage:
            stage("writing")
        return load_seed(store, seed, progress, replace=replace)


@dataclass(frozen=True)
class FileCheck:
    """What :func:`check_files` found: the valid seed, and what it was checked against."""

    seed: Seed
    #: The stored datasets a load of these files would keep (none with ``replace``).
    kept: list[str]
    #: True when a load would replace the whole stored graph.
    replaces_all: bool


def check_files(
    store: GraphStore, paths: Sequence[str | Path], *, replace: bool = False
) -> FileCheck:
    """Every check :func:`load_files` makes, without writing: the files, their references
    to the datasets a load would keep, ids those datasets declare, and references of the
    kept datasets to nodes the files would take away. Raises as the load would."""
    with paused_gc():
        seed, stored = _validated(store, paths, replace)
        everything = replace or stored.legacy
        names: set[str] = set()
        if not everything:
            plan = plan_load(seed)
            names = set(plan.datasets)
            _refuse_conflicts(stored, plan)
            _refuse_broken(stored, names, {i: k for i, (k, _) in plan.nodes.items()}, "replace")
    kept = [] if everything else sorted(set(stored.registry) - names)
    return FileCheck(seed, kept, everything)


def _validated(
    store: GraphStore, paths: Sequence[str | Path], replace: bool
) -> tuple[Seed, StoredGraph]:
    """The files read and validated against what a load of them would keep of the stored
    graph (read only once the files could be read), and that stored graph."""
    files, problems = read_seed_files(paths)
    if problems:
        raise ValidationError(problems)
    stored = read_stored(store)
    kept = None
    if not (replace or stored.legacy):
        kept = stored.kept(_declared_name(f) for f in files)
    return validate(files, kept), stored


def _declared_name(seed_file: SeedFile) -> str:
    """The dataset a file replaces: its ``dataset:`` name, else its path's."""
    declared = seed_file.data.get(DATASET_KEY)
    return declared if isinstance(declared, str) else default_name(seed_file.path)


def load_seed(
    store: GraphStore,
    seed: Seed,
    progress: Progress | None = None,
    *,
    replace: bool = False,
) -> LoadSummary:
    """Write a validated seed: plan its rows, check them against the datasets that stay,
    swap the new graph in, and compare with the old."""
    with paused_gc():  # the rows and the summary are many small objects without cycles
        plan = plan_load(seed)
        checkpoint("before-write")
        with store.load_lock():  # what is stored is read under the lock the swap is made under
            stored = read_stored(store)
            everything = replace or stored.legacy
            names = set(plan.datasets)
            if not everything:
                _refuse_conflicts(stored, plan)
                _refuse_broken(stored, names, {i: k for i, (k, _) in plan.nodes.items()}, "replace")
            scope = LoadScope(
                everything,
                tuple(sorted(names)),
                tuple(sorted(p.stamp for p in plan.datasets.values())),
                tuple(_registry(stored, plan)),
            )
            store.apply_load(plan.statements, scope, _checked(progress))
        checkpoint("after-swap")
        replaced = set(stored.registry) if everything else names
        return _summary(seed.files, plan, stored, replaced, everything)


def unload(store: GraphStore, name: str) -> LoadSummary:
    """Remove one dataset, atomically; refused while other datasets refer to its nodes."""
    stored = read_stored(store)
    if name not in stored.registry:
        known = ", ".join(sorted(stored.registry)) or "none"
        raise GkgError(f"no dataset {name!r} is loaded (loaded: {known}); see `gkg datasets`")
    _refuse_broken(stored, {name}, {}, "unload")
    scope = LoadScope(False, (name,), (), ())
    store.apply_load([], scope)
    empty = LoadPlan([], "", {}, {})
    return _summary([], empty, stored, {name}, False)


def datasets(store: GraphStore) -> list[DatasetEntry]:
    """Every loaded dataset, by name."""
    return sorted(read_stored(store).registry.values(), key=lambda d: d.name)


def _refuse_conflicts(stored: StoredGraph, plan: LoadPlan) -> None:
    """An id the seed writes that a dataset staying in place already declared."""
    clashes = []
    for element_id, dataset in sorted(plan.owner.items()):
        node = stored.nodes.get(element_id)
        rel = stored.rels.get(element_id)
        owner = node.dataset if node else rel.dataset if rel else None
        if owner is not None and owner not in plan.datasets:
            clashes.append(
                f"{element_id!r} is declared by dataset {dataset!r} "
                f"({plan.datasets[dataset].file}) and by {stored.describe(owner)}"
            )
    if clashes:
        raise GkgError(_listed("refused: an id belongs to one dataset only", clashes))


def _refuse_broken(stored: StoredGraph, names: set[str], after: dict[str, str], verb: str) -> None:
    broken = broken_references(stored, names, after)
    if broken:
        which = ", ".join(repr(n) for n in sorted(names))
        way = (
            "unload or change the datasets that refer to it first"
            if verb == "unload"
            else "change the datasets that refer to them first, or load with --replace"
        )
        raise GkgError(
            _listed(
                f"refused to {verb} {which}: other datasets still refer to its nodes; "
                f"nothing changed ({way})",
                broken,
            )
        )


def _listed(head: str, items: list[str], most: int = 20) -> str:
    lines = [head, *(f"  {item}" for item in items[:most])]
    if len(items) > most:
        lines.append(f"  ... and {len(items) - most} more")
    return "\n".join(lines)


def _registry(stored: StoredGraph, plan: LoadPlan) -> Iterable[dict[str, object]]:
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
    for name, dataset in sorted(plan.datasets.items()):
        old = stored.registry.get(name)
        same = old is not None and old.digest == dataset.digest and old.file == dataset.file
        entry = DatasetEntry(
            name,
            dataset.file,
            dataset.digest,
            dataset.nodes,
            dataset.relationships,
            old.loaded_at if same and old else now,
        )
        yield registry_row(entry, dataset.stamp)


def _summary(
    files: list[str], plan: LoadPlan, stored: StoredGraph, replaced: set[str], everything: bool
) -> LoadSummary:
    in_scope = (lambda d: True) if everything else (lambda d: d in replaced)
    nodes = _compare(
        {i: (n.label, n.digest, n.dataset) for i, n in stored.nodes.items() if in_scope(n.dataset)},
        {i: (k, h, plan.owner.get(i)) for i, (k, h) in plan.nodes.items()},
    )
    rels = _compare(
        {i: (r.type, r.digest, r.dataset) for i, r in stored.rels.items() if in_scope(r.dataset)},
        {i: (k, h, plan.owner.get(i)) for i, (k, h) in plan.relationships.items()},
    )
    touched: list[DatasetChange] = []
    for name, dataset in sorted(plan.datasets.items()):
        old = stored.registry.get(name)
        action = "added" if old is None else "replaced"
        if old is not None and old.digest == dataset.digest and old.file == dataset.file:
            action = "unchanged"
        touched.append(DatasetChange(name, dataset.file, action))
    for name in sorted(replaced - set(plan.datasets)):
        entry = stored.registry.get(name)
        touched.append(DatasetChange(name, entry.file if entry else "", "removed"))
    return LoadSummary(files, plan.stamp, nodes, rels, touched, everything)


def _checked(progress: Progress | None) -> Progress:
    """``progress``, with the test checkpoint ``writing`` at the first batch written."""
    seen: list[bool] = []

    def report(done: int, total: int) -> None:
        if not seen:
            seen.append(True)
            checkpoint("writing")
        if progress:
            progress(done, total)

    return report


def _compare(
    before: dict[str, tuple[str, str, str | None]], after: dict[str, tuple[str, str, str | None]]
) -> Changes:
    changes = Changes()
    for element_id, (kind, digest, dataset) in after.items():
        old = before.get(element_id)
        if old is None:
            changes.created[kind] += 1
        elif old[:2] != (kind, digest):
            changes.updated[kind] += 1
        else:
            changes.unchanged[kind] += 1
        changes.datasets.setdefault(kind, set()).add(dataset or SEED_DATASET)
    for element_id, (kind, _, dataset) in before.items():
        if element_id not in after:
            changes.removed[kind] += 1
            changes.datasets.setdefault(kind, set()).add(dataset or "(no dataset)")
    return changes


__all__ = [
    "DEFAULT_SEED",
    "Changes",
    "DatasetChange",
    "LoadPlan",
    "LoadSummary",
    "datasets",
    "default_seed_paths",
    "load_files",
    "load_seed",
    "unload",
]
