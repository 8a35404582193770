"""A JSON Schema of seed files, generated from the declared schema.

Editors that read JSON Schema (through the ``yaml-language-server`` line at the top of a
seed file) then complete labels, relationship types and properties and flag wrong values
as one types. The schema describes structure (sections, fields, types, units, allowed
values, allowed ends of each relationship type); checks across the file (that a cited
source or a node id exists, duplicates) remain ``gkg validate``'s.
"""

from __future__ import annotations

from typing import Any

from gkg.schema.machinery import (
    CLAIM_RANKS,
    COMMON_NODE_PROPS,
    COMMON_REL_PROPS,
    ID_PATTERN,
    SOURCE_LABEL,
    Prop,
)
from gkg.schema.vocabulary import NODE_TYPES, REL_TYPES

#: Where the schema says it lives (its ``$id``); the shipped seed points at a local copy.
SCHEMA_ID = "https://gkg.invalid/seed.schema.json"
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
WHEN_PATTERN = r"^(before )?\d{4}(-\d{2}(-\d{2})?)?$"
#: A ``when``: a day, month or year, or ``before`` one of them (YAML may read a year as a number).
WHEN: dict[str, Any] = {
    "anyOf": [{"type": "integer"}, {"type": "string", "pattern": WHEN_PATTERN}],
    "description": "2022-07-01, 2022-07, 2022 or 'before 2019'",
}
#: Properties that name an element: plain, or one inferred value.
IDENTITY = ("name", "nameKo", "aliases")
DATASET_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$"
MAX_TEXT = 20_000


def _prop_schema(prop: Prop) -> dict[str, Any]:
    schema: dict[str, Any]
    if prop.type == "str":
        schema = {"type": "string", "maxLength": MAX_TEXT}
        if prop.required:
            schema["pattern"] = r"\S"
    elif prop.type == "int":
        schema = {"type": "integer"}
    elif prop.type == "float":
        schema = {"type": "number"}
    elif prop.type == "bool":
        schema = {"type": "boolean"}
    elif prop.type == "date":
        schema = {"type": "string", "pattern": DATE_PATTERN, "format": "date"}
    elif prop.type == "when":
        schema = {"$ref": "#/$defs/when"}
    else:  # list[str]
        schema = {"type": "array", "items": {"type": "string", "maxLength": MAX_TEXT}}
    if prop.choices:
        schema["enum"] = list(prop.choices)
    if prop.minimum is not None:
        schema["minimum"] = prop.minimum
    description = prop.description + (f" (unit: {prop.unit})" if prop.unit else "")
    if description:
        schema["description"] = description
    return schema


def _claimable(prop: Prop) -> dict[str, Any]:
    """A property's value written plain, as one claim, or as a list of claims (names: plain,
    or one inferred value; see the README, "Facts in time")."""
    plain = _prop_schema(prop)
    inferred = {
        "type": "object",
        "required": ["value", "inferred", "inferenceReason"],
        "additionalProperties": False,
        "properties": {
            "value": {"type": "string"},
            "inferred": {"const": True},
            "inferenceReason": {"type": "string", "maxLength": 200},
            "note": {"type": "string"},
        },
    }
    if prop.name in IDENTITY:
        if prop.type == "list[str]":
            items = {"anyOf": [{"type": "string"}, inferred]}
            return {"anyOf": [plain, {"type": "array", "items": items}]}
        return {"anyOf": [plain, inferred]}
    claim = {
        "type": "object",
        "required": ["value"],
        "properties": {"value": plain},
        "allOf": [{"$ref": "#/$defs/claim"}],
    }
    # claims in a list: each checked as a claim; their values' types are gkg validate's
    listed = {"type": "object", "required": ["value"], "allOf": [{"$ref": "#/$defs/claim"}]}
    return {"anyOf": [plain, claim, {"type": "array", "minItems": 1, "items": listed}]}


def _claim_keys() -> dict[str, Any]:
    """What every claim may carry besides its value (qualifiers are further properties)."""
    return {
        "type": "object",
        "description": "A claim: a value with its own sources, valid time, rank or inference",
        "properties": {
            "sources": CITATIONS,
            "validFrom": {"$ref": "#/$defs/when"},
            "validTo": {"$ref": "#/$defs/when"},
            "asOf": {"$ref": "#/$defs/when"},
            "rank": {"enum": list(CLAIM_RANKS)},
            "key": _id_schema("The claim's name, unique within the property"),
            "supersedes": {
                "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]
            },
            "inferred": {"type": "boolean"},
            "inferenceReason": {"type": "string", "maxLength": 200},
            "note": {"type": "string", "maxLength": 200},
        },
    }


