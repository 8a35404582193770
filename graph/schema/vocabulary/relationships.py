"""The relationship types of the Gwangju AI ecosystem: what may link to what."""

from __future__ import annotations

from gkg.schema.machinery import SOURCE_LABEL, Prop, RelType
from gkg.schema.vocabulary.nodes import NODE_TYPES

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
_ALL = tuple(t.label for t in NODE_TYPES if t.label != SOURCE_LABEL)

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
    RelType(
        "BENEFITS",
        "The region an amount of money or a project is for",
        _MONEY + ("Project", "Cluster", "Program"),
        _PLACES,
    ),
    RelType(
        "MAY_OVERLAP",
        "Two amounts that may share money (the sources leave open how much)",
        _MONEY,
        _MONEY,
        (
            Prop(
                "overlapKind",
                choices=("may-contain", "may-overlap"),
                description="may-contain: the first may contain part or all of the second",
            ),
            Prop("maxOverlapKrw", "int", unit="KRW", minimum=0, description="Most they share"),
        ),
    ),
    RelType(
        "NOT_ALLOCATED_IN",
        "A requested budget left out of a budget event (a failed request)",
        _MONEY,
        ("Event",),
    ),
    RelType(
        "REQUESTED_FOR",
        "What a requested (perhaps never granted) amount was for",
        _MONEY,
        _THINGS + ("Policy",),
    ),
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
        (Prop("termCount", "int", minimum=1, unit="terms", description="Terms served"),),
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
