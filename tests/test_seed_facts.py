"""Facts of data/seed.yaml: quotes are verbatim, key numbers are right, everything is cited.

No database needed. The source articles live outside the repository (they are copyrighted),
in ``<repo's parent>/shared/seeds`` (or ``GKG_ARTICLES``); the quote check is skipped when
that folder is missing. Properties written as claims (see the README, "Facts in time") are
read through the validator, so ``nodes[...]["status"]`` is the value current today.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "data" / "seed.yaml"
ARTICLES = Path(
    os.environ.get("GKG_ARTICLES") or Path(__file__).resolve().parents[2] / "shared" / "seeds"
)

_WS = re.compile(r"\s+")


def _squash(text: str) -> str:
    """Remove all whitespace (article 003 lost its line breaks and spaces in extraction)."""
    return _WS.sub("", text)


@pytest.fixture(scope="module")
def seed() -> dict:
    with SEED.open(encoding="utf-8") as f:
        return yaml.safe_load(f)


@pytest.fixture(scope="module")
def validated():
    from gkg.loaders.validate import validate_files

    return validate_files([SEED])


@pytest.fixture(scope="module")
def nodes(seed, validated) -> dict[str, dict]:
    """Each node as written, with claim-form properties replaced by their current value."""
    current = {n.id: n.props for n in validated.nodes}
    return {n["id"]: {**n, **current[n["id"]]} for n in seed["nodes"]}


@pytest.fixture(scope="module")
def rels(seed, validated) -> list[dict]:
    return [{**r, **v.props} for r, v in zip(seed["relationships"], validated.relationships)]


def _citations(item: dict) -> list[dict]:
    """An element's own citations and those of every claim written for its properties."""
    found = list(item["sources"])
    for value in item.values():
        for claim in value if isinstance(value, list) else [value]:
            if isinstance(claim, dict) and "value" in claim:
                found += claim.get("sources", [])
    return found


def _claims(item: dict, prop: str) -> list[dict[str, Any]]:
    value = item[prop]
    return value if isinstance(value, list) else [value]


def _has_rel(rels, type_, start, end, **props) -> bool:
    return any(
        r["type"] == type_
        and r["from"] == start
        and r["to"] == end
        and all(r.get(k) == v for k, v in props.items())
        for r in rels
    )


def _indicators_of(nodes, rels, entity_id) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for r in rels:
        if r["type"] == "HAS_INDICATOR" and r["from"] == entity_id:
            ind = nodes[r["to"]]
            found.setdefault(ind["metric"], []).append(ind)
    return found


# --- structure and citations --------------------------------------------------------------


def test_top_level_sections(seed):
    assert set(seed) == {"sources", "nodes", "relationships"}
    assert all(isinstance(seed[k], list) and seed[k] for k in seed)


def test_ids_unique_and_references_resolve(seed, nodes):
    ids = [s["id"] for s in seed["sources"]] + [n["id"] for n in seed["nodes"]]
    assert len(ids) == len(set(ids)), "duplicate ids"
    for r in seed["relationships"]:
        assert r["from"] in nodes, r
        assert r["to"] in nodes, r


def test_every_element_cites_a_declared_source(seed):
    declared = {s["id"] for s in seed["sources"]}
    for item in seed["nodes"] + seed["relationships"]:
        where = item.get("id") or f"{item['from']} -{item['type']}-> {item['to']}"
        cites = item.get("sources")
        assert cites, f"{where}: no citation"
        for c in cites:
            assert c["doc"] in declared, f"{where}: unknown source {c['doc']!r}"
            assert isinstance(c["quote"], str) and c["quote"].strip(), f"{where}: empty quote"


def test_quotes_are_short(seed):
    for item in seed["nodes"] + seed["relationships"]:
        for c in _citations(item):
            assert len(c["quote"]) <= 200, f"quote too long ({len(c['quote'])}): {c['quote']}"


