"""Every named query, run on the real embedded store over the shipped seed, answers right.

Each query has one check below (``@answers("name")``) asserting concrete rows; a query
without a check fails :func:`test_every_query_has_an_answer_check`. Counts that depend on
the whole seed are computed from the store's graph rather than written down.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest

from gkg.catalogue import Catalogue, builtin_dir
from gkg.errors import QueryError
from gkg.model import Path, Result
from gkg.present.tables import cell_text
from gkg.runner import run_query
from gkg.stores.base import GraphStore, whole_graph

CATALOGUE = Catalogue.from_dirs([builtin_dir()])
CHECKS: dict[str, Callable[[GraphStore], None]] = {}


def answers(name: str) -> Callable[[Callable[[GraphStore], None]], Callable[[GraphStore], None]]:
    """Register the check of query ``name``."""

    def register(check: Callable[[GraphStore], None]) -> Callable[[GraphStore], None]:
        CHECKS[name] = check
        return check

    return register


def run(store: GraphStore, name: str, **params: Any) -> Result:
    return run_query(store, CATALOGUE, name, params)


def rows(store: GraphStore, name: str, **params: Any) -> list[dict[str, Any]]:
    return run(store, name, **params).records()


def by(records: list[dict[str, Any]], key: str) -> dict[Any, dict[str, Any]]:
    return {r[key]: r for r in records}


CITY = "Gwangju Metropolitan City Government"


# --- infrastructure ---------------------------------------------------------------------


@answers("data-center")
def _data_center(store: GraphStore) -> None:
    (row,) = rows(store, "data-center")
    assert row["center"] == "National AI Data Center"
    assert (row["computePetaflops"], row["storagePetabytes"]) == (88.5, 107)
    assert row["hardware"] == ["NVIDIA H100"] and row["hardwareMakers"] == ["NVIDIA"]
    assert row["builtBy"] == ["NHN Cloud"] and row["location"] == ["Gwangju"]
    assert row["status"] == "in-operation"
    assert "Gwangju AI strategic projects (2025 1st supplementary budget)" in row["backedBy"]
    assert set(row["partOf"]) == {"AI Industry Convergence Cluster", "AI Cluster Phase 1"}
    for alias in ("국립AI데이터센터", "NATIONAL AI DATA CENTER", "Gwangju National AI Data Center"):
        assert rows(store, "data-center", center=alias) == [row]
    # spacing, case, Unicode form and British spelling do not matter (issue 12)
    for text in (
        "국가 AI 데이터센터",
        "National AI Data Centre",
        "ｎａｔｉｏｎａｌ-ai-data-center",
    ):
        assert rows(store, "data-center", center=text) == [row]


@answers("clusters")
def _clusters(store: GraphStore) -> None:
    found = by(rows(store, "clusters"), "cluster")
    car = found["National industrial cluster for future auto technologies"]
    assert (car["areaSquareKm"], car["totalCostKrw"], car["completionYear"]) == (
        3.3, 670_000_000_000, 2030,
    )  # fmt: skip
    assert car["backers"] == [CITY]
    lighting = found["Gwangju lighting cluster"]
    assert (lighting["companyCount"], lighting["researcherCount"]) == (300, 600)
    assert found["AI Industry Convergence Cluster"]["parts"] >= 6
    assert found["Semiconductor specialized complex"]["backers"] == [CITY]


@answers("cluster-parts")
def _cluster_parts(store: GraphStore) -> None:
    parts = by(rows(store, "cluster-parts"), "part")
    assert parts["National AI Data Center"]["via"] == ["AI Cluster Phase 1"]
    assert parts["AI Cluster Phase 1"]["totalCostKrw"] == 426_900_000_000
    demos = {p for p, r in parts.items() if r["type"] == "demonstration-center"}
    assert demos == {
        "Autonomous driving demonstration center",
        "Healthcare demonstration center",
        "Energy demonstration center",
    }
    assert parts["Large driving simulator (Gwangju AI cluster)"]["kind"] == "Facility"
    assert rows(store, "cluster-parts", cluster="AI집적단지") == list(parts.values())


@answers("bid-status")
def _bid_status(store: GraphStore) -> None:
    found = rows(store, "bid-status")
    bidders = {r["who"] for r in found if r["part"] == "bids to host it"}
    assert bidders == {CITY, "Gwangju public-private SPC for the National AI Computing Center"}
    tenders = {r["who"]: r["status"] for r in found if r["part"] == "tender"}
    assert tenders == {
        "National AI Computing Center first tender": "failed",
        "National AI Computing Center re-tender": "planned",
    }
    assert ("Ministry of Science and ICT", "pursues or announced it") in {
        (r["who"], r["part"]) for r in found
    }
    complex_bid = rows(store, "bid-status", target="semiconductor specialized complex")
    assert {(r["who"], r["part"]) for r in complex_bid} == {
        ("Yoon Suk Yeol administration", "pursues or announced it"),
        (CITY, "bids to host it"),
    }


# --- industry -----------------------------------------------------------------------------


@answers("mous-and-branches")
def _mous(store: GraphStore) -> None:
    found = rows(store, "mous-and-branches")
    counted = {(r["kind"], r["companyCount"], r["since"]) for r in found}
    assert ("MOU or agreement", 254, 2019) in counted
    assert ("branch or lab", 146, 2019) in counted
    assert ("attracted", 17, None) in counted
    attracted = {r["companies"] for r in found if r["kind"] == "attracted"}
    assert {"ASICLAND", "Government-led semiconductor research institute (Gwangju)"} <= attracted


@answers("ai-semiconductor-cluster")
def _semiconductors(store: GraphStore) -> None:
    result = run(store, "ai-semiconductor-cluster")
    assert all(isinstance(p, Path) for p in result.column("path"))
    ids = {n.id for n in result.nodes()}
    assert {"aim-gj-1", "gwangju-city-government", "ces-2025", "asicland", "tsmc"} <= ids
    chains = {cell_text(p): role for p, role in result.rows}
    assert chains[f"{CITY} -ATTRACTED-> ASICLAND -PARTNER_OF-> TSMC"] == (
        "partner of an attracted chip firm"
    )
    assert chains["Aim-GJ-1 -SHOWCASED_AT-> CES 2025"] == "where the chip was shown"
    assert f"{CITY} -BIDS_FOR-> Semiconductor specialized complex" in chains
    assert any(c.endswith("Fabless chip-design firms attracted to Gwangju") for c in chains)
    assert len(set(result.column("role"))) == 7


@answers("showcases")
def _showcases(store: GraphStore) -> None:
    (row,) = rows(store, "showcases")
    assert (row["event"], row["product"], row["type"]) == ("CES 2025", "Aim-GJ-1", "ai-chip")
    assert row["developedBy"] == [CITY]


@answers("partners")
def _partners(store: GraphStore) -> None:
    found = {(r["relation"], r["direction"], r["other"]) for r in rows(store, "partners")}
    assert found == {("PARTNER_OF", "outgoing", "TSMC"), ("ATTRACTED", "incoming", CITY)}
    tsmc = {
        (r["relation"], r["direction"], r["other"]) for r in rows(store, "partners", org="tsmc")
    }
    assert tsmc == {("PARTNER_OF", "incoming", "ASICLAND")}


@answers("companies")
def _companies(store: GraphStore) -> None:
    found = by(rows(store, "companies"), "company")
    assert {"ASICLAND", "TSMC", "NVIDIA", "NHN Cloud", "Kia"} <= set(found)
    assert found["NHN Cloud"]["does"] == ["BUILT National AI Data Center"]
    assert f"{CITY} ATTRACTED" in found["ASICLAND"]["receives"]
    assert found["Kia"]["locatedIn"] == ["Gwangju"]
    assert [r["company"] for r in rows(store, "companies", sector="FABLESS")] == ["ASICLAND"]


# --- money --------------------------------------------------------------------------------


@answers("funding")
def _funding(store: GraphStore) -> None:
    found = rows(store, "funding")
    flows = {(r["funder"], r["paysFor"]): r for r in found}
    valley = flows[
        (
            "AX Demonstration Valley budget secured through the 1st and 2nd supplementary budgets",
            "AX Demonstration Valley (AI Phase 2)",
        )
    ]
    assert (valley["flowKrw"], valley["year"], valley["status"]) == (
        50_000_000_000,
        2025,
        "secured",
    )
    training = flows[
        (
            "State funding for semiconductor specialist training (five years)",
            "Semiconductor specialist training at universities in Gwangju and Jeolla",
        )
    ]
    assert training["flowKrw"] == 44_500_000_000
    assert training["providedBy"] == ["Yoon Suk Yeol administration"]
    only = rows(store, "funding", entity="AX valley")
    assert [r["paysFor"] for r in only] == ["AX Demonstration Valley (AI Phase 2)"]
    assert (CITY, "Gwangju Sangsaeng Card") in flows  # the city's own money counts too


@answers("funding-totals")
def _funding_totals(store: GraphStore) -> None:
    found = {
        (r["kind"], r["scope"], r["year"], r["status"]): r for r in rows(store, "funding-totals")
    }
    # Gwangju's secured 2025 AI money is its own row: 15.3B and 50B KRW, which may share up
    # to 15.3B (the 50B came through the first and second supplementary budgets).
    ai = found[("allocation", "gwangju", 2025, "secured")]
    assert (ai["amountKrw"], ai["amountMinKrw"]) == (65_300_000_000, 50_000_000_000)
    assert ai["regions"] == ["Gwangju"] and ai["items"] == 2
    assert ai["overlap"].startswith("may share up to 15300000000 KRW")
    # nationwide programmes are apart: the 4.2T package (its lines are counted once)
    nationwide = found[("allocation", "nationwide", 2025, "secured")]
    assert nationwide["amountKrw"] == 4_200_000_000_000
    assert (nationwide["items"], nationwide["withoutAmount"]) == (2, 1)
    assert not any("Burden Relief Credit" in w for r in found.values() for w in r["what"])
    rail = found[("allocation", "multi-region", 2025, "secured")]
    assert rail["amountKrw"] == 17_800_000_000 and set(rail["regions"]) == {"Gwangju", "Daegu"}
    # money that never came is a row of its own, never added to what was secured
    assert found[("allocation", "gwangju", 2025, "failed")]["amountKrw"] == 1_000_000_000
    assert found[("fund", "gwangju", 2023, "planned")]["amountKrw"] == 500_000_000_000
    costs = {r["what"][0]: r for r in found.values() if r["kind"] == "project-cost"}
    assert costs["AI Cluster Phase 1"]["amountKrw"] == 426_900_000_000
    assert costs["AX Demonstration Valley (AI Phase 2)"]["amountKrw"] == 900_000_000_000
    assert all(r["scope"] != "unstated" for r in found.values())


@answers("budget-allocations")
def _allocations(store: GraphStore) -> None:
    found = rows(store, "budget-allocations")
    assert found[0]["budget"] == "Small-business support (2025 1st supplementary budget)"
    assert found[0]["amountKrw"] == 4_200_000_000_000
    amounts = [r["amountKrw"] for r in found if r["amountKrw"] is not None]
    assert amounts == sorted(amounts, reverse=True)
    ai = by(found, "budget")["Gwangju AI strategic projects (2025 1st supplementary budget)"]
    assert ai["amountKrw"] == 15_300_000_000
    assert "High-performance computing resource (GPU) support" in ai["paysFor"]
    assert ai["requestedBy"] == [CITY] and ai["securedBy"] == [CITY]
    second = rows(store, "budget-allocations", event="2차 추경")
    assert {r["status"] for r in second} >= {"failed"}


@answers("requests")
def _requests(store: GraphStore) -> None:
    found = rows(store, "requests")
    city = {r["request"]: r for r in found if r["requester"] == CITY}
    assert city["Proposal to create a Ministry of AI"]["status"] == "proposed"
    ai = city["Gwangju AI strategic projects (2025 1st supplementary budget)"]
    assert (ai["status"], ai["securedBy"]) == ("secured", [CITY])
    assert {r["requester"] for r in found if r["request"].startswith("Urban Rail")} == {
        "Gwangju",
        "Daegu",
    }
    assert {r["requester"] for r in rows(store, "requests", requester="Daegu")} == {"Daegu"}


@answers("lobbying")
def _lobbying(store: GraphStore) -> None:
    found = {(r["who"], r["how"], r["whom"]) for r in rows(store, "lobbying")}
    assert ("AI Industry Office (Gwangju City)", "lobbies", "National Assembly") in found
    members = {whom for who, how, whom in found if who == CITY and how == "cooperates with"}
    assert {"Ahn Dogeol", "Cho Incheol", "Yang Bunam"} <= members
    assembly = rows(store, "lobbying", entity="National Assembly")
    assert {r["whom"] for r in assembly} == {"National Assembly"}


# --- projects -----------------------------------------------------------------------------


@answers("projects")
def _projects(store: GraphStore) -> None:
    found = by(rows(store, "projects"), "project")
    valley = found["AX Demonstration Valley (AI Phase 2)"]
    assert (valley["phase"], valley["totalCostKrw"], valley["startYear"], valley["endYear"]) == (
        2, 900_000_000_000, 2025, 2029,
    )  # fmt: skip
    assert valley["follows"] == ["AI Cluster Phase 1"] and valley["status"] == "pending"
    assert found["AI Cluster Phase 1"]["totalCostKrw"] == 426_900_000_000
    pending = rows(store, "projects", status="pending")
    assert [r["project"] for r in pending] == ["AX Demonstration Valley (AI Phase 2)"]


@answers("pending-decisions")
def _pending(store: GraphStore) -> None:
    found = rows(store, "pending-decisions")
    valley = {
        r["waitingFor"]: r for r in found if r["project"] == "AX Demonstration Valley (AI Phase 2)"
    }
    assert set(valley) == {
        "Preliminary feasibility study exemption for the AX Demonstration Valley",
        "Cabinet resolution on the AX Demonstration Valley",
    }
    assert valley["Cabinet resolution on the AX Demonstration Valley"]["decidedBy"] == [
        "State Council (Cabinet meeting)"
    ]
    center = {r["waitingFor"]: r for r in found if r["project"] == "National AI Computing Center"}
    assert center["National AI Computing Center re-tender"]["status"] == "planned"
    assert f"selection of the bid by {CITY}" in center
    assert "National AI Computing Center first tender" not in center  # failed: decided
    kinds = Counter(r["kind"] for r in found)
    assert kinds["bid"] == 4 and kinds["law-proposal"] == 1 and kinds["project"] == 1


@answers("bids-and-wins")
def _bids(store: GraphStore) -> None:
    found = by(rows(store, "bids-and-wins"), "target")
    car = found["National industrial cluster for future auto technologies"]
    assert (car["outcome"], car["stakeKrw"]) == ("won", 670_000_000_000)
    assert found["Semiconductor specialized complex"]["outcome"] == "bidding"
    assert found["National AI Computing Center"]["outcome"] == "bidding"
    jeonnam = rows(store, "bids-and-wins", bidder="전남")
    assert [(r["target"], r["outcome"]) for r in jeonnam] == [
        ("Haenam Solaseado data center", "bidding")
    ]


# --- talent, people -----------------------------------------------------------------------


@answers("talent-pipeline")
def _talent(store: GraphStore) -> None:
    found = rows(store, "talent-pipeline")
    figures = {(r["part"], r["figure"]): (r["value"], r["unit"]) for r in found if r["figure"]}
    academy = "Gwangju AI Academy"
    assert figures[(academy, "AI Academy graduates since opening")] == (1221, "people")
    assert figures[(academy, "AI Academy graduates employed or founding a start-up")] == (
        68, "percent",
    )  # fmt: skip
    assert {v for (p, _), v in figures.items() if p == "GCC Academy"} == {
        (132, "people"), (140, "people"),
    }  # fmt: skip
    strategy = "Gwangju 2030 Talent Development Strategy"
    assert figures[(strategy, "Specialists to train by 2030 (target)")] == (810_000, "people")
    feeders = {r["part"] for r in found if strategy in r["feeds"]}
    assert {"Chonnam National University", "Chosun University"} <= feeders


@answers("startup-ecosystem")
def _startups(store: GraphStore) -> None:
    found = rows(store, "startup-ecosystem")
    camp = {r["figure"]: r["value"] for r in found if r["part"] == "AI Start-up Camp"}
    assert camp == {
        "Resident companies of the AI Start-up Camps": 75,
        "Private investment attracted by the AI Start-up Camps": 109_800_000_000,
        "Jobs created by the AI Start-up Camps": 1135,
    }
    parts = by(found, "part")
    assert parts["Gwangju start-up innovation fund"]["amountKrw"] == 500_000_000_000
    assert parts["Gwangju Station start-up valley"]["completionYear"] == 2025
    assert parts["AI Start-up Camp No. 2"]["partOf"] == ["AI Start-up Camp"]
    assert "Indicator" not in {r["kind"] for r in found}


@answers("people")
def _people(store: GraphStore) -> None:
    kang = rows(store, "people", person="강기정")
    roles = {r["role"]: r for r in kang}
    assert set(roles) == {
        "Mayor of Gwangju",
        "Member of the National Assembly for a Gwangju constituency",
        "Senior Presidential Secretary for Political Affairs",
    }
    assert roles["Mayor of Gwangju"]["since"] == 2022
    assert roles["Member of the National Assembly for a Gwangju constituency"]["terms"] == 3
    assert roles["Senior Presidential Secretary for Political Affairs"]["appointedBy"] == [
        "Moon Jae-in"
    ]
    assert [r["since"] for r in kang] == [2004, 2019, 2022]
    # roles end: Kang is no longer a lawmaker or a presidential secretary (issue 12)
    assert {r["role"] for r in kang if not r["ended"]} == {"Mayor of Gwangju"}
    assembly = roles["Member of the National Assembly for a Gwangju constituency"]
    assert (assembly["until"], assembly["validToPrecision"]) == (2019, "before")
    lawmakers = {
        r["person"]
        for r in rows(store, "people")
        if r["organisation"] == "National Assembly" and not r["ended"]
    }
    assert lawmakers == {"Ahn Dogeol", "Cho Incheol", "Yang Bunam"}
    everyone = {r["person"] for r in rows(store, "people")}
    assert {"Kang Ki-jeong", "Park Jun-hee", "Ahn Dogeol", "Lee Jae-myung"} <= everyone


@answers("organisation")
def _organisation(store: GraphStore) -> None:
    units = by(rows(store, "organisation"), "unit")
    assert set(units) == {
        "Gwangju City Yeouido office",
        "AI Industry Office (Gwangju City)",
        "National Funding Strategy Team (Gwangju City)",
        "AI Semiconductor Division (Gwangju City)",
    }
    assert units["Gwangju City Yeouido office"]["people"] == ["Kang Ki-jeong"]
    assert units["AI Semiconductor Division (Gwangju City)"]["foundedBy"] == [CITY]
    assert "LOBBIES National Assembly" in units["AI Industry Office (Gwangju City)"]["does"]


# --- sources ------------------------------------------------------------------------------


def _own_label(labels: tuple[str, ...]) -> str:
    return next(label for label in labels if label != "Entity")


@answers("sources")
def _sources(store: GraphStore) -> None:
    found = by(rows(store, "sources"), "id")
    assert set(found) == {
        "asiae-2025-05-02", "herald-2023-06-05", "asiae-2022-gwanak", "jnilbo-2025",
    }  # fmt: skip
    nodes, rels = whole_graph(store)
    for source_id, row in found.items():
        cited = [
            n
            for n in nodes
            if n.label != "SourceDocument" and source_id in n.properties["sourceIds"]
        ]
        assert row["nodes"] == len(cited)
        assert row["relationships"] == sum(source_id in r.properties["sourceIds"] for r in rels)
    assert found["herald-2023-06-05"]["publisher"] == "The Korea Herald"


@answers("source-facts")
def _source_facts(store: GraphStore) -> None:
    found = rows(store, "source-facts")
    counts = by(rows(store, "sources"), "id")["herald-2023-06-05"]
    assert Counter(r["element"] for r in found) == {
        "node": counts["nodes"],
        "relationship": counts["relationships"],
    }
    assert all(r["quotes"] for r in found)
    facts = {r["fact"]: r for r in found}
    built = facts["NHN Cloud -BUILT-> National AI Data Center"]
    assert any("NHN Cloud is building" in q for q in built["quotes"])
    assert facts["Kang Ki-jeong"]["kind"] == "Person"
    korean = rows(store, "source-facts", source="jnilbo-2025")
    assert any("88.5PF" in q for r in korean for q in r["quotes"])


@answers("single-source-facts")
def _single_source(store: GraphStore) -> None:
    found = rows(store, "single-source-facts")
    nodes, rels = whole_graph(store)
    single_nodes = [
        n for n in nodes if n.label != "SourceDocument" and len(set(n.properties["sourceIds"])) == 1
    ]
    single_rels = [r for r in rels if len(set(r.properties["sourceIds"])) == 1]
    assert Counter(r["element"] for r in found) == {
        "node": len(single_nodes),
        "relationship": len(single_rels),
    }
    multi = {n.properties["name"] for n in nodes if len(set(n.properties["sourceIds"])) > 1}
    assert multi and not multi & {r["fact"] for r in found}
    budgets = rows(store, "single-source-facts", kind="Budget")
    assert budgets and {r["kind"] for r in budgets} == {"Budget"}
    assert {r["kind"] for r in rows(store, "single-source-facts", kind="FUNDS")} == {"FUNDS"}


@answers("stale-facts")
def _stale(store: GraphStore) -> None:
    found = rows(store, "stale-facts")
    assert found and all(r["lastStated"] < "2024-01-01" for r in found)
    facts = {r["fact"]: r for r in found}
    # the population figure is for 2014, but its source was published in 2023
    assert facts["Population of Gwangju (2014)"]["lastStated"] == "2023-06-05"
    assert "jnilbo-2025" not in {s for r in found for s in r["sources"]}
    assert "National AI Data Center" not in facts  # restated in 2025
    nodes, rels = whole_graph(store)
    expected = sum(
        1
        for n in nodes
        if n.label != "SourceDocument" and n.properties["lastStated"] < "2024-01-01"
    ) + sum(1 for r in rels if r.properties["lastStated"] < "2024-01-01")
    assert len(found) == expected
    assert {r["sources"][0] for r in rows(store, "stale-facts", before="2023")} == {
        "asiae-2022-gwanak"
    }


@answers("changes")
def _changes(store: GraphStore) -> None:
    found = rows(store, "changes", **{"from": "2023-06-01", "to": "2025-12-31"})
    updated = {(r["subject"], r["fact"]): r for r in found if r["change"] == "updated"}
    center = updated[("national-ai-data-center", "status")]
    assert (center["oldValue"], center["oldSource"], center["oldDate"]) == (
        "under-construction", "herald-2023-06-05", "2023-06-05",
    )  # fmt: skip
    assert (center["newValue"], center["newSource"]) == ("in-operation", "asiae-2025-05-02")
    count = updated[("ind-gwangju-ai-company-count", "value")]
    assert count["oldValue"].startswith("100") and "more-than" in count["oldValue"]
    assert (count["oldSource"], count["newSource"]) == ("herald-2023-06-05", "jnilbo-2025")
    assert count["newValue"].startswith("146")
    # a later source restating a value is not a change
    assert not [r for r in found if r["fact"] == "status" and r["newSource"] == "jnilbo-2025"
                and r["subject"] == "national-ai-data-center"]  # fmt: skip
    added = {r["subject"] for r in found if r["change"] == "added"}
    assert {"acting-government-2025", "ax-valley-supplementary-budget"} <= added
    assert not {"gwanak-gu", "park-jun-hee"} & added  # first stated in 2022
    early = rows(store, "changes", **{"from": "2022-01-01", "to": "2022-12-31"})
    assert early and all(r["newSource"] == "asiae-2022-gwanak" for r in early)


@answers("conflicts")
def _conflicts(store: GraphStore) -> None:
    found = rows(store, "conflicts")
    status = [
        r for r in found if (r["subject"], r["fact"]) == ("national-ai-data-center", "status")
    ]
    assert {(r["value"], r["source"], r["current"]) for r in status} == {
        ("under-construction", "herald-2023-06-05", False),
        ("in-operation", "asiae-2025-05-02", False),
        ("in-operation", "jnilbo-2025", True),
    }
    assert all(r["quote"] for r in found)
    count = {r["value"][:3]: r for r in found if r["subject"] == "ind-gwangju-ai-company-count"}
    assert count["100"]["current"] is False and count["146"]["current"] is True
    assert count["146"]["inferred"] is True
    # each fact has exactly one current claim
    current = Counter((r["subject"], r["fact"]) for r in found if r["current"])
    assert set(current.values()) == {1}


@answers("history")
def _history(store: GraphStore) -> None:
    found = rows(store, "history")
    status = [(r["stated"], r["value"], r["current"]) for r in found if r["what"] == "status"]
    assert status == [
        ("2023-06-05", "under-construction", False),
        ("2025-05-02", "in-operation", False),
        ("2025-07-04", "in-operation", True),
    ]
    cited = [r["source"] for r in found if r["what"] == "cited"]
    assert cited == sorted(set(cited), key=cited.index)  # each source once
    assert {"herald-2023-06-05", "asiae-2025-05-02", "jnilbo-2025"} == set(cited)
    built = [r for r in found if r["what"] == "BUILT"]
    assert built and all(r["inferred"] is True for r in built)
    kang = rows(store, "history", entity="Kang Gi-jung")
    roles = {r["subject"]: r for r in kang if r["what"] == "HOLDS_ROLE"}
    assembly = roles["Kang Ki-jeong -HOLDS_ROLE-> National Assembly"]
    assert (assembly["validFrom"], assembly["validTo"]) == ("2004-01-01", "2019-12-31")


# --- explore ------------------------------------------------------------------------------


@answers("entity")
def _entity(store: GraphStore) -> None:
    card = {r["property"]: r["value"] for r in rows(store, "entity")}
    assert card["labels"] == ["Company"] and card["id"] == "asicland"
    assert (card["name"], card["nameKo"], card["sector"]) == ("ASICLAND", "에이직랜드", "fabless")
    assert "lookupKeys" not in card and "loadRun" not in card
    assert card["sourceIds"] == ["jnilbo-2025"]
    assert {r["property"]: r["value"] for r in rows(store, "entity", entity="AsicLand")} == card


@answers("neighbourhood")
def _neighbourhood(store: GraphStore) -> None:
    one = run(store, "neighbourhood")
    assert set(one.column("reaches")) == {"TSMC", CITY}
    assert {cell_text(p) for p in one.column("path")} == {
        "ASICLAND -PARTNER_OF-> TSMC",
        f"ASICLAND <-ATTRACTED- {CITY}",
    }
    two = run(store, "neighbourhood", depth=2)
    assert max(two.column("steps")) == 2 and two.column("steps") == sorted(two.column("steps"))
    assert {"Aim-GJ-1", "AI Semiconductor Division (Gwangju City)"} <= set(two.column("reaches"))


@answers("connection")
def _connection(store: GraphStore) -> None:
    result = run(store, "connection", **{"from": "ASICLAND", "to": "TSMC"})
    assert cell_text(result.rows[-1][result.columns.index("path")]) == "ASICLAND -PARTNER_OF-> TSMC"
    longer = run(store, "connection")
    path = longer.rows[-1][longer.columns.index("path")]
    assert isinstance(path, Path)
    assert (path.nodes[0].id, path.nodes[-1].id) == ("asicland", "nvidia")
    assert len(path.relationships) >= 3
    korean = run(store, "connection", **{"from": "에이직랜드", "to": "TSMC", "lang": "ko"})
    assert korean.rows[-1][korean.columns.index("relationship")] == "에이직랜드 -PARTNER_OF-> TSMC"


@answers("centrality")
def _centrality(store: GraphStore) -> None:
    top = rows(store, "centrality", top=3)
    assert len(top) == 3 and top[0]["id"] == "gwangju-city-government"
    assert rows(store, "centrality", top=1, by="betweenness")[0]["id"] == "gwangju-city-government"


@answers("components")
def _components(store: GraphStore) -> None:
    found = rows(store, "components")
    sizes = [r["size"] for r in found]
    assert sizes == sorted(sizes, reverse=True) and len(found) >= 2
    nodes, _ = whole_graph(store)
    assert sum(sizes) == sum(1 for n in nodes if n.label != "SourceDocument")


@answers("communities")
def _communities(store: GraphStore) -> None:
    found = rows(store, "communities")
    assert len(found) >= 3
    assert rows(store, "communities") == found  # seeded: the same groups every time


@answers("timeline")
def _timeline(store: GraphStore) -> None:
    found = rows(store, "timeline")
    years = [r["year"] for r in found]
    assert years == sorted(years)
    items = {(r["year"], r["subject"], r["happening"]) for r in found}
    assert (2020, "Gwangju AI Academy", "founded") in items
    assert (2029, "AX Demonstration Valley (AI Phase 2)", "ends") in items
    assert (
        2004,
        "Kang Ki-jeong -HOLDS_ROLE-> National Assembly",
        "Member of the National Assembly for a Gwangju constituency",
    ) in items
    dated = {r["subject"]: r["date"] for r in found if r["happening"] == "published"}
    assert dated["Gwangju, Korea's next high-tech hub: mayor"] == "2023-06-05"
    window = rows(store, "timeline", **{"from": 2019, "to": 2020})
    assert window and {r["year"] for r in window} == {2019, 2020}


@answers("search")
def _search(store: GraphStore) -> None:
    ids = {r["id"] for r in rows(store, "search")}
    assert {"semiconductor-specialized-complex", "ai-semiconductor-division"} <= ids
    korean = {r["id"]: r for r in rows(store, "search", text="반도체")}
    assert set(korean) == {"ai-semiconductor-division", "aim-gj-1"}
    assert korean["aim-gj-1"]["matched"] == ["광주형ai반도체"]
    # look-up keys ignore spacing, case and Unicode form (issue 12)
    spaced = {r["id"] for r in rows(store, "search", text="광주 AI 사관학교")}
    assert spaced == {"ai-academy"}
    assert "national-ai-data-center" in {
        r["id"] for r in rows(store, "search", text="National AI Data Centre")
    }


@answers("overview")
def _overview(store: GraphStore) -> None:
    found = {(r["element"], r["kind"]): r["count"] for r in rows(store, "overview")}
    nodes, rels = whole_graph(store)
    assert {k: v for (e, k), v in found.items() if e == "node"} == Counter(
        _own_label(n.labels) for n in nodes
    )
    assert {k: v for (e, k), v in found.items() if e == "relationship"} == Counter(
        r.type for r in rels
    )
    assert found[("node", "SourceDocument")] == 4


@answers("indicators")
def _indicators(store: GraphStore) -> None:
    found = {r["metric"]: r["value"] for r in rows(store, "indicators")}
    assert found == {
        "aiTaskSupportCount": 2200,
        "revenueGenerated": 99_600_000_000,
        "patentApplicationCount": 788,
        "jobsCreatedCount": 2173,
    }
    academy = {r["metric"]: r for r in rows(store, "indicators", entity="AI Academy")}
    assert academy["graduateCount"]["value"] == 1221
    assert academy["graduateCount"]["sinceYear"] == 2020


@answers("figures")
def _figures(store: GraphStore) -> None:
    jobs = {r["about"]: r["value"] for r in rows(store, "figures", metric="jobs")}
    assert jobs == {"National AI Data Center": 2173, "AI Start-up Camp": 1135}
    nodes, _ = whole_graph(store)
    assert len(rows(store, "figures")) == sum(1 for n in nodes if n.label == "Indicator")


@answers("in-region")
def _in_region(store: GraphStore) -> None:
    found = {(r["what"], r["how"]): r for r in rows(store, "in-region")}
    assert found[("AI Industry Convergence Cluster", "located in")]["where"] == (
        "Cheomdan 3 District"
    )
    assert ("National AI Data Center", "located in") in found and ("Kia", "located in") in found
    assert ("Gwangju lighting cluster", "hosted") in found
    gwanak = {r["what"] for r in rows(store, "in-region", region="Gwanak")}
    assert "Gwanak-gu Office" in gwanak and "Kia" not in gwanak


# --- policy -------------------------------------------------------------------------------


@answers("policies")
def _policies(store: GraphStore) -> None:
    found = by(rows(store, "policies"), "policy")
    talent = found["Gwangju 2030 Talent Development Strategy"]
    assert talent["targetYear"] == 2030 and talent["championedBy"] == [CITY]
    assert "Regional Innovation System & Education (RISE)" in talent["supportedBy"]
    assert found["Proposal to create a Ministry of AI"]["status"] == "proposed"
    balanced = found["Balanced regional development"]["championedBy"]
    assert {"Roh Moo-hyun administration", "Lee Jae-myung government"} <= set(balanced)


@answers("programmes")
def _programmes(store: GraphStore) -> None:
    found = by(rows(store, "programmes"), "programme")
    gpu = found["High-performance computing resource (GPU) support"]
    assert set(gpu["backedBy"]) == {
        "National AI Data Center",
        "Gwangju AI strategic projects (2025 1st supplementary budget)",
    }
    loans = {r["programme"] for r in rows(store, "programmes", type="loan")}
    assert "2022 Gwanak-gu SME Development Fund Loan Support" in loans
    assert all(r["type"] == "loan" for r in rows(store, "programmes", type="loan"))


# --- graph-shaped companions ------------------------------------------------------------


def chains(store: GraphStore, name: str, **params: Any) -> set[tuple[str, str, str]]:
    """(start id, type, end id) of every relationship in a graph-shaped answer."""
    result = run(store, name, **params)
    assert CATALOGUE.get(name).result == "graph"
    return {(r.start, r.type, r.end) for r in result.relationships()}


@answers("funding-graph")
def _funding_graph(store: GraphStore) -> None:
    flows = chains(store, "funding-graph")
    assert any(t == "SECURED" and a == "gwangju-city-government" for a, t, _ in flows)
    assert any(t == "ALLOCATED_IN" and b == "supplementary-budget-2025-1" for a, t, b in flows)
    assert any(t == "PROVIDED_BY" for _, t, _ in flows)
    national = chains(store, "funding-graph", source="national")
    assert national and national < flows
    seoul = {a for a, t, b in flows if b == "seoul-metropolitan-government"}
    assert not seoul & {a for a, _, _ in national}


@answers("talent-graph")
def _talent_graph(store: GraphStore) -> None:
    links = chains(store, "talent-graph")
    academy = {(t, b) for a, t, b in links if a == "ai-academy"}
    assert ("TRAINS_FOR", "gwangju") in academy
    assert sum(1 for t, _ in academy if t == "HAS_INDICATOR") == 2
    assert ("gwangju-city-government", "SUPPORTS", "ai-academy") in links
    assert {a for a, t, _ in links if t == "PARTICIPATES_IN"} >= {
        "chonnam-national-university", "chosun-university",
    }  # fmt: skip


@answers("people-graph")
def _people_graph(store: GraphStore) -> None:
    result = run(store, "people-graph")
    links = {(r.start, r.type, r.end) for r in result.relationships()}
    assert ("moon-jae-in", "APPOINTED", "kang-ki-jeong") in links
    kang = {(t, b) for a, t, b in links if a == "kang-ki-jeong"}
    assert ("HOLDS_ROLE", "gwangju-city-government") in kang
    assert ("HOLDS_ROLE", "national-assembly") in kang
    assert len(result.rows) == len(set(map(str, result.rows)))  # each path once


@answers("pending-graph")
def _pending_graph(store: GraphStore) -> None:
    links = chains(store, "pending-graph")
    valley = {(t, b) for a, t, b in links if a == "ax-demonstration-valley"}
    assert ("REQUIRES", "ax-valley-feasibility-exemption") in valley
    assert ("REQUIRES", "ax-valley-cabinet-resolution") in valley
    bidders = {a for a, t, b in links if t == "BIDS_FOR" and b == "national-ai-computing-center"}
    assert "gwangju-city-government" in bidders


# --- the tests ----------------------------------------------------------------------------


def test_every_query_has_an_answer_check() -> None:
    assert set(CHECKS) == set(CATALOGUE.names())


@pytest.mark.parametrize("name", CATALOGUE.names())
def test_query_answers_on_the_seed(seed_store: GraphStore, name: str) -> None:
    result = run(seed_store, name)  # default parameters
    assert result.rows, f"{name} returned no rows with its defaults"
    CHECKS[name](seed_store)


def test_queries_work_on_the_small_fixture_too(small_store: GraphStore) -> None:
    (center,) = rows(small_store, "data-center")
    assert (center["hardware"], center["builtBy"]) == (["NVIDIA H100"], ["NHN Cloud"])
    (flow,) = rows(small_store, "funding")
    assert (flow["flowKrw"], flow["paysFor"]) == (15_300_000_000, "National AI Data Center")
    counts = {(r["element"], r["kind"]): r["count"] for r in rows(small_store, "overview")}
    assert counts[("node", "Company")] == 2 and counts[("relationship", "BUILT")] == 1


def test_an_entity_parameter_that_names_nothing_is_a_clear_error(seed_store: GraphStore) -> None:
    with pytest.raises(QueryError, match=r"no entity with id, name or alias 'asicalnd'.*ASICLAND"):
        run(seed_store, "partners", org="asicalnd")
