"""Parse YAML fast and strictly: libyaml's events straight into dicts and lists.

Parsing uses libyaml (``CSafeLoader``) when available. Duplicate mapping keys are an
error (YAML would keep the last one silently), and dates stay text for the validator.

Speed (a 100k-node seed is 80 MB): PyYAML's own constructor is plain Python and walks the
node tree through generators, and Python's cyclic garbage collector re-scans the millions
of fresh objects again and again. So libyaml's events are turned into dicts and lists by
:func:`_build_from_events` (the same values as PyYAML's safe constructor), with the
collector paused (:func:`paused_gc`). Anything unusual (anchors and aliases, merge keys,
explicit tags, a duplicate key) goes the standard way instead, so every value and every
error message is exactly PyYAML's. Nesting depth is bounded cheaply before parsing.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import operator
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    BaseLoader = yaml.SafeLoader
else:
    try:
        BaseLoader = yaml.CSafeLoader
    except AttributeError:  # PyYAML built without libyaml
        BaseLoader = yaml.SafeLoader

#: Refuse YAML nested deeper than this (a seed needs about 5 levels).
MAX_DEPTH = 64


class _StrictLoader(BaseLoader):
    """libyaml's safe loader that refuses duplicate keys and leaves dates as text.

    Dates stay strings so that the validator, not the YAML library, judges them and can
    say where a bad one is.
    """

    yaml_implicit_resolvers = {  # noqa: RUF012 (PyYAML's own class attribute)
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in BaseLoader.yaml_implicit_resolvers.items()
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
                    f"duplicate key {key[:200]!r} (first at line {seen[key]}); "
                    "a key may appear once",
                    key_node.start_mark,
                )
            seen[key] = key_node.start_mark.line + 1
        mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)
        return mapping


def may_nest_deeper(text: str, limit: int) -> bool:
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
    return int(max(map(operator.sub, sums, lows)))


def deep_line(text: str) -> int | None:
    """Line where nesting first exceeds :data:`MAX_DEPTH` (event stream, no recursion)."""
    depth = 0
    for event in yaml.parse(text, Loader=BaseLoader):
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                return event.start_mark.line + 1 if event.start_mark else 0
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


def parse(text: str) -> Any:
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
