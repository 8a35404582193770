"""Validate parsed seed files against the declared schema, collecting every problem.

The result is a :class:`Seed`: plain records with checked, normalised properties (dates
as ISO strings), each remembering where it came from. Nothing here touches a database.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gkg.errors import Problem, SchemaError, ValidationError
from gkg.loaders.reader import KeyPath, SeedFile, paused_gc, read_seed_files
from gkg.schema import (
    CITATION_KEYS,
    ID_PATTERN,
    NODE_KEYS,
    REL_KEYS,
    NodeType,
    Prop,
    RelType,
    node_type,
    rel_type,
)

SECTIONS = ("sources", "nodes", "relationships")
SOURCE_LABEL = "SourceDocument"
#: Longest string value accepted (a quote or a description, not an article).
MAX_STRING_CHARS = 20_000


@dataclass(frozen=True)
class Origin:
    """Where a record was defined: file index into ``Seed.files`` and key path."""

    file: int
    keys: KeyPath


@dataclass
class NodeRecord:
    id: str
    label: str
    props: dict[str, Any]
    source_ids: list[str]
    quotes: list[str]
    origin: Origin


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


@dataclass
class Seed:
    """A validated seed: every node and relationship of all files, in file order."""

    files: list[str]
    nodes: list[NodeRecord] = field(default_factory=list)
    relationships: list[RelRecord] = field(default_factory=list)


def validate_files(paths: Sequence[str | Path]) -> Seed:
    """Read and validate seed files together; :class:`ValidationError` lists every problem."""
    files, problems = read_seed_files(paths)
    if problems:
        raise ValidationError(problems)
    with paused_gc():  # millions of small objects, no cycles: see reader.paused_gc
        return validate(files)


def validate(files: Sequence[SeedFile]) -> Seed:
    checker = _Checker(list(files))
    seed = checker.run()
    if checker.pending:
        raise ValidationError(checker.located())
    return seed


class _Checker:
    """One validation run; problems are kept with key paths and located at the end."""

    def __init__(self, files: list[SeedFile]):
        self.files = files
        self.pending: list[tuple[int, KeyPath, str, str]] = []
        self.node_origin: dict[str, Origin] = {}
        self.source_dates: dict[str, str] = {}

    def problem(self, file: int, keys: KeyPath, fieldname: str, message: str) -> None:
        self.pending.append((file, keys, fieldname, message))

    def located(self) -> list[Problem]:
        return [
            Problem(self.files[f].path, self.files[f].line_of(keys), fieldname, message)
            for f, keys, fieldname, message in self.pending
        ]

    def where(self, origin: Origin) -> str:
        path = self.files[origin.file].path
        line = self.files[origin.file].line_of(origin.keys)
        return f"{path}:{line}" if line else path

    # --- the run ------------------------------------------------------------------------

    def run(self) -> Seed:
        seed = Seed([f.path for f in self.files])
        sections: list[tuple[int, str, list[Any]]] = []
        for index, seed_file in enumerate(self.files):
            if not any(section in seed_file.data for section in SECTIONS):
                self.problem(
                    index, (), "",
                    f"none of the sections {', '.join(SECTIONS)}; is this a gkg seed file?",
                )  # fmt: skip
            for key in seed_file.data:
                if key not in SECTIONS:
                    self.problem(
                        index, (key,), str(key),
                        f"unknown section; expected one of: {', '.join(SECTIONS)}",
                    )  # fmt: skip
            for section in SECTIONS:
                items = seed_file.data.get(section)
                if items is None:
                    continue
                if not isinstance(items, list):
                    self.problem(index, (section,), section, f"expected a list, got {_kind(items)}")
                    continue
                sections.append((index, section, items))
        # Sources first, then nodes (ids and dates are known), then relationships.
        for index, section, items in sections:
            if section == "sources":
                for i, item in enumerate(items):
                    record = self.node(index, section, i, item, SOURCE_LABEL)
                    if record:
                        self.source_dates[record.id] = str(record.props.get("publishedDate", ""))
                        seed.nodes.append(record)
        for index, section, items in sections:
            if section == "nodes":
                for i, item in enumerate(items):
                    record = self.node(index, section, i, item, None)
                    if record:
                        seed.nodes.append(record)
        self.finish_nodes(seed.nodes)
        labels = {n.id: n.label for n in seed.nodes}
        rel_origin: dict[str, Origin] = {}
        for index, section, items in sections:
            if section == "relationships":
                for i, item in enumerate(items):
                    rel = self.relationship(index, i, item, labels, rel_origin)
                    if rel:
                        seed.relationships.append(rel)
        return seed

    # --- nodes --------------------------------------------------------------------------

    def node(
        self, file: int, section: str, i: int, item: Any, fixed_label: str | None
    ) -> NodeRecord | None:
        keys: KeyPath = (section, i)
        if not isinstance(item, dict):
            self.problem(file, keys, f"{section}[{i}]", f"expected a mapping, got {_kind(item)}")
            return None
        ok = True
        node_id = self.identifier(file, keys, item)
        ok &= node_id is not None
        if fixed_label:
            label = fixed_label
            if "label" in item and item["label"] != fixed_label:
                self.problem(
                    file,
                    (*keys, "label"),
                    "label",
                    f"entries of 'sources' are {fixed_label} nodes; drop the label",
                )
                ok = False
        else:
            label = item.get("label")
        try:
            ntype = node_type(label) if isinstance(label, str) else None
        except SchemaError as exc:
            self.problem(file, (*keys, "label"), "label", str(exc))
            return None
        if ntype is None:
            if "label" in item:
                message = f"expected a label such as Company, got {_kind(label)}"
                self.problem(file, (*keys, "label"), "label", message)
            else:
                self.problem(file, keys, "label", "required: the node's label, e.g. Company")
            return None
        props = self.properties(file, keys, item, ntype, NODE_KEYS, ntype.label)
        ok &= props is not None
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
                    f"id {node_id!r} is defined twice: here and at {self.where(first)}",
                )
                ok = False
            else:
                self.node_origin[node_id] = Origin(file, keys)
        if not ok or node_id is None or props is None:
            return None
        return NodeRecord(node_id, ntype.label, props, source_ids, quotes, Origin(file, keys))

    def finish_nodes(self, nodes: list[NodeRecord]) -> None:
        """Give every node without ``asOf`` the newest publication date it cites."""
        for node in nodes:
            if "asOf" not in node.props:
                node.props["asOf"] = self.newest_date(node.source_ids, node.props)

    def newest_date(self, source_ids: list[str], props: dict[str, Any]) -> str:
        dates = [self.source_dates.get(s, "") for s in source_ids]
        return max(dates, default="") or str(props.get("publishedDate", ""))

    def identifier(self, file: int, keys: KeyPath, item: dict[str, Any]) -> str | None:
        value = item.get("id")
        if value is None:
            self.problem(file, keys, "id", "required: a stable id such as 'nhn-cloud'")
            return None
        if not isinstance(value, str) or not ID_PATTERN.match(value):
            self.problem(
                file,
                (*keys, "id"),
                "id",
                f"expected lowercase letters, digits and hyphens, got {value!r}",
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
                file, keys, f"relationships[{i}]", f"expected a mapping, got {_kind(item)}"
            )
            return None
        type_name = item.get("type")
        if not isinstance(type_name, str):
            self.problem(
                file,
                (*keys, "type") if "type" in item else keys,
                "type",
                "required: a relationship type, e.g. PARTNER_OF",
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
                self.problem(file, (*keys, end), end, f"expected a node id, got {_kind(target)}")
                ok = False
            elif target not in labels:
                known = target in self.node_origin
                self.problem(
                    file,
                    (*keys, end),
                    end,
                    f"node {target!r} "
                    + (
                        "is invalid (see its own problems)"
                        if known
                        else "does not exist in any loaded file"
                    ),
                )
                ok = False
            elif labels[target] not in allowed:
                self.problem(
                    file,
                    (*keys, end),
                    end,
                    f"{type_name} cannot {'start' if end == 'from' else 'end'} at "
                    f"{labels[target]} {target!r}; allowed: {', '.join(allowed)}",
                )
                ok = False
            else:
                ends[end] = target
        key = item.get("key")
        if key is not None and (not isinstance(key, str) or not ID_PATTERN.match(key)):
            self.problem(
                file,
                (*keys, "key"),
                "key",
                f"expected lowercase letters, digits and hyphens, got {key!r}",
            )
            ok = False
        props = self.properties(file, keys, item, rtype, REL_KEYS, type_name)
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
        rel_origin[rel_id] = Origin(file, keys)
        source_ids, quotes = cited
        if "asOf" not in props:
            props["asOf"] = self.newest_date(source_ids, props)
        return RelRecord(
            rel_id,
            type_name,
            ends["from"],
            ends["to"],
            props,
            source_ids,
            quotes,
            Origin(file, keys),
        )

    # --- shared checks ------------------------------------------------------------------

    def properties(
        self,
        file: int,
        keys: KeyPath,
        item: dict[str, Any],
        declared: NodeType | RelType,
        reserved: tuple[str, ...],
        what: str,
    ) -> dict[str, Any] | None:
        props: dict[str, Any] = {}
        ok = True
        for name, value in item.items():
            if name in reserved:
                continue
            prop = declared.prop(name) if isinstance(name, str) else None
            if prop is None:
                self.problem(
                    file,
                    (*keys, name),
                    str(name),
                    f"unknown field for {what}; see `gkg schema` for its properties",
                )
                ok = False
                continue
            checked, error = _check_value(prop, value)
            if error:
                self.problem(file, (*keys, name), name, error)
                ok = False
            elif checked is not None:
                props[name] = checked
        for prop in _required(declared):
            if prop.name not in item:
                self.problem(file, keys, prop.name, f"required for {what} ({_expected(prop)})")
                ok = False
        return props if ok else None

    def citations(
        self, file: int, keys: KeyPath, item: dict[str, Any]
    ) -> tuple[list[str], list[str]] | None:
        sources = item.get("sources")
        if sources is None:
            self.problem(
                file,
                keys,
                "sources",
                "required: at least one citation {doc: <source id>, quote: <text>}",
            )
            return None
        if not isinstance(sources, list) or not sources:
            self.problem(
                file,
                (*keys, "sources"),
                "sources",
                "expected a non-empty list of citations {doc, quote}",
            )
            return None
        ids: list[str] = []
        quotes: list[str] = []
        ok = True
        for j, citation in enumerate(sources):
            where = (*keys, "sources", j)
            if not isinstance(citation, dict):
                self.problem(
                    file,
                    where,
                    "sources",
                    f"expected a mapping {{doc, quote}}, got {_kind(citation)}",
                )
                ok = False
                continue
            for extra in citation.keys() - set(CITATION_KEYS):
                self.problem(
                    file,
                    (*where, extra),
                    f"sources.{extra}",
                    "unknown field in a citation; expected doc and quote",
                )
                ok = False
            doc, quote = citation.get("doc"), citation.get("quote")
            if not isinstance(doc, str) or not doc:
                self.problem(file, where, "sources.doc", "required: the id of a source document")
                ok = False
            elif doc not in self.source_dates:
                self.problem(
                    file,
                    (*where, "doc"),
                    "sources.doc",
                    f"{doc!r} is not a declared source (declare it under 'sources')",
                )
                ok = False
            if not isinstance(quote, str) or not quote.strip():
                self.problem(file, where, "sources.quote", "required: the supporting quote")
                ok = False
            elif len(quote) > MAX_STRING_CHARS:
                self.problem(
                    file,
                    (*where, "quote"),
                    "sources.quote",
                    f"quote is {len(quote)} characters; keep it under {MAX_STRING_CHARS}",
                )
                ok = False
            if ok:
                ids.append(doc)
                quotes.append(quote)
        return (ids, quotes) if ok else None


def _required(declared: NodeType | RelType) -> list[Prop]:
    from gkg.schema import COMMON_NODE_PROPS, COMMON_REL_PROPS

    common = COMMON_NODE_PROPS if isinstance(declared, NodeType) else COMMON_REL_PROPS
    return [p for p in common + declared.props if p.required]


def _check_value(prop: Prop, value: Any) -> tuple[Any, str | None]:
    """The stored form of ``value`` for ``prop``, or an error saying what was expected."""
    if value is None:
        return None, f"expected {_expected(prop)}, got nothing"
    kind = prop.type
    if kind == "str":
        if not isinstance(value, str):
            return None, f"expected {_expected(prop)}, got {_kind(value)} {value!r}"
        if len(value) > MAX_STRING_CHARS:
            return None, f"text of {len(value)} characters; the limit is {MAX_STRING_CHARS}"
        if prop.required and not value.strip():
            return None, "must not be empty"
    elif kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            return None, f"expected {_expected(prop)}, got {_kind(value)} {value!r}"
        if abs(value) >= 2**63:
            return None, "number too large for a 64-bit integer"
    elif kind == "float":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return None, f"expected {_expected(prop)}, got {_kind(value)} {value!r}"
        if not math.isfinite(value):
            return None, "expected a finite number"
        value = float(value)
    elif kind == "bool":
        if not isinstance(value, bool):
            return None, f"expected true or false, got {_kind(value)} {value!r}"
    elif kind == "date":
        value, error = _date(value)
        if error:
            return None, error
    elif kind == "list[str]":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return None, f"expected a list of text, got {_kind(value)} {value!r}"
        if any(len(v) > MAX_STRING_CHARS for v in value):
            return None, f"an entry is longer than {MAX_STRING_CHARS} characters"
    if prop.choices and value not in prop.choices:
        return None, f"expected one of {', '.join(prop.choices)}, got {value!r}"
    if prop.minimum is not None and isinstance(value, (int, float)) and value < prop.minimum:
        return None, f"must be at least {prop.minimum:g}, got {value!r}"
    return value, None


def _date(value: Any) -> tuple[Any, str | None]:
    if isinstance(value, dt.datetime):
        return None, f"expected a date YYYY-MM-DD, got a timestamp {value.isoformat()}"
    if isinstance(value, dt.date):
        return value.isoformat(), None
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value).isoformat(), None
        except ValueError:
            pass
    return None, f"expected a date YYYY-MM-DD, got {value!r}"


def _expected(prop: Prop) -> str:
    names = {
        "str": "text",
        "int": "a whole number",
        "float": "a number",
        "bool": "true or false",
        "date": "a date YYYY-MM-DD",
        "list[str]": "a list of text",
    }
    text = names[prop.type]
    if prop.unit:
        text += f" in {prop.unit}"
    return text


def _kind(value: Any) -> str:
    return {
        dict: "a mapping",
        list: "a list",
        str: "text",
        int: "a number",
        float: "a number",
        bool: "a boolean",
        type(None): "nothing",
    }.get(type(value), type(value).__name__)
