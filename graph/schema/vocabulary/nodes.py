"""The node labels of the Gwangju AI ecosystem and the properties each may carry."""

from __future__ import annotations

from gkg.schema.machinery import NodeType, Prop

_AMOUNT = Prop("amountKrw", "int", unit="KRW", minimum=0, description="Amount in won")
_YEAR = Prop("year", "int", minimum=1900, description="Calendar or fiscal year")
#: Who benefits from an amount of money (whose money it is: ``fundingSource``, PROVIDED_BY).
SCOPES = ("gwangju", "multi-region", "other-region", "nationwide")
_SCOPE = Prop(
    "scope",
    choices=SCOPES,
    description="Who benefits: Gwangju; several regions including Gwangju (multi-region); "
    "another region; the whole country. The regions named: BENEFITS",
)
_AMOUNT_KIND = Prop(
    "amountKind",
    choices=("allocation", "fund", "guarantee", "loan-programme"),
    description="What sort of money: a budget allocation, a standing fund, a guarantee, loans",
)

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
            Prop("plannedOpeningDate", "when", description="When it was due to open"),
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
            _SCOPE,
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
            _SCOPE,
        ),
    ),
    NodeType(
        "Budget",
        "An appropriation of money for a purpose, with its year and funding source",
        (
            _AMOUNT,
            _YEAR,
            Prop("fundingSource", description="e.g. national, city, district, private"),
            _SCOPE,
            _AMOUNT_KIND,
        ),
    ),
    NodeType(
        "Fund",
        "A standing fund (investment, guarantee or development fund)",
        (_AMOUNT, _YEAR, Prop("fundingSource"), _SCOPE, _AMOUNT_KIND),
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
