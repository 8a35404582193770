"""Read seed files fast, and find line numbers only when there is an error to report.

Parsing uses libyaml (``CSafeLoader``) when available. Duplicate mapping keys are an
error (YAML would keep the last one silently). Line numbers for a problem found later are
worked out on demand by composing the file again and walking to the offending field.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from graph.errors import Problem

try:
    _BaseLoader: type = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _BaseLoader = yaml.SafeLoader

#: Refuse seed files larger than this many bytes (``GKG_MAX_SEED_BYTES``).
DEFAULT_MAX_BYTES = 512 * 1024 * 1024
#: Refuse YAML nested deeper than this (a seed needs about 5 levels).
MAX_DEPTH = 64

#: A key path into a document: section name, item index, field name, ...
KeyPath = tuple[Any, ...]


class _StrictLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """libyaml's safe loader that refuses duplicate keys and leaves dates as text.

    Dates stay strings so that the validator, not the YAML library, judges them and can
    say where a bad one is.
    """

    yaml_implicit_resolvers = {  # noqa: RUF012 (PyYAML's own class attribute)
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
    }

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = key_node.value
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"duplicate key {key!r} (first at line {seen[key]}); a key may appear once",
                    key_node.start_mark,
                )
            seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)


def _nesting_bound(text: str) -> int:
    """A cheap upper bound of the nesting depth (C-speed regexes, no parsing).

    Block nesting needs indentation or ``- `` indicators at the start of a line; flow
    nesting needs brackets. Brackets inside quoted text only make the bound larger.
    """
    prefixes = _BLOCK_PREFIX.findall(text)
    block = 2 * (max(map(len, prefixes), default=0) + 1)
    flow = depth = 0
    for char in _NOT_BRACKET.sub("", text):
        depth = depth + 1 if char in "[{" else max(depth - 1, 0)
        flow = max(flow, depth)
    return block + flow


def _deep_line(text: str) -> int | None:
    """Line where nesting first exceeds :data:`MAX_DEPTH` (event stream, no recursion)."""
    depth = 0
    for event in yaml.parse(text, Loader=_BaseLoader):
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                return event.start_mark.line + 1
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1
    return None


_BLOCK_PREFIX = re.compile(r"^[ \-?:]*", re.M)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


@dataclass
class SeedFile:
    """One parsed seed file and the means to locate a field in it."""

    path: str
    text: str
    data: Any
    _root: yaml.Node | None = field(default=None, repr=False)

    def line_of(self, keys: KeyPath) -> int | None:
        """Line (1-based) of the field at ``keys``, or of the deepest part that exists."""
        if self._root is None:
            try:
                self._root = yaml.compose(self.text, Loader=_BaseLoader)
            except yaml.YAMLError:
                return None
        node = self._root
        line = node.start_mark.line + 1 if node is not None else None
        for key in keys:
            if isinstance(node, yaml.MappingNode):
                for key_node, value_node in node.value:
                    if key_node.value == key:
                        line = key_node.start_mark.line + 1
                        node = value_node
                        break
                else:
                    return line
            elif isinstance(node, yaml.SequenceNode) and isinstance(key, int):
                if key >= len(node.value):
                    return line
                node = node.value[key]
                line = node.start_mark.line + 1
            else:
                return line
        return line


def max_bytes() -> int:
    raw = os.environ.get("GKG_MAX_SEED_BYTES")
    return int(raw) if raw and raw.isdigit() else DEFAULT_MAX_BYTES


def read_seed_file(path: str | Path) -> tuple[SeedFile | None, list[Problem]]:
    """Parse one file: the parsed file, or the problems that stopped it."""
    name = str(path)
    try:
        size = os.path.getsize(path)
        if size > max_bytes():
            return None, [
                Problem(
                    name,
                    None,
                    "",
                    f"file is {size} bytes; the limit is {max_bytes()} "
                    "(set GKG_MAX_SEED_BYTES to raise it)",
                )
            ]
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        return None, [Problem(name, None, "", "file not found")]
    except IsADirectoryError:
        return None, [Problem(name, None, "", "is a folder, expected a YAML file")]
    except OSError as exc:
        return None, [Problem(name, None, "", f"cannot read: {exc.strerror}")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [
            Problem(
                name,
                line,
                "",
                f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset "
                f"{exc.start}); save the file as UTF-8",
            )
        ]
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        return None, [
            Problem(
                name,
                None,
                "",
                "file is empty; expected a mapping with 'sources', 'nodes' and 'relationships'",
            )
        ]
    if "\t" in text:
        problem = _tab_problem(name, text)
        if problem:
            return None, [problem]
    try:
        loader = _StrictLoader(text)
        try:
            if _nesting_bound(text) > MAX_DEPTH:
                deep = _deep_line(text)
                if deep is not None:
                    return None, [
                        Problem(
                            name,
                            deep,
                            "",
                            f"nested more than {MAX_DEPTH} levels deep; a seed needs about 5",
                        )
                    ]
            root = loader.get_single_node()
            data = loader.construct_document(root) if root is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        message = exc.problem or str(exc)
        if exc.context:
            message = f"{exc.context}: {message}"
        return None, [Problem(name, line, "", f"invalid YAML: {message}")]
    except yaml.YAMLError as exc:
        return None, [Problem(name, None, "", f"invalid YAML: {exc}")]
    except RecursionError:
        return None, [Problem(name, None, "", "nested too deeply to read")]
    if not isinstance(data, dict):
        kind = "empty" if data is None else type(data).__name__
        return None, [
            Problem(
                name,
                1,
                "",
                f"the document is {'a ' + kind if data is not None else kind}; "
                "expected a mapping with 'sources', 'nodes' and 'relationships'",
            )
        ]
    return SeedFile(name, text, data), []


def _tab_problem(name: str, text: str) -> Problem | None:
    """A tab in indentation: YAML forbids it, and libyaml's message is cryptic."""
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent and line.strip():
            return Problem(name, number, "", "tab character in indentation; YAML needs spaces")
    return None


def read_seed_files(paths: Sequence[str | Path]) -> tuple[list[SeedFile], list[Problem]]:
    """Parse every file, collecting the problems of all of them."""
    files: list[SeedFile] = []
    problems: list[Problem] = []
    for path in paths:
        parsed, found = read_seed_file(path)
        problems.extend(found)
        if parsed is not None:
            files.append(parsed)
    return files, problems
