"""Names in ad-hoc Cypher that the declared schema does not know, as Neo4j's notifications
say: a misspelt label, relationship type or property matches nothing and gives an empty
answer without an error, so ``gkg cypher`` warns before it answers.

A small scanner, not a parser: string literals and comments are skipped; a ``:Name`` in a
node pattern (or after a variable, ``WHERE n:Name``) is a label, in a relationship pattern
``-[:NAME]-`` a type, and ``var.name`` (not followed by ``(``) a property.
"""

from __future__ import annotations

import difflib
import re

from gkg.schema import (
    COMMON_NODE_PROPS,
    COMMON_REL_PROPS,
    DATASET_LABEL,
    ENTITY_LABEL,
    LOOKUP_KEYS_PROP,
    NODE_TYPES,
    REL_TYPES,
    STORED_META_PROPS,
)

_NAME = r"(?:`[^`]+`|[A-Za-z_][A-Za-z0-9_]*)"
_STRIP = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|//[^\n]*|/\*.*?\*/", re.S)
_TOKEN = re.compile(
    rf"(?P<open>[(\[{{])|(?P<close>[)\]}}])"
    rf"|(?P<colon>:\s*(?P<names>{_NAME}(?:[|&:]!?{_NAME})*))"
    rf"|(?P<prop>(?<![\w$]){_NAME}\s*\.\s*(?P<key>{_NAME})(?!\s*[.(\w]))|(?P<word>\$?{_NAME})"
)
#: Properties of the dataset registry nodes.
_REGISTRY_PROPS = ("name", "file", "digest", "nodeCount", "relationshipCount", "loadedAt")


def _known() -> tuple[set[str], set[str], set[str]]:
    labels = {ENTITY_LABEL, DATASET_LABEL, *(t.label for t in NODE_TYPES)}
    types = {t.type for t in REL_TYPES}
    props = {p.name for p in COMMON_NODE_PROPS + COMMON_REL_PROPS}
    props |= {p.name for t in NODE_TYPES for p in t.props}
    props |= {p.name for t in REL_TYPES for p in t.props}
    props |= {*STORED_META_PROPS, LOOKUP_KEYS_PROP, *_REGISTRY_PROPS}
    return labels, types, props


def _plain(name: str) -> str:
    return name[1:-1] if name.startswith("`") else name


def unknown_names(cypher: str) -> list[str]:
    """One warning per label, relationship type or property that the schema does not have."""
    labels, types, props = _known()
    text = _STRIP.sub(" ", cypher)
    stack: list[str] = []
    found: dict[str, str] = {}
    previous = ""
    for match in _TOKEN.finditer(text):
        if match.group("open"):
            opener = match.group("open")
            before = text[: match.start()].rstrip()
            stack.append("rel" if opener == "[" and before.endswith("-") else opener)
        elif match.group("close"):
            if stack:
                stack.pop()
        elif match.group("colon") and stack[-1:] != ["{"] and (stack or previous):
            is_rel = stack[-1:] == ["rel"]
            for raw in re.findall(_NAME, match.group("names")):
                name = _plain(raw)
                kind, known = ("relationship type", types) if is_rel else ("label", labels)
                if name not in known:
                    found.setdefault(f"{kind} {name}", _hint(kind, name, known))
        elif match.group("prop"):
            key = _plain(match.group("key"))
            if key not in props:
                found.setdefault(f"property {key}", _hint("property", key, props))
        previous = match.group("word") or ""
    return list(found.values())


def _hint(kind: str, name: str, known: set[str]) -> str:
    close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.75)
    maybe = f" (did you mean {close[0]!r}?)" if close else ""
    return f"the schema has no {kind} {name!r}{maybe}; it matches nothing"