def test_quotes_occur_verbatim_in_their_articles(seed):
    if not ARTICLES.is_dir():
        pytest.skip(f"source articles not found at {ARTICLES} (they are kept outside the repo)")
    texts = {}
    for s in seed["sources"]:
        path = ARTICLES / s["fileName"]
        assert path.is_file(), f"source {s['id']}: missing article file {path}"
        texts[s["id"]] = _squash(path.read_text(encoding="utf-8"))
    missing = [
        (c["doc"], c["quote"])
        for item in seed["nodes"] + seed["relationships"]
        for c in _citations(item)
        if _squash(c["quote"]) not in texts[c["doc"]]
    ]
    assert not missing, f"{len(missing)} quotes not found verbatim: {missing[:5]}"


def test_every_article_is_cited(seed):
    cited = {c["doc"] for item in seed["nodes"] + seed["relationships"] for c in item["sources"]}
    assert cited == {s["id"] for s in seed["sources"]}


def test_sources_metadata(seed):
    by_file = {s["fileName"]: s for s in seed["sources"]}
    assert set(by_file) == {
        "000_4e56f6f49451a3c5.txt",
        "001_e466e9dcb0604224.txt",
        "002_ce88ce58b4344d0b.txt",
        "003_feb47cbbb91a0293.txt",
    }
    assert str(by_file["000_4e56f6f49451a3c5.txt"]["publishedDate"]) == "2025-05-02"
    assert str(by_file["001_e466e9dcb0604224.txt"]["publishedDate"]) == "2023-06-05"
    assert by_file["002_ce88ce58b4344d0b.txt"]["publishedDatePrecision"] == "year"
    assert by_file["003_feb47cbbb91a0293.txt"]["language"] == "ko"
    assert by_file["003_feb47cbbb91a0293.txt"]["publishedDatePrecision"] == "not-before"
    assert str(by_file["003_feb47cbbb91a0293.txt"]["publishedDate"]) == "2025-07-04"


# --- key facts ----------------------------------------------------------------------------


def test_national_ai_data_center(nodes, rels):
    dc = nodes["national-ai-data-center"]
    assert dc["label"] == "DataCenter"
    assert dc["computePetaflops"] == 88.5
    assert dc["storagePetabytes"] == 107
    assert _has_rel(rels, "EQUIPPED_WITH", "national-ai-data-center", "nvidia-h100")
    assert _has_rel(rels, "MADE_BY", "nvidia-h100", "nvidia")
    assert nodes["nvidia"]["nameKo"] == "엔비디아"
    assert _has_rel(rels, "BUILT", "nhn-cloud", "national-ai-data-center")
    assert _has_rel(rels, "PART_OF", "national-ai-data-center", "ai-cluster-phase-1")


def test_data_center_results(nodes, rels):
    ind = _indicators_of(nodes, rels, "national-ai-data-center")
    assert ind["aiTaskSupportCount"][0]["value"] == 2200
    assert ind["revenueGenerated"][0]["value"] == 99_600_000_000
    assert ind["patentApplicationCount"][0]["value"] == 788
    assert ind["jobsCreatedCount"][0]["value"] == 2173


def test_ai_cluster_phase_1(nodes):
    p1 = nodes["ai-cluster-phase-1"]
    assert p1["totalCostKrw"] == 426_900_000_000
    assert p1["startYear"] == 2020
    assert p1["phase"] == 1


def test_ax_demonstration_valley_is_pending(nodes, rels):
    ax = nodes["ax-demonstration-valley"]
    assert ax["totalCostKrw"] == 900_000_000_000
    assert ax["status"] == "pending"
    assert (ax["startYear"], ax["endYear"]) == (2025, 2029)
    assert _has_rel(rels, "FOLLOWS", "ax-demonstration-valley", "ai-cluster-phase-1")
    assert nodes["ax-valley-supplementary-budget"]["amountKrw"] == 50_000_000_000
    assert _has_rel(rels, "FUNDS", "ax-valley-supplementary-budget", "ax-demonstration-valley")
    assert _has_rel(rels, "REQUIRES", "ax-demonstration-valley", "ax-valley-feasibility-exemption")
    assert _has_rel(rels, "REQUIRES", "ax-demonstration-valley", "ax-valley-cabinet-resolution")


