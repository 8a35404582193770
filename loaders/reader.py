"""Read seed files, and find line numbers only when there is an error to report.

Parsing itself is :mod:`gkg.loaders.parse`. Line numbers for a problem found later are
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

from gkg.errors import Problem
from gkg.loaders.parse import MAX_DEPTH, BaseLoader, deep_line, may_nest_deeper, parse, paused_gc

__all__ = ["KeyPath", "SeedFile", "max_bytes", "paused_gc", "read_seed_file", "read_seed_files"]

#: Refuse seed files larger than this many bytes (``GKG_MAX_SEED_BYTES``).
DEFAULT_MAX_BYTES = 512 * 1024 * 1024

#: Longest line accepted: a text value may have 20,000 characters (escaped, up to six
#: characters each), so a longer line can only be refused later, after slow parsing.
MAX_LINE_CHARS = 200_000
_LONG_LINE = re.compile(rf"^[^\n]{{{MAX_LINE_CHARS + 1}}}", re.M)

#: A key path into a document: section name, item index, field name, ...
KeyPath = tuple[Any, ...]


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
                self._root = yaml.compose(self.text, Loader=BaseLoader)
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
        line: int | None = raw[: exc.start].count(b"\n") + 1
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
    if _only_comments(text):
        return None, [
            Problem(
                name,
                None,
                "",
                "file is empty; expected a mapping with 'sources', 'nodes' and 'relationships'",
            )
        ]
    long_line = _LONG_LINE.search(text)
    if long_line:
        line = text.count("\n", 0, long_line.start()) + 1
        end = text.find("\n", long_line.start())
        size = (len(text) if end < 0 else end) - long_line.start()
        return None, [
            Problem(
                name,
                line,
                "",
                f"line of {size} characters; the limit is {MAX_LINE_CHARS} "
                "(a text value may have at most 20000)",
            )
        ]
    if "\t" in text:
        problem = _tab_problem(name, text)
        if problem:
            return None, [problem]
    try:
        if may_nest_deeper(text, MAX_DEPTH):
            deep = deep_line(text)
            if deep is not None:
                return None, [
                    Problem(
                        name,
                        deep,
                        "",
                        f"nested more than {MAX_DEPTH} levels deep; a seed needs about 5",
                    )
                ]
        data = parse(text)
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
    except (LookupError, TypeError, ValueError) as exc:  # PyYAML lets some slip: !!int zz
        return None, [Problem(name, None, "", f"invalid YAML: a value cannot be read ({exc})")]
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


#: A character that is the first non-blank one of its line and does not start a comment.
#: Line breaks are those of ``str.splitlines``; all of them are white space.
_CONTENT_LINE = re.compile(r"(?:\A|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029])\s*[^\s#]")


def _only_comments(text: str) -> bool:
    """True when every line is blank or a comment (one regex search, no line list)."""
    return _CONTENT_LINE.search(text) is None


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
