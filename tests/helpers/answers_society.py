"""Answer checks: talent and people, sources, exploring, network, policy, and the
graph-shaped companions of table queries."""

from __future__ import annotations

from collections import Counter

from gkg.model import Path
from gkg.present.tables import cell_text
from gkg.stores.base import GraphStore, whole_graph
from tests.helpers.query_checks import CITY, answers, by, chains, rows, run

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