def _id_schema(what: str) -> dict[str, Any]:
    return {"type": "string", "pattern": ID_PATTERN.pattern, "description": what}


CITATIONS: dict[str, Any] = {
    "type": "array",
    "minItems": 1,
    "description": "Citations: the source article and a verbatim quote supporting the fact",
    "items": {
        "type": "object",
        "additionalProperties": False,
        "required": ["doc", "quote"],
        "properties": {
            "doc": {"type": "string", "minLength": 1, "description": "Id of a source"},
            "quote": {"type": "string", "pattern": r"\S", "maxLength": MAX_TEXT},
        },
    },
}


#: Property schemas shared by several labels or types (the common ones): written once in
#: ``$defs`` and referred to; filled while the schema is built.
_SHARED: dict[str, dict[str, Any]] = {}
_SHARED_PROPS = {id(p): p for p in COMMON_NODE_PROPS + COMMON_REL_PROPS}


def _shared(prop: Prop) -> dict[str, Any]:
    """A property's schema, or a reference to it when every label shares it."""
    if id(prop) not in _SHARED_PROPS:
        return _claimable(prop)
    name = f"prop-{prop.name}" + ("-rel" if prop not in COMMON_NODE_PROPS else "")
    _SHARED.setdefault(name, _claimable(prop))
    return {"$ref": f"#/$defs/{name}"}


def _element(
    keys: dict[str, Any], props: tuple[Prop, ...], required: list[str], description: str
) -> dict[str, Any]:
    properties = dict(keys)
    properties.update({p.name: _shared(p) for p in props})
    return {
        "type": "object",
        "description": description,
        "additionalProperties": False,
        "required": required + [p.name for p in props if p.required],
        "properties": properties,
    }


def _by_discriminator(key: str, choices: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """An object whose ``key`` picks one of ``choices`` (if/then, so editors complete)."""
    return {
        "type": "object",
        "required": [key],
        "properties": {key: {"enum": list(choices)}},
        "allOf": [
            {
                "if": {"properties": {key: {"const": name}}, "required": [key]},
                "then": {"$ref": f"#/$defs/{name}"},
            }
            for name in choices
        ],
    }


def seed_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) every valid seed file satisfies."""
    defs: dict[str, Any] = {"claim": _claim_keys(), "when": WHEN}
    node_labels: dict[str, dict[str, Any]] = {}
    for ntype in NODE_TYPES:
        if ntype.label == SOURCE_LABEL:
            continue
        keys = {
            "id": _id_schema("A stable id, e.g. nhn-cloud"),
            "label": {"const": ntype.label},
            "sources": CITATIONS,
        }
        props = COMMON_NODE_PROPS + ntype.props
        defs[ntype.label] = _element(keys, props, ["id", "label", "sources"], ntype.description)
        node_labels[ntype.label] = defs[ntype.label]
    source = next(n for n in NODE_TYPES if n.label == SOURCE_LABEL)
    source_keys = {
        "id": _id_schema("The source's id, cited as doc"),
        "label": {"const": SOURCE_LABEL},
        "sources": CITATIONS,
    }
    defs[SOURCE_LABEL] = _element(
        source_keys, COMMON_NODE_PROPS + source.props, ["id"], source.description
    )
    rel_types: dict[str, dict[str, Any]] = {}
    for rtype in REL_TYPES:
        keys = {
            "type": {"const": rtype.type},
            "from": _id_schema(f"Id of a {' or '.join(rtype.start)} node"),
            "to": _id_schema(f"Id of a {' or '.join(rtype.end)} node"),
            "key": _id_schema("Tells apart two relationships of this type between two nodes"),
            "sources": CITATIONS,
        }
        required = ["type", "from", "to", "sources"]
        props = COMMON_REL_PROPS + rtype.props
        defs[rtype.type] = _element(keys, props, required, rtype.description)
        rel_types[rtype.type] = defs[rtype.type]
    defs.update(_SHARED)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "gkg seed file",
        "description": "Curated, sourced facts for gkg (`gkg schema --format json-schema`)",
        "type": "object",
        "additionalProperties": False,
        "anyOf": [{"required": [s]} for s in ("sources", "nodes", "relationships")],
        "properties": {
            "dataset": {
                "type": "string",
                "pattern": DATASET_PATTERN,
                "description": "The dataset this file loads as (default: its path)",
            },
            "sources": {"type": "array", "items": {"$ref": f"#/$defs/{SOURCE_LABEL}"}},
            "nodes": {"type": "array", "items": _by_discriminator("label", node_labels)},
            "relationships": {"type": "array", "items": _by_discriminator("type", rel_types)},
        },
        "$defs": defs,
    }
