"""Facts in time in data/seed.yaml (issue 12): earlier claims kept beside later ones,
one node per administration, money scope, failed requests, roles that end, inference
reasons, sources once, names that resolve however they are written. No database needed."""

from __future__ import annotations

from typing import Any

from tests import test_seed_facts as facts

# the seed read as written and through the validator (fixtures of tests/test_seed_facts.py)
seed, validated, nodes, rels = facts.seed, facts.validated, facts.nodes, facts.rels
_claims, _has_rel = facts._claims, facts._has_rel


def _values(item: dict, prop: str) -> list[tuple[Any, set[str]]]:
    return [(c["value"], {s["doc"] for s in c["sources"]}) for c in _claims(item, prop)]


def test_earlier_claims_are_kept_beside_later_ones(seed):
    raw = {n["id"]: n for n in seed["nodes"]}
    center = raw["national-ai-data-center"]
    assert _values(center, "status") == [
        ("under-construction", {"herald-2023-06-05"}),
        ("in-operation", {"asiae-2025-05-02", "jnilbo-2025"}),
    ]
    planned = center["plannedOpeningDate"]
    assert (str(planned["value"]), planned["inferred"]) == ("2023-10", True)
    assert {s["doc"] for s in center["computePetaflops"]["sources"]} == {"jnilbo-2025"}
    count = raw["ind-gwangju-ai-company-count"]
    assert "ind-gwangju-ai-company-count-2023" in count["aliases"]
    assert _values(count, "value") == [(100, {"herald-2023-06-05"}), (146, {"jnilbo-2025"})]
    assert _claims(count, "value")[0]["valueQualifier"] == "more-than"


def test_current_values_are_the_latest_claims(nodes):
    assert nodes["national-ai-data-center"]["status"] == "in-operation"
    count = nodes["ind-gwangju-ai-company-count"]
    assert count["value"] == 146 and "valueQualifier" not in count


def test_one_node_per_administration(nodes, rels):
    assert "government-of-korea" not in nodes
    terms = {
        n["id"]: (n.get("validFrom"), n.get("validTo"))
        for n in nodes.values()
        if n.get("bodyType") == "national-government"
    }
    assert terms == {
        "roh-moo-hyun-administration": (None, "2023-06-05"),
        "moon-jae-in-administration": ("2019-12-31", "2023-06-05"),
        "yoon-suk-yeol-administration": ("2023-06-05", "2025-07-04"),
        "acting-government-2025": ("2025-05-02", "2025-07-04"),
        "lee-jae-myung-government": ("2025-07-04", None),
    }
    assert nodes["acting-government-2025"]["inferred"] is True
    assert _has_rel(
        rels, "ANNOUNCED", "yoon-suk-yeol-administration", "semiconductor-specialized-complex"
    )
    assert _has_rel(rels, "ORGANIZES", "acting-government-2025", "supplementary-budget-2025-1")
    assert _has_rel(rels, "PROVIDED_BY", "budget-2025-supp1-gwangju-ai", "acting-government-2025")


def test_every_amount_has_a_scope_and_its_regions(nodes, rels):
    amounts = [n for n in nodes.values() if n["label"] in ("Budget", "Fund") or "totalCostKrw" in n]
    assert len(amounts) >= 20
    for n in amounts:
        assert n.get("scope") in ("gwangju", "multi-region", "other-region", "nationwide"), n["id"]
        if n["scope"] != "nationwide":
            assert any(r["type"] == "BENEFITS" and r["from"] == n["id"] for r in rels), n["id"]
    assert nodes["budget-2025-supp1-small-business"]["scope"] == "nationwide"
    assert nodes["budget-2025-supp1-urban-rail-network"]["scope"] == "multi-region"
    assert _has_rel(
        rels, "MAY_OVERLAP", "ax-valley-supplementary-budget", "budget-2025-supp1-gwangju-ai",
        maxOverlapKrw=15_300_000_000,
    )  # fmt: skip


