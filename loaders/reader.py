"""Read seed files fast, and find line numbers only when there is an error to report.

Parsing uses libyaml (``CSafeLoader``) when available. Duplicate mapping keys are an
error (YAML would keep the last one silently). Line numbers for a problem found later are
worked out on demand by composing the file again and walking to the offending field.

Speed (a 100k-node seed is 80 MB): PyYAML's own constructor is plain Python and walks the
node tree through generators, and Python's cyclic garbage collector re-scans the millions
of fresh objects again and again. So the node tree libyaml composes is turned into dicts
and lists by :func:`_build` (one tight recursive pass, the same values as PyYAML's safe
constructor), with the collector paused (:func:`paused_gc`). Anything unusual (anchors and
aliases, merge keys, explicit tags, a duplicate key) goes the standard way instead, so
every value and every error message is exactly PyYAML's.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import operator
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from gkg.errors import Problem

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
            if not isinstance(key_node, yaml.ScalarNode):
                continue  # a collection as a key: PyYAML refuses it as unhashable
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


def _may_nest_deeper(text: str, limit: int) -> bool:
    """True when a cheap upper bound of the nesting depth exceeds ``limit`` (no parsing).

    Block nesting needs indentation or ``- `` indicators at the start of a line; flow
    nesting needs brackets. Brackets inside quoted text only make the bound larger. The
    bound is ``2 * (longest line prefix + 1) + deepest bracket nesting``, computed with
    C-speed regexes and :mod:`itertools` instead of a Python loop over the text.
    """
    flow = _flow_depth(_NOT_BRACKET.sub("", text))
    # 2 * (prefix + 1) + flow > limit  <=>  prefix >= (limit - flow) // 2
    needed = (limit - flow) // 2
    if needed <= 0:
        return True
    return re.search(rf"^[ \-?:]{{{needed},}}", text, re.M) is not None


def _flow_depth(brackets: str) -> int:
    """Deepest nesting of a string of brackets, where a surplus closer never goes below 0.

    With ``S`` the running sum of +1 (opener) and -1 (closer), the depth clamped at zero
    after step ``i`` is ``S[i] - min(S[0..i])`` (``S[0] = 0``), so the deepest point is the
    largest gap between the running sum and its running minimum.
    """
    if not brackets:
        return 0
    steps = brackets.encode("ascii").translate(_BRACKET_STEPS)  # opener 2, closer 0
    # accumulate(steps) = S[i] + i; subtracting i (range) gives S[i] itself.
    sums = list(map(operator.sub, itertools.accumulate(steps, initial=0), itertools.count()))
    lows = itertools.accumulate(sums, min)
    return max(map(operator.sub, sums, lows))


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


_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_BRACKET_STEPS = bytes.maketrans(b"[{]}", b"\x02\x02\x00\x00")


# --- fast construction ------------------------------------------------------------------

_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_NULL = "tag:yaml.org,2002:null"
#: Scalar tags whose PyYAML constructor is called as is (in a seed: numbers, booleans).
_SCALAR_TAGS = frozenset(
    ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool")
)
#: A tag an event leaves to the resolver.
_UNTAGGED = (None, "!")


class _Fallback(Exception):
    """The fast builder met something it leaves to PyYAML's composer and constructor."""


def _parse(text: str) -> Any:
    """The document's data, as PyYAML's strict safe loader would give it.

    First the fast way (:func:`_build_from_events`); if that meets anything unusual,
    PyYAML's own composer and constructor read the text again, so every value and every
    error is exactly theirs. The collector stays paused throughout.
    """
    with paused_gc():
        loader = _StrictLoader(text)
        try:
            return _build_from_events(loader)
        except Exception:  # anything at all: the standard path decides
            pass
        finally:
            loader.dispose()
        loader = _StrictLoader(text)
        try:
            return loader.get_single_data()
        finally:
            loader.dispose()


def _build_from_events(loader: Any) -> Any:
    """Dicts, lists and scalars straight from libyaml's event stream.

    PyYAML's usual way composes a tree of node objects (each with two position marks)
    for the whole document and then walks it with generator-based constructors; for an
    80 MB seed that tree alone takes about 3 GB. Here each event is turned into its value
    at once and dropped, so memory holds only the data. Values are those of
    ``SafeConstructor``: implicit tags come from the loader's own resolvers, and ints,
    floats and booleans from its own constructors. Anchors and aliases, explicit tags
    other than those, merge keys, collection keys, duplicate keys and multi-document
    streams raise :class:`_Fallback`.
    """
    get = loader.get_event
    constructors = loader.yaml_constructors
    implicit_resolvers = loader.yaml_implicit_resolvers
    wildcard = tuple(implicit_resolvers.get(None, ()))
    by_first = {first: tuple(found) + wildcard for first, found in implicit_resolvers.items()}
    scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
    mapping_start, mapping_end = yaml.MappingStartEvent, yaml.MappingEndEvent
    sequence_start, sequence_end = yaml.SequenceStartEvent, yaml.SequenceEndEvent

    def scalar(event: Any) -> Any:
        if event.anchor is not None:
            raise _Fallback
        tag, value = event.tag, event.value
        if tag in _UNTAGGED:
            tag = _STR
            if event.implicit[0]:  # plain: resolved as Resolver.resolve does
                for candidate, regexp in by_first.get(value[:1], wildcard):
                    if regexp.match(value):
                        tag = candidate
                        break
        if tag == _STR:
            return value
        if tag == _NULL:
            return None
        if tag in _SCALAR_TAGS:
            node = yaml.ScalarNode(tag, value, event.start_mark, event.end_mark, event.style)
            return constructors[tag](loader, node)
        raise _Fallback

    def value_of(event: Any) -> Any:
        kind = type(event)
        if kind is scalar_event:
            return scalar(event)
        if kind is alias_event or event.anchor is not None:
            raise _Fallback
        if kind is mapping_start and event.tag in (*_UNTAGGED, _MAP):
            mapping: dict[Any, Any] = {}
            seen: set[str] = set()
            while True:
                key_event = get()
                if type(key_event) is mapping_end:
                    return mapping
                if type(key_event) is not scalar_event or key_event.value in seen:
                    raise _Fallback  # a collection key, or a duplicate the loader reports
                seen.add(key_event.value)
                key = scalar(key_event)
                mapping[key] = value_of(get())
        if kind is sequence_start and event.tag in (*_UNTAGGED, _SEQ):
            items: list[Any] = []
            while True:
                item = get()
                if type(item) is sequence_end:
                    return items
                items.append(value_of(item))
        raise _Fallback

    get()  # StreamStartEvent
    if type(get()) is yaml.StreamEndEvent:  # else DocumentStartEvent
        return None
    data = value_of(get())
    get()  # DocumentEndEvent
    if type(get()) is not yaml.StreamEndEvent:
        raise _Fallback  # more than one document: the loader says so
    return data


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while millions of objects are made.

    Seed data holds no reference cycles (reference counting frees it), but the collector
    would scan every new dict and list again and again: with it running, parsing a
    100k-node seed takes about four times as long. Nesting is safe; the previous state is
    restored on the way out.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


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
    if _only_comments(text):
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
        if _may_nest_deeper(text, MAX_DEPTH):
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
        data = _parse(text)
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
