"""The declared graph schema: every label, relationship type and property gkg knows.

The machinery (:mod:`.machinery`) says what a property, a label and a relationship type
are; the Gwangju vocabulary (:mod:`.vocabulary`) is data built from it. The loader
validates seed files against it, the stores generate their indexes and constraints from
it, and nothing else may invent a label or a relationship type: :func:`node_type` and
:func:`rel_type` refuse names that are not declared.

Naming follows Neo4j's conventions: labels ``CamelCase``, relationship types
``UPPER_SNAKE``, properties ``camelCase`` with the unit in the name (``amountKrw``).
"""

from __future__ import annotations

import re

from gkg.errors import SchemaError
from gkg.schema.machinery import (
    CITATION_KEYS,
    CLAIM_KEYS,
    CLAIM_LABEL,
    CLAIM_PROPS,
    CLAIM_RANKS,
    COMMON_NODE_PROPS,
    COMMON_REL_PROPS,
    DATASET_LABEL,
    ENTITY_LABEL,
    ID_PATTERN,
    LOOKUP_KEYS_PROP,
    NODE_KEYS,
    PROP_TYPES,
    REL_KEYS,
    SOURCE_LABEL,
    STATUSES,
    STORED_META_PROPS,
    NodeType,
    Prop,
    PropType,
    RelType,
    find_prop,
)
from gkg.schema.vocabulary import NODE_TYPES, REL_TYPES

__all__ = [
    "CITATION_KEYS",
    "CLAIM_KEYS",
    "CLAIM_LABEL",
    "CLAIM_PROPS",
    "CLAIM_RANKS",
    "COMMON_NODE_PROPS",
    "COMMON_REL_PROPS",
    "DATASET_LABEL",
    "ENTITY_LABEL",
    "ID_PATTERN",
    "LOOKUP_KEYS_PROP",
    "NODE_KEYS",
    "NODE_TYPES",
    "PROP_TYPES",
    "REL_KEYS",
    "REL_TYPES",
    "SOURCE_LABEL",
    "STATUSES",
    "STORED_META_PROPS",
    "NodeType",
    "Prop",
    "PropType",
    "RelType",
    "labels",
    "node_type",
    "rel_type",
    "rel_types",
]

# --- look-ups ---------------------------------------------------------------------------

_NODE_BY_LABEL = {t.label: t for t in NODE_TYPES}
_REL_BY_TYPE = {t.type: t for t in REL_TYPES}


def node_type(label: str) -> NodeType:
    """The declared node type for ``label``; :class:`SchemaError` if it is not declared."""
    try:
        return _NODE_BY_LABEL[label]
    except KeyError:
        raise SchemaError(
            f"unknown node label {label!r}; declared: {', '.join(labels())}"
        ) from None


def rel_type(name: str) -> RelType:
    """The declared relationship type ``name``; :class:`SchemaError` if not declared."""
    try:
        return _REL_BY_TYPE[name]
    except KeyError:
        raise SchemaError(
            f"unknown relationship type {name!r}; declared: {', '.join(rel_types())}"
        ) from None


def labels() -> list[str]:
    """All declared node labels (without the shared ``Entity`` label)."""
    return [t.label for t in NODE_TYPES]


def rel_types() -> list[str]:
    """All declared relationship types."""
    return [t.type for t in REL_TYPES]


def _check_schema() -> None:
    """Fail at import if the declared schema contradicts itself."""
    for t in NODE_TYPES:
        assert re.fullmatch(r"[A-Z][A-Za-z0-9]*", t.label), t.label
    for r in REL_TYPES:
        assert re.fullmatch(r"[A-Z][A-Z0-9_]*", r.type), r.type
        for lab in r.start + r.end:
            assert lab in _NODE_BY_LABEL, f"{r.type}: undeclared label {lab}"
    for t in NODE_TYPES:
        for p in t.props:
            assert find_prop(COMMON_NODE_PROPS, p.name) is None, f"{t.label}.{p.name} shadows"
            assert re.fullmatch(r"[a-z][A-Za-z0-9]*", p.name), p.name


_check_schema()