def test_failed_requests_are_not_money_flows(nodes, rels):
    failed = {n["id"] for n in nodes.values() if n.get("status") in ("failed", "cancelled")}
    assert "ai-mobility-pilot-city-study-budget" in failed
    flows = [r for r in rels if r["type"] in ("FUNDS", "ALLOCATED_IN") and r["from"] in failed]
    assert flows == []
    assert _has_rel(
        rels,
        "NOT_ALLOCATED_IN",
        "ai-mobility-pilot-city-study-budget",
        "supplementary-budget-2025-2",
    )
    assert _has_rel(
        rels,
        "REQUESTED_FOR",
        "ai-mobility-pilot-city-study-budget",
        "ai-mobility-national-pilot-city",
    )


def test_kang_s_earlier_roles_end(rels):
    roles = {r["to"]: r for r in rels if r["type"] == "HOLDS_ROLE" and r["from"] == "kang-ki-jeong"}
    assembly = roles["national-assembly"]
    assert (assembly["validFrom"], assembly["validTo"], assembly["validToPrecision"]) == (
        "2004-01-01", "2019-12-31", "before",
    )  # fmt: skip
    secretary = roles["moon-jae-in-administration"]
    assert (secretary["validFrom"], secretary["validTo"]) == ("2019-01-01", "2022-07-31")
    assert roles["gwangju-city-government"]["validFrom"] == "2022-07-01"
    assert "validTo" not in roles["gwangju-city-government"]


def test_inferences_are_marked_with_a_reason(seed, nodes, rels):
    def marked(item: dict) -> bool:
        return item.get("inferred") is True and bool(item.get("inferenceReason"))

    assert marked(next(r for r in rels if r["type"] == "DEVELOPS" and r["to"] == "aim-gj-1"))
    assert marked(
        next(r for r in rels if r["type"] == "BUILT" and r["to"] == "national-ai-data-center")
    )
    raw = {n["id"]: n for n in seed["nodes"]}
    assert marked(_claims(raw["national-ai-data-center"], "status")[0])
    assert marked(raw["gwangju-station-startup-valley"]["status"])
    assert marked(raw["kia"]["nameKo"]) and nodes["kia"]["nameKo"] == "기아"
    assert nodes["ai-cluster-phase-1"]["status"] == "in-progress"

    # every inference anywhere in the seed gives its reason
    def walk(value: Any) -> None:
        if isinstance(value, dict):
            if value.get("inferred"):
                assert value.get("inferenceReason"), value
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(seed)


def test_sources_are_listed_once_per_element(validated):
    from gkg.loaders.knowledge import element_meta

    for record in [*validated.nodes, *validated.relationships]:
        meta = element_meta(record, validated.source_dates)
        assert len(meta["sourceIds"]) == len(set(meta["sourceIds"])), record.id
        assert len(meta["sourceQuotes"]) == len(meta["quoteSourceIds"])
    future = next(n for n in validated.nodes if n.id == "future-car-cluster")
    assert element_meta(future, validated.source_dates)["sourceIds"] == ["herald-2023-06-05"]


def test_names_resolve_whatever_their_spacing_case_or_spelling(validated):
    from gkg.loaders.knowledge import lookup_keys
    from gkg.names import lookup_key

    keys = {n.id: lookup_keys(n.id, n.props) for n in validated.nodes}
    for text, expected in (
        ("국가 AI 데이터센터", "national-ai-data-center"),
        ("National AI Data Centre", "national-ai-data-center"),
        ("광주 AI 사관학교", "ai-academy"),
        ("Kang Gi-jung", "kang-ki-jeong"),
    ):
        assert [i for i, k in keys.items() if lookup_key(text) in k] == [expected], text


def test_no_relationship_waits_for_a_later_end(validated):
    """Every relationship is known from its own earliest source: no end is first stated
    later (else the relationship would vanish from as-of views its source belongs to)."""
    known = {n.id: n.first_stated for n in validated.nodes}
    dates = validated.source_dates
    late = [
        r.id
        for r in validated.relationships
        if min(dates[s] for s in r.source_ids) < max(known[r.start], known[r.end])
    ]
    assert late == []
