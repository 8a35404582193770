"""The schema machinery: what a property, a node type and a relationship type are, the
properties every element shares, and the names the loader adds. The Gwangju vocabulary built
from these lives in :mod:`gkg.schema.vocabulary`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, get_args

#: Every node also carries this label; ids are unique across it.
ENTITY_LABEL = "Entity"
#: The label of the source articles every fact cites (the seed's ``sources:`` section).
SOURCE_LABEL = "SourceDocument"
#: The label of the registry nodes, one per loaded dataset (never an ``Entity``).
DATASET_LABEL = "GkgDataset"

#: Property types a seed value may have. ``date`` values are stored as ISO strings; a
#: ``when`` is a date of day, month or year precision, or ``before <date>`` (stored as an ISO
#: string plus ``<name>Precision``; see :mod:`gkg.timeline`).
PropType = Literal["str", "int", "float", "bool", "date", "when", "list[str]"]
PROP_TYPES: tuple[PropType, ...] = get_args(PropType)

#: Status of a plan, bid, budget or project, as the sources state it.
STATUSES = (
    "proposed",
    "planned",
    "pending",
    "bidding",
    "secured",
    "in-progress",
    "under-construction",
    "in-operation",
    "completed",
    "failed",
    "cancelled",
)

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Prop:
    """One property of a node or relationship type."""

    name: str
    type: PropType = "str"
    required: bool = False
    description: str = ""
    unit: str | None = None
    choices: tuple[str, ...] = ()
    minimum: float | None = None

    def __post_init__(self) -> None:
        if self.type not in PROP_TYPES:
            raise ValueError(f"property {self.name}: unknown type {self.type!r}")


@dataclass(frozen=True)
class NodeType:
    """A node label and the properties its nodes may carry (beyond the common ones)."""

    label: str
    description: str
    props: tuple[Prop, ...] = ()

    def prop(self, name: str) -> Prop | None:
        return find_prop(COMMON_NODE_PROPS + self.props, name)


@dataclass(frozen=True)
class RelType:
    """A relationship type with the labels it may start and end at."""

    type: str
    description: str
    start: tuple[str, ...]
    end: tuple[str, ...]
    props: tuple[Prop, ...] = ()

    def prop(self, name: str) -> Prop | None:
        return find_prop(COMMON_REL_PROPS + self.props, name)


def find_prop(props: tuple[Prop, ...], name: str) -> Prop | None:
    for p in props:
        if p.name == name:
            return p
    return None


# --- properties every element has -------------------------------------------------------

_STATUS = Prop("status", choices=STATUSES, description="State of a plan, bid or project")
_VALID_FROM = Prop("validFrom", "when", description="When the fact began to hold (valid time)")
_VALID_TO = Prop("validTo", "when", description="When the fact stopped holding (valid time)")
_INFERRED = Prop(
    "inferred", "bool", description="The seed infers this; the sources do not state it"
)
_INFERENCE_REASON = Prop("inferenceReason", description="One line: why the seed infers it")

#: Properties every node may carry. ``sources`` is a list of citations in the seed and is
#: stored as the parallel lists ``sourceIds`` / ``sourceQuotes``.
COMMON_NODE_PROPS: tuple[Prop, ...] = (
    Prop("name", required=True, description="English display name"),
    Prop("nameKo", description="Korean name"),
    Prop("aliases", "list[str]", description="Other names and romanisations"),
    Prop("description", description="One-line English description"),
    Prop("asOf", "date", description="Date a measured value holds for"),
    _STATUS,
    _VALID_FROM,
    _VALID_TO,
    _INFERRED,
    _INFERENCE_REASON,
)

COMMON_REL_PROPS: tuple[Prop, ...] = (
    Prop("description", description="One-line English description"),
    Prop("asOf", "date", description="Date the fact holds for (a status as of a date)"),
    Prop("role", description="Role or capacity, e.g. 'Mayor', 'lead developer'"),
    _STATUS,
    _VALID_FROM,
    _VALID_TO,
    _INFERRED,
    _INFERENCE_REASON,
)

#: Keys of a seed node that are not properties of its label.
NODE_KEYS = ("id", "label", "sources")
#: Keys of a seed relationship that are not properties of its type.
REL_KEYS = ("type", "from", "to", "key", "sources")
#: Keys of one citation in a ``sources`` list.
CITATION_KEYS = ("doc", "quote")

#: Properties the loader adds to every stored element: citations (each source once in
#: ``sourceIds``, with its effective date in ``sourceDates``; every quote with its source in
#: ``quoteSourceIds``), knowledge time, precisions of ``when`` values, which properties have
#: several claims (``claimProps``) and which current values are inferred, and why.
STORED_META_PROPS = (
    "id",
    "sourceIds",
    "sourceDates",
    "sourceQuotes",
    "quoteSourceIds",
    "firstStated",
    "lastStated",
    "validFromPrecision",
    "validToPrecision",
    "plannedOpeningDatePrecision",
    "claimProps",
    "inferredProps",
    "inferenceReasons",
    "asOf",
    "loadRun",
    "contentHash",
    "dataset",
)
#: Keys of a claim (one value of a property with its own citations, see README) besides
#: the property's qualifiers.
CLAIM_KEYS = (
    "value",
    "sources",
    "validFrom",
    "validTo",
    "asOf",
    "rank",
    "key",
    "supersedes",
    "inferred",
    "inferenceReason",
    "note",
)
CLAIM_RANKS = ("preferred", "normal", "deprecated")
#: The label of stored claims: one node per claim and source, not an Entity, unconnected.
CLAIM_LABEL = "Claim"
#: Properties of a stored :data:`CLAIM_LABEL` node (qualifiers keep their own names).
CLAIM_PROPS = (
    "id",
    "subjectId",
    "subjectKind",
    "subjectLabel",
    "subjectName",
    "fromId",
    "toId",
    "property",
    "value",
    "valueText",
    "qualifierNames",
    "sourceId",
    "knownDate",
    "quotes",
    "claimKey",
    "rank",
    "supersedes",
    "validFrom",
    "validTo",
    "validFromPrecision",
    "validToPrecision",
    "asOf",
    "inferred",
    "inferenceReason",
    "note",
    "currentFrom",
    "currentUntil",
    "replaces",
    "isCurrent",
    "loadRun",
    "contentHash",
    "dataset",
)
#: Extra property the loader adds to every node: lower-cased id, names and aliases.
LOOKUP_KEYS_PROP = "lookupKeys"
