"""The declared graph schema: every label, relationship type and property gkg knows.

This module is data, not code paths. The loader validates seed files against it, the
stores generate their indexes and constraints from it, and nothing else may invent a
label or a relationship type: :func:`node_type` and :func:`rel_type` refuse names that
are not declared here.

Naming follows Neo4j's conventions: labels ``CamelCase``, relationship types
``UPPER_SNAKE``, properties ``camelCase`` with the unit in the name (``amountKrw``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gkg.errors import SchemaError

#: Every node also carries this label; ids are unique across it.
ENTITY_LABEL = "Entity"

#: Property types a seed value may have. ``date`` values are stored as ISO strings.
PROP_TYPES = ("str", "int", "float", "bool", "date", "list[str]")

#: Status of a plan, bid, budget or project, as the sources state it.
STATUSES = (
    "proposed",
    "planned",
    "pending",
    "bidding",
    "secured",
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
    type: str = "str"
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
        return _find(COMMON_NODE_PROPS + self.props, name)


@dataclass(frozen=True)
class RelType:
    """A relationship type with the labels it may start and end at."""

    type: str
    description: str
    start: tuple[str, ...]
    end: tuple[str, ...]
    props: tuple[Prop, ...] = ()

    def prop(self, name: str) -> Prop | None:
        return _find(COMMON_REL_PROPS + self.props, name)


def _find(props: tuple[Prop, ...], name: str) -> Prop | None:
    for p in props:
        if p.name == name:
            return p
    return None


# --- properties every element has -------------------------------------------------------

_STATUS = Prop("status", choices=STATUSES, description="State of a plan, bid or project")

#: Properties every node may carry. ``sources`` is a list of citations in the seed and is
#: stored as the parallel lists ``sourceIds`` / ``sourceQuotes``.
COMMON_NODE_PROPS: tuple[Prop, ...] = (
    Prop("name", required=True, description="English display name"),
    Prop("nameKo", description="Korean name"),
    Prop("aliases", "list[str]", description="Other names and romanisations"),
    Prop("description", description="One-line English description"),
    Prop("asOf", "date", description="Date the facts hold for (default: newest source date)"),
    _STATUS,
)

COMMON_REL_PROPS: tuple[Prop, ...] = (
    Prop("description", description="One-line English description"),
    Prop("asOf", "date", description="Date the fact holds for (default: newest source date)"),
    Prop("role", description="Role or capacity, e.g. 'Mayor', 'lead developer'"),
    Prop("startDate", "date", description="When the relationship began"),
    Prop("endDate", "date", description="When the relationship ended"),
    _STATUS,
)

#: Keys of a seed node that are not properties of its label.
NODE_KEYS = ("id", "label", "sources")
#: Keys of a seed relationship that are not properties of its type.
REL_KEYS = ("type", "from", "to", "key", "sources")
#: Keys of one citation in a ``sources`` list.
CITATION_KEYS = ("doc", "quote")

#: Properties the loader adds to every stored element.
STORED_META_PROPS = ("id", "sourceIds", "sourceQuotes", "asOf", "loadRun", "contentHash")
#: Extra property the loader adds to every node: lower-cased id, names and aliases.
LOOKUP_KEYS_PROP = "lookupKeys"


# --- node labels ------------------------------------------------------------------------

_AMOUNT = Prop("amountKrw", "int", unit="KRW", minimum=0, description="Amount in won")
_YEAR = Prop("year", "int", minimum=1900, description="Calendar or fiscal year")

NODE_TYPES: tuple[NodeType, ...] = (
    NodeType(
        "SourceDocument",
        "A source article every fact cites",
        (
            Prop("publisher", required=True),
            Prop("title", required=True),
            Prop("publishedDate", "date", required=True),
            Prop(
                "publishedDatePrecision",
                choices=("day", "month", "year", "not-before"),
                description="How exact publishedDate is: the day, month or year; or "
                "'not-before' for an undated article known to be written on or after it",
            ),
            Prop("language", required=True, choices=("en", "ko")),
            Prop("author"),
            Prop("fileName", description="File name in shared/seeds"),
        ),
    ),
    NodeType(
        "Region",
        "A country, province, metropolitan city, district or development zone",
        (
            Prop(
                "regionType",
                required=True,
                choices=(
                    "country",
                    "province",
                    "metropolitan-city",
                    "district",
                    "zone",
                    "macro-region",
                ),
            ),
            Prop("populationCount", "int", minimum=0, unit="people"),
            Prop("areaSquareKm", "float", minimum=0, unit="km2"),
        ),
    ),
    NodeType(
        "GovernmentBody",
        "A government, ministry, legislature, committee, office or team",
        (
            Prop(
                "bodyType",
                required=True,
                choices=(
                    "national-government",
                    "ministry",
                    "legislature",
                    "committee",
                    "local-government",
                    "office",
                    "team",
                    "public-agency",
                    "division",
                ),
            ),
        ),
    ),
    NodeType(
        "PoliticalParty",
        "A political party",
    ),
    NodeType(
        "Company",
        "A company: fabless chip designer, foundry, cloud operator, automaker, app, ...",
        (
            Prop("sector", description="e.g. fabless, foundry, cloud, automotive, gpu"),
            Prop("country", description="ISO 3166 alpha-2 code of the head office"),
        ),
    ),
    NodeType("University", "A university"),
    NodeType(
        "Academy",
        "An academy or training school (e.g. the AI Academy, GCC Academy)",
        (Prop("foundedYear", "int", minimum=1900),),
    ),
    NodeType(
        "Program",
        "A government programme, scheme or support project run for others",
        (Prop("programType", description="e.g. education, loan, subsidy, local-currency"),),
    ),
    NodeType("ResearchInstitute", "A research institute"),
    NodeType(
        "FinancialInstitution",
        "A bank, guarantee foundation or fund manager",
        (Prop("institutionType", choices=("bank", "guarantee-foundation", "fund-manager")),),
    ),
    NodeType(
        "DataCenter",
        "A data center and its capacity",
        (
            Prop("computePetaflops", "float", minimum=0, unit="PF"),
            Prop("storagePetabytes", "float", minimum=0, unit="PB"),
            Prop("openingDate", "date"),
        ),
    ),
    NodeType(
        "Facility",
        "A physical facility: demonstration center, start-up camp, plant, equipment",
        (
            Prop("facilityType", description="e.g. demonstration-center, startup-camp"),
            Prop("equipmentCount", "int", minimum=0, unit="items"),
        ),
    ),
    NodeType(
        "Product",
        "A product: a chip, a GPU model, an app, a card",
        (Prop("productType", description="e.g. ai-chip, gpu, delivery-app, local-currency"),),
    ),
    NodeType(
        "Cluster",
        "An industrial cluster, complex or valley",
        (
            Prop("industry"),
            Prop("areaSquareKm", "float", minimum=0, unit="km2"),
            Prop("companyCount", "int", minimum=0, unit="companies"),
            Prop("researcherCount", "int", minimum=0, unit="people"),
            Prop("totalCostKrw", "int", minimum=0, unit="KRW", description="Planned investment"),
            Prop("completionYear", "int", minimum=1900, description="Year it is to be completed"),
        ),
    ),
    NodeType(
        "Project",
        "A project or one phase of it, with its cost and schedule",
        (
            Prop("phase", "int", minimum=1),
            Prop("totalCostKrw", "int", minimum=0, unit="KRW"),
            Prop("startYear", "int", minimum=1900),
            Prop("endYear", "int", minimum=1900),
            Prop("areaSquareKm", "float", minimum=0, unit="km2"),
        ),
    ),
    NodeType(
        "Budget",
        "An appropriation of money for a purpose, with its year and funding source",
        (
            _AMOUNT,
            _YEAR,
            Prop("fundingSource", description="e.g. national, city, district, private"),
        ),
    ),
    NodeType(
        "Fund",
        "A standing fund (investment, guarantee or development fund)",
        (_AMOUNT, _YEAR, Prop("fundingSource")),
    ),
    NodeType(
        "Agreement",
        "An MOU or other agreement, or a batch of them counted together",
        (
            Prop("agreementType", required=True, description="e.g. MOU"),
            Prop("partyCount", "int", minimum=0, unit="parties"),
            Prop("startYear", "int", minimum=1900),
        ),
    ),
    NodeType(
        "Event",
        "A dated event: a fair, a budget passed, an election, a tender",
        (
            Prop("eventType", description="e.g. trade-show, budget, election, tender"),
            Prop("startDate", "date"),
            Prop("endDate", "date"),
        ),
    ),
    NodeType("Person", "A person"),
    NodeType(
        "Indicator",
        "A measured number about an entity: counts of MOUs, patents, jobs, graduates, ...",
        (
            Prop("metric", required=True, description="camelCase metric, e.g. patentCount"),
            Prop("value", "float", required=True),
            Prop("unit", required=True, description="e.g. count, percent, KRW, people"),
            Prop(
                "valueKind",
                choices=("actual", "target", "estimate", "parameter"),
                description="actual: measured; target: a goal; estimate: a forecast; "
                "parameter: a rule of a programme (a cap, a rate)",
            ),
            Prop(
                "valueQualifier",
                choices=("exact", "about", "more-than", "up-to"),
                description="How the source states the value: 'about 600', 'more than 300'",
            ),
            Prop("year", "int", minimum=1900, description="The year a yearly figure is for"),
            Prop("periodStartYear", "int", minimum=1900, description="Start of a cumulative count"),
            Prop("periodEndYear", "int", minimum=1900, description="End of a cumulative count"),
            Prop("targetYear", "int", minimum=1900, description="Year a target is to be met"),
        ),
    ),
    NodeType(
        "Policy",
        "A policy, strategy, stated goal, or a proposed law or institution",
        (
            Prop(
                "policyType",
                description="e.g. strategy, goal, law-proposal, institution-proposal",
            ),
            Prop("targetYear", "int", minimum=1900),
        ),
    ),
)


# --- relationship types -----------------------------------------------------------------

_ORGS = (
    "GovernmentBody",
    "Company",
    "University",
    "Academy",
    "ResearchInstitute",
    "FinancialInstitution",
    "PoliticalParty",
)
_PLACES = ("Region",)
_THINGS = ("DataCenter", "Facility", "Cluster", "Project", "Program", "Product")
_MONEY = ("Budget", "Fund")
_ALL = tuple(t.label for t in NODE_TYPES if t.label != "SourceDocument")

REL_TYPES: tuple[RelType, ...] = (
    RelType(
        "LOCATED_IN",
        "Where an organisation, facility or place is",
        _ORGS + _THINGS + ("Region", "Event"),
        _PLACES,
    ),
    RelType(
        "PART_OF",
        "Containment: a district in a city, a phase in a project, a team in a body",
        _ALL,
        _ALL,
    ),
    RelType(
        "OPERATES",
        "Runs a facility, service, programme, product, office or fund",
        _ORGS + ("Person",),
        _THINGS + _ORGS + ("Fund",),
    ),
    RelType("BUILT", "Built or is building a facility", _ORGS, _THINGS),
    RelType(
        "EQUIPPED_WITH", "A facility runs this hardware", ("DataCenter", "Facility"), ("Product",)
    ),
    RelType("MADE_BY", "Maker or vendor of a product", ("Product",), ("Company",)),
    RelType(
        "DEVELOPS",
        "Develops or co-develops a product or technology",
        _ORGS + ("Project",),
        ("Product",),
    ),
    RelType("PARTNER_OF", "Business partnership", _ORGS, _ORGS),
    RelType("SIGNED", "A party to an agreement", _ORGS + _PLACES, ("Agreement",)),
    RelType(
        "OPENED_BRANCH_IN",
        "Opened a branch office or lab in a place",
        ("Company", "ResearchInstitute"),
        _PLACES,
    ),
    RelType(
        "ATTRACTED",
        "Brought an organisation, facility or investment to the city",
        _ORGS + _PLACES,
        _ORGS + _THINGS + _MONEY,
    ),
    RelType(
        "FUNDS",
        "Money paying for a project, programme or facility",
        _MONEY + _ORGS,
        _THINGS + _ORGS + _MONEY,
        (Prop("amountKrw", "int", unit="KRW", minimum=0),),
    ),
    RelType(
        "ALLOCATED_IN",
        "A budget appropriated in a budget event (e.g. a supplementary budget)",
        _MONEY,
        ("Event",),
    ),
    RelType("PROVIDED_BY", "Who provides the money of a budget or fund", _MONEY, _ORGS + _PLACES),
    RelType("SECURED", "Won a budget, fund or bid", _ORGS + _PLACES, _MONEY + _THINGS),
    RelType(
        "REQUESTED",
        "Asked for a budget, law or project",
        _ORGS + _PLACES,
        _MONEY + _THINGS + ("Policy",),
    ),
    RelType(
        "BIDS_FOR",
        "Competes to host a project or facility",
        _ORGS + _PLACES,
        _THINGS,
    ),
    RelType(
        "HOSTS",
        "A place hosts a cluster, facility, project or event",
        _PLACES + _ORGS,
        _THINGS + ("Event",),
    ),
    RelType(
        "HOLDS_ROLE",
        "A person's role in an organisation (set `role`)",
        ("Person",),
        _ORGS + _PLACES,
        (
            Prop("startYear", "int", minimum=1900, description="Year the role began"),
            Prop("endYear", "int", minimum=1900, description="Year the role ended"),
            Prop("termCount", "int", minimum=1, unit="terms", description="Terms served"),
        ),
    ),
    RelType("MEMBER_OF", "Membership of a party, legislature or body", ("Person",) + _ORGS, _ORGS),
    RelType(
        "PARTICIPATES_IN",
        "Takes part in a programme, project, agreement, event or strategy",
        _ORGS + _PLACES + ("Person",),
        _THINGS + ("Event", "Agreement", "Policy"),
    ),
    RelType(
        "TRAINS_FOR",
        "Trains people for an industry, cluster or place",
        ("Academy", "University", "Program"),
        _THINGS + _PLACES + _ORGS,
    ),
    RelType("SHOWCASED_AT", "A product shown at an event", ("Product",), ("Event",)),
    RelType(
        "ORGANIZES",
        "Organises or hosts an event or programme",
        _ORGS + _PLACES,
        ("Event", "Program"),
    ),
    RelType(
        "FOLLOWS",
        "Comes after: the next phase of a project",
        ("Project", "Program"),
        ("Project", "Program"),
    ),
    RelType(
        "SUPPORTS",
        "Gives support to a project, sector or organisation (a region: political support)",
        _ORGS + _THINGS + _MONEY + ("Policy", "Region"),
        _ALL,
    ),
    RelType("HAS_INDICATOR", "A measured number about an entity", _ALL, ("Indicator",)),
    RelType(
        "ANNOUNCED",
        "Made public a plan, strategy or result",
        _ORGS + ("Person",),
        _THINGS + _MONEY + ("Event", "Policy"),
    ),
    RelType(
        "COMPETES_WITH",
        "Competition for a bid or a market",
        _ORGS + _PLACES + ("Product", "Program"),
        _ORGS + _PLACES + ("Product", "Program"),
    ),
    RelType(
        "PURSUES",
        "Pursues or promotes a policy, strategy, goal or project (Korean 추진)",
        _ORGS + _PLACES + ("Person",),
        _THINGS + ("Policy",),
    ),
    RelType(
        "LOBBIES",
        "Persuades or holds consultations with a body or person for funding or policy",
        _ORGS + _PLACES + ("Person",),
        _ORGS + ("Person",),
    ),
    RelType(
        "COOPERATES_WITH",
        "Works together with a body or person towards a goal",
        _ORGS + _PLACES + ("Person",),
        _ORGS + _PLACES + ("Person",),
    ),
    RelType(
        "APPOINTED",
        "Appointed a person to a post (set `role`)",
        _ORGS + ("Person",),
        ("Person",),
        (Prop("year", "int", minimum=1900, description="Year of the appointment"),),
    ),
    RelType(
        "FOUNDED",
        "Founded, formed or set up an organisation, unit or fund",
        _ORGS + _PLACES + ("Person",),
        _ORGS + _MONEY,
    ),
    RelType(
        "REQUIRES",
        "A project still needs this approval or step before it can start",
        _THINGS,
        ("Event",),
    ),
)


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
            assert _find(COMMON_NODE_PROPS, p.name) is None, f"{t.label}.{p.name} shadows"
            assert re.fullmatch(r"[a-z][A-Za-z0-9]*", p.name), p.name


_check_schema()
