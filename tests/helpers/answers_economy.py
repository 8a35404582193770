"""Answer checks: infrastructure, industry, money and projects."""

from __future__ import annotations

from collections import Counter

from gkg.model import Path
from gkg.present.tables import cell_text
from gkg.stores.base import GraphStore
from tests.helpers.query_checks import CITY, answers, by, rows, run

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
