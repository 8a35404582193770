"""Validate parsed seed files against the declared schema, collecting every problem.

The result is a :class:`Seed`: plain records with checked, normalised properties (dates
as ISO strings), each remembering where it came from. Nothing here touches a database.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gkg.errors import SchemaError, ValidationError
from gkg.loaders.checks import Origin, id_problem, kind_of, quoted
from gkg.loaders.claims import ClaimChecks, ClaimRecord
from gkg.loaders.dataset_checks import DATASET_KEY, DatasetChecks
from gkg.loaders.datasets import Kept
from gkg.loaders.knowledge import check_knowledge
from gkg.loaders.parse import paused_gc
from gkg.loaders.reader import KeyPath, SeedFile, read_seed_files
from gkg.schema import (
    ID_PATTERN,
    NODE_KEYS,
    REL_KEYS,
    SOURCE_LABEL,
    node_type,
    rel_type,
)
from gkg.timeline import When, effective_date, parse_when

SECTIONS = ("sources", "nodes", "relationships")


@dataclass
class NodeRecord:
    id: str
    label: str
    props: dict[str, Any]
    source_ids: list[str]
    quotes: list[str]
    origin: Origin
    claims: list[ClaimRecord] = field(default_factory=list)
    #: Per claimed property, its claims by source, ranked (see gkg.loaders.knowledge).
    stated: dict[str, list[Any]] = field(default_factory=dict)
    first_stated: str = ""
    #: Names the seed infers: property -> reason.
    marks: dict[str, str] = field(default_factory=dict)


@dataclass
class RelRecord:
    id: str
    type: str
    start: str
    end: str
    props: dict[str, Any]
    source_ids: list[str]
    quotes: list[str]
    origin: Origin
    claims: list[ClaimRecord] = field(default_factory=list)
    stated: dict[str, list[Any]] = field(default_factory=dict)
    first_stated: str = ""
    marks: dict[str, str] = field(default_factory=dict)


@dataclass
class Seed:
    """A validated seed: every node and relationship of all files, in file order."""

    files: list[str]
    nodes: list[NodeRecord] = field(default_factory=list)
    relationships: list[RelRecord] = field(default_factory=list)
    #: Effective publication date of every source (when what it states became known).
    source_dates: dict[str, str] = field(default_factory=dict)
    #: The dataset of each file (its ``dataset:`` name, else its path), and its digest.
    datasets: list[str] = field(default_factory=list)
    digests: list[str] = field(default_factory=list)
    #: The look-up keys of every node, as the last check found them (the plan stores them).
    lookup_keys: dict[str, list[str]] = field(default_factory=dict)


def validate_files(paths: Sequence[str | Path], kept: Kept | None = None) -> Seed:
    """Read and validate seed files together; :class:`ValidationError` lists every problem.

    ``kept``: stored datasets the files may refer to (and must not declare again)."""
    files, problems = read_seed_files(paths)
    if problems:
        raise ValidationError(problems)
    with paused_gc():  # millions of small objects, no cycles: see reader.paused_gc
        return validate(files, kept)


def validate(files: Sequence[SeedFile], kept: Kept | None = None) -> Seed:
    checker = _Checker(list(files))
    checker.kept = kept
    if kept is not None:
        checker.source_dates.update(kept.source_dates())
    seed = checker.run()
    if checker.pending:
        raise ValidationError(checker.located())
    return seed


class _Checker(DatasetChecks, ClaimChecks):
    """One validation run: sources first, then nodes, then relationships."""

    # --- the run ------------------------------------------------------------------------

    def run(self) -> Seed:
        seed = Seed([f.path for f in self.files])
        self.dataset_files: dict[str, int] = {}
        self.clashes: dict[tuple[int, str], list[tuple[KeyPath, str]]] = {}
        seed.datasets = [self.dataset_name(i) for i in range(len(self.files))]
        seed.digests = [hashlib.sha256(f.text.encode()).hexdigest() for f in self.files]
        sections: list[tuple[int, str, list[Any]]] = []
        for index, seed_file in enumerate(self.files):
            if not any(section in seed_file.data for section in SECTIONS):
                self.problem(
                    index, (), "",
                    f"none of the sections {', '.join(SECTIONS)}; is this a gkg seed file?",
                )  # fmt: skip
            for key in seed_file.data:
                if key not in SECTIONS and key != DATASET_KEY:
                    self.problem(
                        index, (key,), str(key),
                        f"unknown section; expected one of: {', '.join(SECTIONS)}",
                    )  # fmt: skip
            for section in SECTIONS:
                items = seed_file.data.get(section)
                if items is None:
                    continue
                if not isinstance(items, list):
                    self.problem(
                        index, (section,), section, f"expected a list, got {kind_of(items)}"
                    )
                    continue
                sections.append((index, section, items))
        # Sources first, then nodes (ids and dates are known), then relationships.
        for index, section, items in sections:
            if section == "sources":
                for i, item in enumerate(items):
                    record = self.node(index, section, i, item, SOURCE_LABEL)
                    if record:
                        published = str(record.props.get("publishedDate", ""))
                        precision = record.props.get("publishedDatePrecision")
                        self.source_dates[record.id] = effective_date(published, precision)
                        seed.nodes.append(record)
        for index, section, items in sections:
            if section == "nodes":
                for i, item in enumerate(items):
                    record = self.node(index, section, i, item, None)
                    if record:
                        seed.nodes.append(record)
        labels = {n.id: n.label for n in seed.nodes}
        if self.kept is not None:
            labels = {**{i: n.label for i, n in self.kept.nodes.items()}, **labels}
        rel_origin: dict[str, Origin] = {}
        for index, section, items in sections:
            if section == "relationships":
                for i, item in enumerate(items):
                    rel = self.relationship(index, i, item, labels, rel_origin)
                    if rel:
                        seed.relationships.append(rel)
        self.report_clashes()
        seed.source_dates = dict(self.source_dates)
        if not self.pending:
            check_knowledge(self, seed)
        return seed

    # --- nodes --------------------------------------------------------------------------

    def node(
        self, file: int, section: str, i: int, item: Any, fixed_label: str | None
    ) -> NodeRecord | None:
        keys: KeyPath = (section, i)
        if not isinstance(item, dict):
            self.problem(file, keys, f"{section}[{i}]", f"expected a mapping, got {kind_of(item)}")
            return None
        ok = True
        node_id = self.identifier(file, keys, item)
        ok &= node_id is not None
        if fixed_label:
            label: Any = fixed_label
            if "label" in item and item["label"] != fixed_label:
                self.problem(
                    file,
                    (*keys, "label"),
                    "label",
                    f"entries of 'sources' are {fixed_label} nodes; drop the label",
                )
                ok = False
        else:
            label = item.get("label")  # checked just below
        try:
            ntype = node_type(label) if isinstance(label, str) and len(label) < 100 else None
        except SchemaError as exc:
            self.problem(file, (*keys, "label"), "label", str(exc))
            return None
        if ntype is None:
            if "label" in item:
                message = f"expected a label such as Company, got {kind_of(label)} {quoted(label)}"
                self.problem(file, (*keys, "label"), "label", message)
            else:
                self.problem(file, keys, "label", "required: the node's label, e.g. Company")
            return None
        props = self.properties(file, keys, item, ntype, NODE_KEYS, ntype.label)
        ok &= props is not None
        claims, marks = self.take_claims()
        ok &= self.element_time(file, keys, item)
        if fixed_label and "sources" not in item:
            source_ids, quotes = [node_id or ""], [""]
        else:
            cited = self.citations(file, keys, item)
            ok &= cited is not None
            source_ids, quotes = cited or ([], [])
        if node_id is not None:
            first = self.node_origin.get(node_id)
            if first is not None:
                self.problem(
                    file,
                    (*keys, "id"),
                    "id",
                    f"id {quoted(node_id)} is defined twice: here and at {self.where(first)}",
                )
                ok = False
            else:
                self.node_origin[node_id] = Origin(file, keys)
                stored = self.kept.node_place(node_id) if self.kept else None
                if stored is not None:
                    self.clash(file, (*keys, "id"), node_id, stored)
                    ok = False
        if not ok or node_id is None or props is None:
            return None
        return NodeRecord(
            node_id, ntype.label, props, source_ids, quotes, Origin(file, keys), claims, marks=marks
        )

    def element_time(self, file: int, keys: KeyPath, item: dict[str, Any]) -> bool:
        """The element's own inference mark, and validFrom not after validTo."""
        inferred, _ = self.inference(file, keys, item)
        bounds: list[When | None] = []
        for name in ("validFrom", "validTo"):
            try:
                raw = item.get(name)
                bounds.append(
                    parse_when(raw)
                    if raw is not None and not isinstance(raw, (dict, list))
                    else None
                )
            except ValueError:
                bounds.append(None)  # reported by the property check
        return inferred is not None and self.valid_order(file, keys, "", *bounds)

    def identifier(self, file: int, keys: KeyPath, item: dict[str, Any]) -> str | None:
        value = item.get("id")
        if value is None:
            self.problem(file, keys, "id", "required: a stable id such as 'nhn-cloud'")
            return None
        if not isinstance(value, str) or not ID_PATTERN.match(value) or id_problem(value):
            self.problem(
                file,
                (*keys, "id"),
                "id",
                (isinstance(value, str) and id_problem(value))
                or f"expected lowercase letters, digits and hyphens, got {quoted(value)}",
            )
            return None
        return value

    # --- relationships ------------------------------------------------------------------

    def relationship(
        self,
        file: int,
        i: int,
        item: Any,
        labels: dict[str, str],
        rel_origin: dict[str, Origin],
    ) -> RelRecord | None:
        keys: KeyPath = ("relationships", i)
        if not isinstance(item, dict):
            self.problem(
                file, keys, f"relationships[{i}]", f"expected a mapping, got {kind_of(item)}"
            )
            return None
        type_name = item.get("type")
        if not isinstance(type_name, str) or len(type_name) >= 100:
            self.problem(
                file,
                (*keys, "type") if "type" in item else keys,
                "type",
                "required: a relationship type, e.g. PARTNER_OF"
                + (f", got {quoted(type_name)}" if "type" in item else ""),
            )
            return None
        try:
            rtype = rel_type(type_name)
        except SchemaError as exc:
            self.problem(file, (*keys, "type"), "type", str(exc))
            return None
        ok = True
        ends: dict[str, str] = {}
        for end, allowed in (("from", rtype.start), ("to", rtype.end)):
            target = item.get(end)
            if target is None:
                self.problem(file, keys, end, "required: the id of a node")
                ok = False
            elif not isinstance(target, str):
                self.problem(file, (*keys, end), end, f"expected a node id, got {kind_of(target)}")
                ok = False
            elif target not in labels:
                known = target in self.node_origin
                self.problem(
                    file,
                    (*keys, end),
                    end,
                    f"node {quoted(target)} "
                    + (
                        "is invalid (see its own problems)"
                        if known
                        else "does not exist in any loaded file"
                        + (" nor in the stored graph" if self.kept is not None else "")
                    ),
                )
                ok = False
            elif labels[target] not in allowed:
                self.problem(
                    file,
                    (*keys, end),
                    end,
                    f"{type_name} cannot {'start' if end == 'from' else 'end'} at "
                    f"{labels[target]} {quoted(target)}; allowed: {', '.join(allowed)}",
                )
                ok = False
            else:
                ends[end] = target
        key = item.get("key")
        if key is not None and (
            not isinstance(key, str) or not ID_PATTERN.match(key) or id_problem(key)
        ):
            self.problem(
                file,
                (*keys, "key"),
                "key",
                (isinstance(key, str) and id_problem(key))
                or f"expected lowercase letters, digits and hyphens, got {quoted(key)}",
            )
            ok = False
        props = self.properties(file, keys, item, rtype, REL_KEYS, type_name)
        claims, marks = self.take_claims()
        ok &= self.element_time(file, keys, item)
        cited = self.citations(file, keys, item)
        if not ok or props is None or cited is None:
            return None
        rel_id = f"{ends['from']}|{type_name}|{ends['to']}" + (f"|{key}" if key else "")
        first = rel_origin.get(rel_id)
        if first is not None:
            self.problem(
                file,
                keys,
                "type",
                f"relationship {rel_id} is defined twice: here and at {self.where(first)} "
                "(give one a distinct 'key' if both are meant)",
            )
            return None
        stored = self.kept.rel_place(rel_id) if self.kept else None
        if stored is not None:
            self.clash(file, keys, rel_id, stored)
            return None
        rel_origin[rel_id] = Origin(file, keys)
        source_ids, quotes = cited
        return RelRecord(
            rel_id,
            type_name,
            ends["from"],
            ends["to"],
            props,
            source_ids,
            quotes,
            Origin(file, keys),
            claims,
            marks=marks,
        )
