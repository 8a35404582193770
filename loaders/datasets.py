"""Datasets: each loaded file is one, named by its ``dataset:`` key or else by its path.

What the store holds already (:class:`StoredGraph`) is read before a load, so that the new
files are checked against the datasets they leave in place (:class:`Kept`), and so that a
load or an unload that would cut another dataset's relationships is refused with those
relationships named (:func:`broken_references`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gkg.schema import ENTITY_LABEL, SOURCE_LABEL, rel_type
from gkg.stores.base import GraphStore
from gkg.stores.ingest import REGISTRY_READ, SNAPSHOT_NODES, SNAPSHOT_RELATIONSHIPS

#: The name the shipped seed (and ``data/seed.yaml`` of the working folder) loads under.
SEED_DATASET = "seed"
#: A name a file may declare with ``dataset: NAME``.
NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$")
NAME_RULE = "1 to 100 letters, digits, '.', '_', '/' or '-', starting with a letter or digit"


def default_name(path: str | Path) -> str:
    """The dataset a file loads as when it declares none: ``seed`` for the shipped seed
    and ``./data/seed.yaml``, else its path (relative to the working folder when inside it)."""
    from gkg import shipped

    resolved = Path(path).resolve()
    seeds = {Path("data/seed.yaml").resolve()}
    try:
        seeds.add(shipped.seed_path().resolve())
    except Exception:  # an install without its data folder: no shipped seed to match
        pass
    if resolved in seeds:
        return SEED_DATASET
    relative = os.path.relpath(resolved)
    return relative if not relative.startswith("..") else str(resolved)


@dataclass(frozen=True)
class DatasetEntry:
    """One row of the registry: what ``gkg datasets`` lists."""

    name: str
    file: str
    digest: str
    nodes: int
    relationships: int
    loaded_at: str

    def describe(self) -> str:
        if self.file in ("", self.name):
            return f"dataset {self.name!r}"
        return f"dataset {self.name!r} ({self.file})"


@dataclass(frozen=True)
class StoredNode:
    label: str
    digest: str
    dataset: str | None
    published: str | None


@dataclass(frozen=True)
class StoredRel:
    type: str
    digest: str
    dataset: str | None
    start: str
    end: str


@dataclass
class StoredGraph:
    """Everything earlier loads left: the registry and every loaded element."""

    loaded: bool = False
    registry: dict[str, DatasetEntry] = field(default_factory=dict)
    nodes: dict[str, StoredNode] = field(default_factory=dict)
    rels: dict[str, StoredRel] = field(default_factory=dict)

    @property
    def legacy(self) -> bool:
        """Loaded by a gkg without datasets: elements that belong to no dataset."""
        return any(n.dataset is None for n in self.nodes.values())

    def describe(self, dataset: str | None) -> str:
        entry = self.registry.get(dataset or "")
        return entry.describe() if entry else f"dataset {dataset!r}"

    def kept(self, replaced: Iterable[str]) -> Kept:
        """What stays when the datasets ``replaced`` go."""
        gone = set(replaced)
        nodes = {i: n for i, n in self.nodes.items() if n.dataset not in gone}
        rels = {i: r for i, r in self.rels.items() if r.dataset not in gone}
        return Kept(self, nodes, rels)


def read_stored(store: GraphStore) -> StoredGraph:
    """The registry and every element loads left in ``store``."""
    if not store.is_loaded():
        return StoredGraph()
    registry = {
        row[0]: DatasetEntry(
            str(row[0]), str(row[1]), str(row[2]), int(row[3]), int(row[4]), str(row[5])
        )
        for row in store.run(REGISTRY_READ).rows
    }
    nodes = {
        node_id: StoredNode(_own_label(labels), digest, dataset, published)
        for node_id, labels, digest, dataset, published in store.run(SNAPSHOT_NODES).rows
    }
    rels = {
        rel_id: StoredRel(kind, digest, dataset, start, end)
        for rel_id, kind, digest, dataset, start, end in store.run(SNAPSHOT_RELATIONSHIPS).rows
    }
    return StoredGraph(True, registry, nodes, rels)


def _own_label(labels: list[str]) -> str:
    own = [lab for lab in labels if lab != ENTITY_LABEL]
    return own[0] if own else ENTITY_LABEL


@dataclass
class Kept:
    """The stored elements a load leaves in place, which the new files may refer to."""

    stored: StoredGraph
    nodes: dict[str, StoredNode]
    rels: dict[str, StoredRel]

    def node_place(self, node_id: str) -> str | None:
        """Where a kept node was declared (``dataset 'seed' (data/seed.yaml)``), or None."""
        node = self.nodes.get(node_id)
        return None if node is None else self.stored.describe(node.dataset)

    def rel_place(self, rel_id: str) -> str | None:
        rel = self.rels.get(rel_id)
        return None if rel is None else self.stored.describe(rel.dataset)

    def source_dates(self) -> dict[str, str]:
        """Publication dates of the kept source articles, which new facts may cite."""
        return {i: str(n.published or "") for i, n in self.nodes.items() if n.label == SOURCE_LABEL}


def broken_references(
    stored: StoredGraph, replaced: Iterable[str], after: Mapping[str, str]
) -> list[str]:
    """Relationships of datasets that stay, whose end node the load would remove or relabel.

    ``after`` maps the ids of the nodes the load writes to their labels."""
    gone = set(replaced)
    found: list[str] = []
    for rel_id, rel in sorted(stored.rels.items()):
        if rel.dataset in gone:
            continue
        for end in (rel.start, rel.end):
            node = stored.nodes.get(end)
            if node is None or node.dataset not in gone:
                continue
            label = after.get(end)
            if label is None:
                why = f"needs node {end!r}, which would be removed"
            elif label != node.label:
                why = f"needs node {end!r} as {node.label}, which would become {label}"
            else:
                continue
            found.append(f"{rel_id} of {stored.describe(rel.dataset)} {why}")
    return found


def allowed_end(type_name: str, end: str, label: str) -> bool:
    """True when ``label`` may be the ``end`` (``from``/``to``) of ``type_name``."""
    declared = rel_type(type_name)
    return label in (declared.start if end == "from" else declared.end)


def registry_row(entry: DatasetEntry, stamp: str) -> dict[str, Any]:
    """The properties of one ``GkgDataset`` node."""
    return {
        "name": entry.name,
        "file": entry.file,
        "digest": entry.digest,
        "loadRun": stamp,
        "nodeCount": entry.nodes,
        "relationshipCount": entry.relationships,
        "loadedAt": entry.loaded_at,
    }
