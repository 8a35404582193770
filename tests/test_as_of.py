"""Facts in time (issue 12): the graph as known on a date, on the real embedded store over
the shipped seed, through the API and the command line; and the validator's checks of the
new seed fields, each with a located message."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from gkg.core import KnowledgeGraph
from gkg.errors import QueryError, StoreError, ValidationError
from gkg.loaders.validate import validate_files
from gkg.stores.base import GraphStore, whole_graph
from tests.helpers.common import SMALL


def _kg(store: GraphStore) -> KnowledgeGraph:
    return KnowledgeGraph.over(store)


def _node(nodes: list[Any], node_id: str) -> Any:
    return next((n for n in nodes if n.id == node_id), None)


def test_as_of_2022_holds_only_the_2022_source(seed_store: GraphStore) -> None:
    with _kg(seed_store).as_of("2022-12-31") as then:
        nodes, rels = then.whole_graph()
        cited = {s for n in nodes for s in n.properties["sourceIds"]}
        cited |= {s for r in rels for s in r.properties["sourceIds"]}
        assert cited == {"asiae-2022-gwanak"}
        assert {n.id for n in nodes if n.label == "SourceDocument"} == {"asiae-2022-gwanak"}
        assert len(nodes) == 34 and len(rels) == 45
        assert then.claims() == []
        seoul = _node(nodes, "seoul")
        assert seoul.properties["sourceIds"] == ["asiae-2022-gwanak"]
        assert all(q for q in seoul.properties["sourceQuotes"])


def test_as_of_2023_holds_the_interview_s_claims(seed_store: GraphStore) -> None:
    with _kg(seed_store).as_of("2023-12-31") as then:
        nodes, rels = then.whole_graph()
        cited = {s for n in nodes for s in n.properties["sourceIds"]}
        assert cited == {"asiae-2022-gwanak", "herald-2023-06-05"}
        center = _node(nodes, "national-ai-data-center").properties
        assert center["status"] == "under-construction"  # not yet in operation
        assert center["plannedOpeningDate"] == "2023-10-01"
        assert "computePetaflops" not in center and "storagePetabytes" not in center
        assert center["description"].startswith("National AI data center NHN Cloud is building")
        assert "status" in center["inferredProps"]
        count = _node(nodes, "ind-gwangju-ai-company-count").properties
        assert (count["value"], count["valueQualifier"]) == (100, "more-than")
        assert _node(nodes, "lee-jae-myung-government") is None
        assert _node(nodes, "acting-government-2025") is None
        assert not [
            r for r in rels if r.type == "EQUIPPED_WITH" and r.start == "national-ai-data-center"
        ]
        claims = then.claims()
        assert claims and {c.properties["sourceId"] for c in claims} == {"herald-2023-06-05"}
        assert all(c.properties["isCurrent"] for c in claims)
        # the named queries answer from the past view too
        (row,) = then.query("data-center").records()
        assert row["status"] == "under-construction" and row["hardware"] == []


def test_today_keeps_earlier_claims_as_earlier(seed_store: GraphStore) -> None:
    kg = _kg(seed_store)
    with kg.as_of(None) as today:
        assert today is kg
    center = kg.entity("국가 AI 데이터센터").properties
    assert center["status"] == "in-operation"
    status = {
        (c.properties["valueText"], c.properties["sourceId"]): c.properties["isCurrent"]
        for c in kg.claims()
        if c.properties["subjectId"] == "national-ai-data-center"
        and c.properties["property"] == "status"
    }
    assert status == {
        ("under-construction", "herald-2023-06-05"): False,
        ("in-operation", "asiae-2025-05-02"): False,
        ("in-operation", "jnilbo-2025"): True,
    }


def test_as_of_may_2025_sees_only_the_first_ai_budget(seed_store: GraphStore) -> None:
    with _kg(seed_store).as_of("2025-05") as then:
        totals = {
            (r["kind"], r["scope"], r["year"], r["status"]): r
            for r in then.query("funding-totals").records()
        }
        ai = totals[("allocation", "gwangju", 2025, "secured")]
        assert (ai["amountKrw"], ai["amountMinKrw"], ai["overlap"]) == (
            15_300_000_000, 15_300_000_000, None,
        )  # fmt: skip


def test_dates_with_the_same_sources_give_the_same_view(seed_store: GraphStore) -> None:
    kg = _kg(seed_store)
    with kg.as_of("2023-06-05") as a:
        first = a.whole_graph()
    with kg.as_of("2024-12-31") as b:
        second = b.whole_graph()
    assert first == second
    # the live graph is untouched
    assert _node(whole_graph(seed_store)[0], "jnilbo-2025") is not None


def test_as_of_before_every_source_says_so(seed_store: GraphStore) -> None:
    kg = _kg(seed_store)
    with pytest.raises(StoreError, match="no source was published by then"), kg.as_of("2021"):
        pass
    with pytest.raises(QueryError, match="--as-of takes a date"), kg.as_of("last year"):
        pass


def test_a_past_view_refuses_writes(seed_store: GraphStore) -> None:
    with _kg(seed_store).as_of("2023-12-31") as then, pytest.raises(QueryError, match="read-only"):
        then.cypher("CREATE (:Entity {id: 'x'})")


def test_cli_export_and_query_as_of(gkg: Callable[..., Any], tmp_path: Path) -> None:
    gkg("load", check=True)
    old = json.loads(gkg("export", "--format", "json", "--as-of", "2022-12-31", check=True).stdout)
    cited = {s for n in old["nodes"] for s in n["properties"]["sourceIds"]}
    assert cited == {"asiae-2022-gwanak"} and "claims" not in old
    mid = json.loads(gkg("export", "--format", "json", "--as-of", "2023-12-31", check=True).stdout)
    center = next(n for n in mid["nodes"] if n["id"] == "national-ai-data-center")
    assert center["properties"]["status"] == "under-construction"
    assert {n["properties"]["firstStated"] for n in mid["nodes"]} <= {"2022-12-31", "2023-06-05"}
    now = json.loads(gkg("export", "--format", "json", check=True).stdout)
    center = next(n for n in now["nodes"] if n["id"] == "national-ai-data-center")
    assert center["properties"]["status"] == "in-operation"
    earlier = [
        c for c in now["claims"]
        if c["subjectId"] == "national-ai-data-center" and c["property"] == "status"
        and not c["isCurrent"]
    ]  # fmt: skip
    assert {c["valueText"] for c in earlier} == {"under-construction", "in-operation"}
    done = gkg("query", "data-center", "--param", "center=국가 AI 데이터센터", "-f", "json")
    assert (
        done.returncode == 0 and json.loads(done.stdout)[0]["center"] == "National AI Data Center"
    )
    changes = gkg(
        "query", "changes", "--param", "from=2023-06-01", "--param", "to=2025-12-31",
        "-f", "json", check=True,
    )  # fmt: skip
    updated = {
        (r["subject"], r["fact"]) for r in json.loads(changes.stdout) if r["change"] == "updated"
    }
    assert {
        ("national-ai-data-center", "status"),
        ("ind-gwangju-ai-company-count", "value"),
    } <= updated
    cypher = gkg(
        "cypher", "MATCH (n:Entity {id: 'ind-gwangju-ai-company-count'}) RETURN n.value AS v",
        "--as-of", "2023-12-31", "-f", "json", check=True,
    )  # fmt: skip
    assert json.loads(cypher.stdout) == [{"v": 100}]
    report = gkg("report", "--as-of", "2023-12-31", "-o", str(tmp_path / "report"))
    assert report.returncode == 0, report.stderr  # defaults not yet known are no failure
    for name in ("changes", "conflicts", "history"):
        assert (tmp_path / "report" / "queries" / f"{name}.html").is_file()
    page = gkg("viz", "--as-of", "2023", "-o", str(tmp_path / "v.html"), check=True)
    assert "Traceback" not in page.stderr
    bad = gkg("export", "--as-of", "2021-01-01")
    assert bad.returncode != 0 and "no source was published by then" in bad.stderr
    assert "Traceback" not in bad.stderr


# --- the validator's checks of claims and time -------------------------------------------

_HEAD = SMALL.read_text(encoding="utf-8")


def _problems(tmp_path: Path, old: str, new: str) -> str:
    assert old in _HEAD, old
    path = tmp_path / "seed.yaml"
    path.write_text(_HEAD.replace(old, new), encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        validate_files([path])
    return str(caught.value)


STATUS = "    status: in-operation\n"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            STATUS,
            "    status:\n      value: in-operation\n      validFrom: 2023-13\n",
            r"seed.yaml:\d+: status.validFrom: '2023-13' is not a real date",
        ),
        (
            STATUS,
            "    status:\n      value: in-operation\n      validFrom: 2024\n"
            "      validTo: 2023-05\n",
            r"seed.yaml:\d+: status.validTo: validTo \(2023-05-31\) is before validFrom",
        ),
        (
            STATUS,
            "    status:\n      - value: under-construction\n"
            '        sources: [{doc: doc-b, quote: "NHN Cloud is building"}]\n'
            "        rank: deprecated\n"
            "      - value: in-operation\n        key: later\n        rank: deprecated\n"
            '        sources: [{doc: doc-a, quote: "National AI Data Center"}]\n',
            r"seed.yaml:\d+: status: every claim of status is superseded or deprecated",
        ),
        (
            STATUS,
            "    status:\n      - value: under-construction\n        key: early\n"
            '        sources: [{doc: doc-b, quote: "NHN Cloud is building"}]\n'
            "      - value: in-operation\n        supersedes: nothing\n"
            '        sources: [{doc: doc-a, quote: "National AI Data Center"}]\n',
            r"status.supersedes: 'nothing' names no other claim of status",
        ),
        (
            STATUS,
            "    status:\n      - value: under-construction\n        key: one\n"
            '        sources: [{doc: doc-a, quote: "National AI Data Center"}]\n'
            "      - value: in-operation\n        key: two\n"
            '        sources: [{doc: doc-a, quote: "National AI Data Center"}]\n',
            r"two claims of status first stated on 2025-05-02 disagree",
        ),
        (
            STATUS,
            "    status:\n      value: in-operation\n      inferred: true\n",
            r"status.inferenceReason: required with inferred: true",
        ),
        (
            STATUS,
            "    status:\n      value: in-operation\n      inferenceReason: guess\n",
            r"status.inferenceReason: given without inferred: true",
        ),
        (
            STATUS,
            "    status:\n      value: in-operation\n      colour: red\n",
            r"status.colour: unknown field in a claim",
        ),
        (STATUS, "    status:\n      sources: []\n", r"status.value: required"),
        (
            "    status: secured\n",
            "    status: secured\n    scope: Gwangju\n",
            r"scope: expected one of gwangju, multi-region, other-region, nationwide",
        ),
        (
            "    status: secured\n",
            "    status: failed\n",
            r"ai-budget-2025 is a failed or cancelled request: money that never came cannot "
            r"be on FUNDS",
        ),
        (
            "    nameKo: 엔비디아\n",
            "    nameKo: 엔비디아\n    aliases: [NHN-Cloud]\n",
            r"nvidia and nhn-cloud share the look-up key 'nhncloud'",
        ),
        (
            "  - {type: BUILT, from: nhn-cloud, to: national-ai-data-center, sources:",
            "  - {type: BUILT, from: nhn-cloud, to: national-ai-data-center, inferred: true,"
            " sources:",
            r"inferenceReason: required with inferred: true",
        ),
        (
            '    sources: [{doc: doc-b, quote: "H100"}]\n  - id: nvidia',
            "    validFrom: before 2020-02-30\n"
            '    sources: [{doc: doc-b, quote: "H100"}]\n  - id: nvidia',
            r"validFrom: 'before 2020-02-30' is not a real date",
        ),
    ],
)
def test_bad_time_and_claims_are_located(tmp_path: Path, old: str, new: str, expected: str) -> None:
    message = _problems(tmp_path, old, new)
    import re

    assert re.search(expected, message), message
    assert "nothing was written" in message


def test_a_relationship_is_known_once_its_ends_are(tmp_path: Path) -> None:
    path = tmp_path / "seed.yaml"
    path.write_text(
        _HEAD.replace("to: gwangju, sources: [{doc: doc-a,", "to: gwangju, sources: [{doc: doc-b,"),
        encoding="utf-8",
    )
    seed = validate_files([path])
    located = next(r for r in seed.relationships if r.type == "LOCATED_IN")
    assert located.first_stated == "2025-05-02"  # gwangju is first stated then


def test_claims_in_a_small_seed_load_and_rank(
    tmp_path: Path, make_store: Callable[[str], Any]
) -> None:
    from gkg.loaders.load import load_files

    path = tmp_path / "seed.yaml"
    path.write_text(
        _HEAD.replace(
            STATUS,
            "    status:\n      - value: under-construction\n"
            '        sources: [{doc: doc-b, quote: "NHN Cloud is building"}]\n'
            "      - value: in-operation\n"
            '        sources: [{doc: doc-a, quote: "National AI Data Center"}]\n',
        ),
        encoding="utf-8",
    )
    store = make_store("claims")
    load_files(store, [path])
    kg = KnowledgeGraph.over(store)
    assert kg.entity("National AI Data Centre").properties["status"] == "in-operation"
    with kg.as_of("2024") as then:
        assert then.entity("national-ai-data-center").properties["status"] == "under-construction"
    changed = kg.query("changes", {"from": "2024-01-01", "to": "2025-12-31"}).records()
    assert [
        (r["change"], r["oldValue"], r["newValue"]) for r in changed if r["fact"] == "status"
    ] == [("updated", "under-construction", "in-operation")]
