"""The checks every seed element goes through: properties against their declared types,
units, choices and bounds, and citations against the declared sources. Problems are kept
with key paths and located (file and line) only at the end."""

from __future__ import annotations

import datetime as dt
import math
import re
import reprlib
import unicodedata
from dataclasses import dataclass
from typing import Any

from gkg.errors import Problem
from gkg.loaders.reader import KeyPath, SeedFile
from gkg.schema import (
    CITATION_KEYS,
    COMMON_NODE_PROPS,
    COMMON_REL_PROPS,
    NodeType,
    Prop,
    RelType,
)
from gkg.timeline import parse_when

#: Longest string value accepted (a quote or a description, not an article).
MAX_STRING_CHARS = 20_000
#: Longest id (of a node, or a relationship's key) accepted.
MAX_ID_CHARS = 200
#: A wrong value is quoted in a message with at most this many characters.
MAX_QUOTED_CHARS = 200
#: No message says more than this many characters (a last bound; values are cut first).
MAX_MESSAGE_CHARS = 1_000

_REPR = reprlib.Repr()
_REPR.maxlevel, _REPR.maxlist, _REPR.maxdict, _REPR.maxtuple, _REPR.maxset = 3, 6, 6, 6, 6
_REPR.maxstring = _REPR.maxother = 60
#: Every character :func:`text_problem` refuses: category Cc but tab and line breaks, and
#: Cs. Unicode fixes both sets for good, so one search finds whether a text has any.
_REFUSED_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def quoted(value: Any) -> str:
    """``value`` as a message quotes it: at most :data:`MAX_QUOTED_CHARS` characters, built
    without walking more than a few levels (an alias bomb is never expanded)."""
    if isinstance(value, str):
        if len(value) <= MAX_QUOTED_CHARS:
            return repr(value)
        return f"{value[:MAX_QUOTED_CHARS]!r}... ({len(value)} characters)"
    text = _REPR.repr(value)
    return text if len(text) <= MAX_QUOTED_CHARS else text[:MAX_QUOTED_CHARS] + "..."


def bounded(text: str, limit: int = MAX_MESSAGE_CHARS) -> str:
    """``text`` cut to ``limit`` characters, saying so."""
    return text if len(text) <= limit else f"{text[:limit]}... ({len(text)} characters)"


def text_problem(value: str) -> str | None:
    """Why ``value`` cannot be stored as text, or None: control characters (other than tab
    and line breaks) and invalid Unicode (a lone surrogate) are refused, with where."""
    if _REFUSED_CHARS.search(value) is None:
        return None
    for index, char in enumerate(value):
        if char in "\t\n\r":
            continue
        category = unicodedata.category(char)
        if category == "Cc":
            return (
                f"contains the control character U+{ord(char):04X} at character {index + 1}; "
                "remove it"
            )
        if category == "Cs":
            return (
                f"contains an invalid character (a lone surrogate U+{ord(char):04X}) at "
                f"character {index + 1}"
            )
    return None


def id_problem(value: str) -> str | None:
    """Why ``value`` cannot be an id (its length; the pattern is checked by the caller)."""
    if len(value) > MAX_ID_CHARS:
        return f"an id of {len(value)} characters; the limit is {MAX_ID_CHARS}"
    return None


@dataclass(frozen=True)
class Origin:
    """Where a record was defined: file index into ``Seed.files`` and key path."""

    file: int
    keys: KeyPath


class ElementChecks:
    """The state of one validation run, and the checks shared by nodes and relationships."""

    def __init__(self, files: list[SeedFile]):
        self.files = files
        self.pending: list[tuple[int, KeyPath, str, str]] = []
        self.node_origin: dict[str, Origin] = {}
        self.source_dates: dict[str, str] = {}

    def problem(self, file: int, keys: KeyPath, fieldname: str, message: str) -> None:
        self.pending.append((file, keys, bounded(fieldname, 100), bounded(message)))

    def located(self) -> list[Problem]:
        return [
            Problem(self.files[f].path, self.files[f].line_of(keys), fieldname, message)
            for f, keys, fieldname, message in self.pending
        ]

    def where(self, origin: Origin) -> str:
        path = self.files[origin.file].path
        line = self.files[origin.file].line_of(origin.keys)
        return f"{path}:{line}" if line else path

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
            if _is_claims(prop, value):
                claimed, plain = self.claim_property(file, keys, item, declared, prop, value)
                ok &= claimed
                if plain is not None:
                    props[name] = plain
                continue
            checked, error = check_value(prop, value)
            if error:
                self.problem(file, (*keys, name), name, error)
                ok = False
            elif prop.type == "when":
                props[name] = checked.stored(end=name == "validTo")
                props[f"{name}Precision"] = checked.precision
            elif checked is not None:
                props[name] = checked
        for prop in _required(declared):
            if prop.name not in item:
                self.problem(file, keys, prop.name, f"required for {what} ({_expected(prop)})")
                ok = False
        return props if ok else None

    def claim_property(
        self,
        file: int,
        keys: KeyPath,
        item: dict[str, Any],
        declared: NodeType | RelType,
        prop: Prop,
        value: Any,
    ) -> tuple[bool, Any]:
        """Check a property written as claims (see :mod:`gkg.loaders.claims`)."""
        self.problem(file, (*keys, prop.name), prop.name, "claims are not accepted here")
        return False, None

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
                    f"expected a mapping {{doc, quote}}, got {kind_of(citation)}",
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
                    f"{quoted(doc)} is not a declared source (declare it under 'sources')",
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
            elif text_problem(quote):
                self.problem(
                    file, (*where, "quote"), "sources.quote", f"quote {text_problem(quote)}"
                )
                ok = False
            if ok and isinstance(doc, str) and isinstance(quote, str):
                ids.append(doc)
                quotes.append(quote)
        return (ids, quotes) if ok else None