def test_national_ai_computing_center_bid(nodes, rels):
    assert nodes["national-ai-computing-center"]["status"] == "bidding"
    assert nodes["national-ai-computing-center-first-tender"]["status"] == "failed"
    assert _has_rel(rels, "BIDS_FOR", "gwangju-city-government", "national-ai-computing-center")
    assert _has_rel(rels, "PURSUES", "msit", "national-ai-computing-center")


def test_ai_mobility_pilot_city_study_budget_failed(nodes):
    b = nodes["ai-mobility-pilot-city-study-budget"]
    assert b["amountKrw"] == 1_000_000_000
    assert b["status"] == "failed"


def test_2025_first_supplementary_budget(nodes, rels):
    event = "supplementary-budget-2025-1"
    expected = {
        "budget-2025-supp1-gwangju-ai": 15_300_000_000,
        "budget-2025-supp1-urban-rail-network": 17_800_000_000,
        "budget-2025-supp1-public-delivery-apps": 65_000_000_000,
        "budget-2025-supp1-small-business": 4_200_000_000_000,
        "budget-2025-supp1-burden-relief-credit": 1_600_000_000_000,
        "budget-2025-supp1-sangsaeng-payback": 1_400_000_000_000,
        "budget-2025-supp1-small-business-policy-funds": 830_000_000_000,
    }
    for budget_id, amount in expected.items():
        assert nodes[budget_id]["amountKrw"] == amount, budget_id
        assert _has_rel(rels, "ALLOCATED_IN", budget_id, event), budget_id
    assert _has_rel(rels, "SECURED", "gwangju-city-government", "budget-2025-supp1-gwangju-ai")
    estimate = _indicators_of(nodes, rels, "budget-2025-supp1-small-business")
    assert estimate["estimatedLocalSmallBusinessBenefit"][0]["value"] == 160_000_000_000


def test_public_delivery_apps(nodes, rels):
    ind = _indicators_of(nodes, rels, "gwangju-public-delivery-apps")
    assert ind["cumulativeOrderCount"][0]["value"] == 1_850_000
    assert ind["cumulativeSales"][0]["value"] == 45_900_000_000
    assert _has_rel(rels, "PART_OF", "wemakeprice-o", "gwangju-public-delivery-apps")
    assert _has_rel(rels, "PART_OF", "ttaenggyeoyo", "gwangju-public-delivery-apps")


def test_asicland_partner_of_tsmc(nodes, rels):
    assert nodes["asicland"]["name"] == "ASICLAND"
    assert nodes["asicland"]["nameKo"] == "에이직랜드"
    assert _has_rel(rels, "PARTNER_OF", "asicland", "tsmc")
    assert _has_rel(rels, "ATTRACTED", "gwangju-city-government", "asicland")
    fabless = _indicators_of(nodes, rels, "gwangju")["fablessCompanyAttractedCount"]
    assert fabless[0]["value"] == 17


def test_aim_gj_1_shown_at_ces_2025(nodes, rels):
    assert nodes["aim-gj-1"]["label"] == "Product"
    assert _has_rel(rels, "SHOWCASED_AT", "aim-gj-1", "ces-2025")


def test_mayor_kang_is_one_person(nodes, rels):
    kang = nodes["kang-ki-jeong"]
    assert kang["label"] == "Person"
    assert kang["nameKo"] == "강기정"
    assert {"Kang Gijung", "강기정"} <= set(kang["aliases"])
    assert _has_rel(rels, "HOLDS_ROLE", "kang-ki-jeong", "gwangju-city-government")
    assert _has_rel(rels, "HOLDS_ROLE", "kang-ki-jeong", "national-assembly", termCount=3)
    persons = [n for n in nodes.values() if n["label"] == "Person"]
    assert sum("Kang" in n["name"] for n in persons) == 1


