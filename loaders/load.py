"""The load job: validate, plan, swap the new graph in atomically, report what changed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from gkg.checkpoints import checkpoint
from gkg.loaders.parse import paused_gc
from gkg.loaders.plan import LoadPlan, plan_load
from gkg.loaders.validate import Seed, validate_files
from gkg.schema import ENTITY_LABEL
from gkg.stores.base import GraphStore, Progress
from gkg.stores.ingest import SNAPSHOT_NODES, SNAPSHOT_RELATIONSHIPS

DEFAULT_SEED = Path("data/seed.yaml")


def default_seed_paths() -> list[Path]:
    """``data/seed.yaml`` of the working directory if there is one, else the shipped seed."""
    from gkg import shipped

    return [DEFAULT_SEED if DEFAULT_SEED.exists() else shipped.seed_path()]


@dataclass
class Changes:
    """Counts per label or relationship type."""

    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    removed: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)

    def kinds(self) -> list[str]:
        return sorted(
            set(self.created) | set(self.updated) | set(self.removed) | set(self.unchanged)
        )

    def total(self, which: str) -> int:
        return sum(getattr(self, which).values())


@dataclass
class LoadSummary:
    files: list[str]
    stamp: str
    nodes: Changes
    relationships: Changes

    @property
    def changed(self) -> bool:
        return any(
            c.total(w)
            for c in (self.nodes, self.relationships)
            for w in ("created", "updated", "removed")
        )


def load_files(
    store: GraphStore, paths: Sequence[str | Path], progress: Progress | None = None
) -> LoadSummary:
    """Validate ``paths`` together and replace the stored graph with what they hold."""
    seed = validate_files(paths)
    return load_seed(store, seed, progress)


def load_seed(store: GraphStore, seed: Seed, progress: Progress | None = None) -> LoadSummary:
    """Write a validated seed: plan its rows, swap the new graph in, compare with the old."""
    with paused_gc():  # the rows are many small objects without cycles
        plan = plan_load(seed)
        checkpoint("before-write")
        with store.load_lock():  # what was there before, as the swap will replace it
            before_nodes, before_rels = snapshot(store)
            store.replace_graph(plan.statements, plan.stamp, _checked(progress))
    checkpoint("after-swap")
    return LoadSummary(
        seed.files,
        plan.stamp,
        _compare(before_nodes, plan.nodes),
        _compare(before_rels, plan.relationships),
    )


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


def snapshot(store: GraphStore) -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str]]]:
    """id -> (label or type, content hash) of what a previous load left in the store."""
    if not store.is_loaded():
        return {}, {}
    nodes = {
        node_id: (_own_label(labels), digest)
        for node_id, labels, digest in store.run(SNAPSHOT_NODES).rows
    }
    rels = {
        rel_id: (kind, digest) for rel_id, kind, digest in store.run(SNAPSHOT_RELATIONSHIPS).rows
    }
    return nodes, rels


def _own_label(labels: list[str]) -> str:
    own = [lab for lab in labels if lab != ENTITY_LABEL]
    return own[0] if own else ENTITY_LABEL


def _compare(before: dict[str, tuple[str, str]], after: dict[str, tuple[str, str]]) -> Changes:
    changes = Changes()
    for element_id, (kind, digest) in after.items():
        old = before.get(element_id)
        if old is None:
            changes.created[kind] += 1
        elif old != (kind, digest):
            changes.updated[kind] += 1
        else:
            changes.unchanged[kind] += 1
    for element_id, (kind, _) in before.items():
        if element_id not in after:
            changes.removed[kind] += 1
    return changes


__all__ = [
    "DEFAULT_SEED",
    "LoadPlan",
    "LoadSummary",
    "default_seed_paths",
    "load_files",
    "load_seed",
    "snapshot",
]
