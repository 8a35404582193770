"""Answer checks of the queries about facts in time and money (issue 12): changes,
conflicts, history, stale facts and funding totals, on the shipped seed."""

from __future__ import annotations

from collections import Counter

from gkg.stores.base import GraphStore, whole_graph
from tests.helpers.query_checks import answers, rows


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