def test_mous_and_branches(nodes, rels):
    mou = nodes["ai-company-mous"]
    assert mou["label"] == "Agreement"
    assert (mou["partyCount"], mou["startYear"]) == (254, 2019)
    assert _has_rel(rels, "SIGNED", "gwangju-city-government", "ai-company-mous")
    branches = _indicators_of(nodes, rels, "ai-company-mous")["branchOrLabOpenedCount"]
    assert branches[0]["value"] == 146


def test_talent_and_start_ups(nodes, rels):
    academy = _indicators_of(nodes, rels, "ai-academy")
    assert academy["graduateCount"][0]["value"] == 1221
    assert academy["employedOrFoundedShare"][0]["value"] == 68
    assert nodes["ai-academy"]["foundedYear"] == 2020
    gcc = {
        i["year"]: i["value"]
        for i in _indicators_of(nodes, rels, "gcc-academy")["traineeRecruitedCount"]
    }
    assert gcc == {2024: 132, 2025: 140}
    camps = _indicators_of(nodes, rels, "ai-startup-camp")
    assert camps["residentCompanyCount"][0]["value"] == 75
    assert camps["privateInvestmentAttracted"][0]["value"] == 109_800_000_000
    assert camps["jobsCreatedCount"][0]["value"] == 1135
    target = _indicators_of(nodes, rels, "gwangju-2030-talent-strategy")
    assert target["specialistTrainingTarget"][0]["value"] == 810_000


def test_herald_interview_numbers(nodes, rels):
    car = nodes["future-car-cluster"]
    assert (car["areaSquareKm"], car["totalCostKrw"], car["completionYear"]) == (
        3.3,
        670_000_000_000,
        2030,
    )
    assert nodes["startup-innovation-fund"]["amountKrw"] == 500_000_000_000
    assert nodes["gwangju-station-startup-valley"]["totalCostKrw"] == 150_000_000_000
    assert nodes["semiconductor-training-state-funding"]["amountKrw"] == 44_500_000_000
    city = _indicators_of(nodes, rels, "gwangju")
    assert city["foreignDirectInvestment"][0]["value"] == 492_700_000_000
    assert sorted(i["value"] for i in city["populationCount"]) == [1_430_000, 1_470_000]
    bidders = _indicators_of(nodes, rels, "semiconductor-specialized-complex")
    assert bidders["competingMunicipalityCount"][0]["value"] == 15


def test_gwanak_gu(nodes, rels):
    assert nodes["gwanak-smart-city-pilot"]["totalCostKrw"] == 1_200_000_000
    assert nodes["gwanak-smart-city-seoul-funding"]["amountKrw"] == 1_000_000_000
    loan = _indicators_of(nodes, rels, "gwanak-sme-fund-loan-2022")
    assert loan["loanInterestRate"][0]["value"] == 0.8
    assert loan["maxLoanPerBusiness"][0]["value"] == 100_000_000
    assert loan["maxLoanPerSmallBusinessOwner"][0]["value"] == 50_000_000
    assert nodes["gwanak-guarantee-funds-2021"]["amountKrw"] == 20_000_000_000
    assert _has_rel(rels, "HOLDS_ROLE", "park-jun-hee", "gwanak-gu-office")


def test_jeonnam_column(nodes, rels):
    ind = _indicators_of(nodes, rels, "jeollanam-do")
    assert ind["extinctionRiskMunicipalityCount"][0]["value"] == 20
    assert ind["municipalityCount"][0]["value"] == 22
    assert ind["medicalSchoolCount"][0]["value"] == 0
    assert _has_rel(rels, "BIDS_FOR", "jeollanam-do", "haenam-solaseado-data-center")


def test_required_ids(nodes):
    expected = {
        "gwangju": "Region",
        "gwangju-city-government": "GovernmentBody",
        "kang-ki-jeong": "Person",
        "national-ai-data-center": "DataCenter",
        "asicland": "Company",
        "tsmc": "Company",
        "aim-gj-1": "Product",
        "ces-2025": "Event",
    }
    for node_id, label in expected.items():
        assert nodes[node_id]["label"] == label, node_id