def _is_claims(prop: Prop, value: Any) -> bool:
    """A mapping, or a list where the property takes no list (or a list of mappings)."""
    if isinstance(value, dict):
        return True
    if not isinstance(value, list):
        return False
    return prop.type != "list[str]" or any(isinstance(v, dict) for v in value)


def _required(declared: NodeType | RelType) -> list[Prop]:
    common = COMMON_NODE_PROPS if isinstance(declared, NodeType) else COMMON_REL_PROPS
    return [p for p in common + declared.props if p.required]


def check_value(prop: Prop, value: Any) -> tuple[Any, str | None]:
    """The stored form of ``value`` for ``prop``, or an error saying what was expected."""
    if value is None:
        return None, f"expected {_expected(prop)}, got nothing"
    kind = prop.type
    if kind == "str":
        if not isinstance(value, str):
            return None, f"expected {_expected(prop)}, got {kind_of(value)} {quoted(value)}"
        if len(value) > MAX_STRING_CHARS:
            return None, f"text of {len(value)} characters; the limit is {MAX_STRING_CHARS}"
        bad = text_problem(value)
        if bad:
            return None, bad
        if prop.required and not value.strip():
            return None, "must not be empty"
    elif kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            return None, f"expected {_expected(prop)}, got {kind_of(value)} {quoted(value)}"
        if abs(value) >= 2**63:
            return None, "number too large for a 64-bit integer"
    elif kind == "float":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return None, f"expected {_expected(prop)}, got {kind_of(value)} {quoted(value)}"
        if not math.isfinite(value):
            return None, "expected a finite number"
        value = float(value)
    elif kind == "bool":
        if not isinstance(value, bool):
            return None, f"expected true or false, got {kind_of(value)} {quoted(value)}"
    elif kind == "date":
        value, error = _date(value)
        if error:
            return None, error
    elif kind == "when":
        try:
            return parse_when(value), None
        except ValueError as exc:
            return None, str(exc)
    elif kind == "list[str]":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return None, f"expected a list of text, got {kind_of(value)} {quoted(value)}"
        if any(len(v) > MAX_STRING_CHARS for v in value):
            return None, f"an entry is longer than {MAX_STRING_CHARS} characters"
        for index, entry in enumerate(value):
            bad = text_problem(entry)
            if bad:
                return None, f"entry {index + 1} {bad}"
    if prop.choices and value not in prop.choices:
        return None, f"expected one of {', '.join(prop.choices)}, got {quoted(value)}"
    if prop.minimum is not None and isinstance(value, (int, float)) and value < prop.minimum:
        return None, f"must be at least {prop.minimum:g}, got {quoted(value)}"
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
    return None, f"expected a date YYYY-MM-DD, got {quoted(value)}"


def _expected(prop: Prop) -> str:
    names = {
        "str": "text",
        "int": "a whole number",
        "float": "a number",
        "bool": "true or false",
        "date": "a date YYYY-MM-DD",
        "when": "a date YYYY-MM-DD, YYYY-MM or YYYY, or 'before' one of these",
        "list[str]": "a list of text",
    }
    text = names[prop.type]
    if prop.unit:
        text += f" in {prop.unit}"
    return text


def kind_of(value: Any) -> str:
    return {
        dict: "a mapping",
        list: "a list",
        str: "text",
        int: "a number",
        float: "a number",
        bool: "a boolean",
        type(None): "nothing",
    }.get(type(value), type(value).__name__)
