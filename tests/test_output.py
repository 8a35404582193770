"""Output that fits and tells the truth: tables or records within the width, names and
numbers never split, amounts readable in tables and exact in JSON and CSV, and seed text
printed literally in every format (no markup, control characters escaped)."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from gkg.catalogue import Catalogue
from gkg.model import Node, Result
from gkg.present.formatting import krw, safe_text, value_text
from gkg.present.layout import wrap
from gkg.present.tables import render
from gkg.stores.base import GraphStore
from tests.helpers.common import GKG, ROOT

Gkg = Callable[..., subprocess.CompletedProcess[str]]

NASTY = [
    "[/bold] NHN Cloud",
    "[link=https://evil.example/]NHN Cloud[/link]",
    "red \x1b[31mtext\x1b[0m and a title \x1b]0;owned\x07 and csi \x9b2J",
    "right-to-left \u202eevil",
]


def test_amounts_read_as_people_read_them() -> None:
    assert krw(4_283_100_000_000) == "4.28 trillion KRW"
    assert krw(15_300_000_000) == "15.3 billion KRW"
    assert krw(120_000_000_000) == "120 billion KRW"
    assert krw(2_500_000) == "2.5 million KRW"
    assert krw(850_000) == "850,000 KRW"
    assert krw(4_283_100_000_000, "ko") == "4조 2,831억 원"
    assert krw(15_300_000_000, "ko") == "153억 원"
    assert krw(5_000_000, "ko") == "500만 원"
    assert value_text(2025, "year") == "2025" and value_text(2025, "startYear") == "2025"
    assert value_text(12_345, "fundingYear") == "12345"
    assert value_text(15_300_000_000, "amountKrw") == "15.3 billion KRW"
    assert value_text(15_300_000_000, "count") == "15,300,000,000"


def test_json_and_csv_keep_exact_integers() -> None:
    result = Result(["amountKrw", "year"], [[4_283_100_000_000, 2025]])
    assert json.loads(render(result, "json")) == [{"amountKrw": 4_283_100_000_000, "year": 2025}]
    assert render(result, "csv") == "amountKrw,year\n4283100000000,2025\n"
    table = render(result, "table")
    assert "4.28 trillion KRW" in table and "2025" in table and "2,025" not in table
    assert "4조 2,831억 원" in render(result, "table", lang="ko")


def test_a_wide_table_becomes_records_and_wraps_only_at_spaces() -> None:
    long = "word " * 60 + "a-very-long-identifier-that-must-stay-whole-" + "x" * 30
    result = Result(["id", "description", "amountKrw"], [["nhn-cloud", long, 4_283_100_000_000]])
    text = render(result, "table", width=60)
    assert text.startswith("-[ RECORD 1 ]")
    assert "a-very-long-identifier-that-must-stay-whole-" + "x" * 30 in text
    assert "4.28 trillion KRW" in text
    assert max(len(line) for line in text.splitlines() if "very-long" not in line) <= 60
    narrow = Result(["id", "n"], [["nhn-cloud", 1]])
    assert render(narrow, "table", width=60).splitlines()[0] == "id        | n"
    assert render(narrow, "records", width=60).startswith("-[ RECORD 1 ]")
    assert wrap("가나다 라마바 사아자", 8) == ["가나다", "라마바", "사아자"]  # 2 cells each


@pytest.mark.parametrize("fmt", ["table", "records", "csv", "markdown", "json"])
def test_seed_text_is_printed_literally_in_every_format(fmt: str) -> None:
    node = Node("x", ("Entity", "Company"), {"id": "x", "name": NASTY[1]})
    result = Result(["text", "node"], [[text, node] for text in NASTY])
    out = render(result, fmt, width=400)
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]", out), repr(out)
    if fmt == "json":
        assert [row["text"] for row in json.loads(out)] == NASTY  # exact, as JSON escapes
        return
    plain = out  # markdown escapes brackets and backslashes: read it as rendered
    if fmt == "markdown":
        plain = out.replace("\\[", "[").replace("\\]", "]").replace("\\\\", "\\")
    assert "\\x1b[31m" in plain and "\\x9b" in plain and "\\u202e" in plain
    assert "[/bold] NHN Cloud" in plain
    assert "[link=https://evil.example/]NHN Cloud[/link]" in plain
    if fmt == "csv":
        assert list(csv.reader(io.StringIO(out)))[1][0] == "[/bold] NHN Cloud"


def test_markdown_is_safe_rendered_and_readable_raw() -> None:
    result = Result(["rel", "name"], [["a -PARTNER_OF-> b", "R&D <b>bold</b> *x* &amp;"]])
    row = render(result, "markdown").splitlines()[2]
    assert "a -PARTNER_OF-> b" in row and "R&D" in row
    assert "\\<b>bold\\</b>" in row and "\\*x\\*" in row and "\\&amp;" in row


def _seed_with_markup(folder: Path) -> Path:
    path = folder / "nasty.yaml"
    name = json.dumps(NASTY[0])
    path.write_text(
        "sources:\n  - {id: doc-n, name: N, publisher: N, title: N, publishedDate: 2025-01-01,"
        " language: en}\nnodes:\n"
        f"  - {{id: nasty, label: Company, name: {name},"
        " sources: [{doc: doc-n, quote: q}]}\n"
        f"  - {{id: link, label: Company, name: {json.dumps(NASTY[1])},"
        " sources: [{doc: doc-n, quote: q}]}\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("fmt", ["table", "records", "csv", "markdown"])
def test_the_cli_prints_seed_markup_literally(gkg: Gkg, tmp_path: Path, fmt: str) -> None:
    # markup comes from the seed; control characters, which a seed may not hold (they are
    # refused with a location), come through a parameter
    gkg("load", "--replace", "--quiet", str(_seed_with_markup(tmp_path)), check=True)
    done = gkg(
        "cypher", "MATCH (c:Company) RETURN c.name, $text AS description ORDER BY c.id",
        "--param", f"text={NASTY[2]}", "-f", fmt, check=True,
    )  # fmt: skip
    assert "\x1b" not in done.stdout and "Traceback" not in done.stderr
    plain = done.stdout.replace("\\[", "[").replace("\\]", "]").replace("\\\\", "\\")
    assert "[/bold] NHN Cloud" in plain and "[link=https://evil.example/]NHN Cloud[/link]" in plain
    assert "\\x1b[31m" in plain


def _max_width(text: str) -> int:
    return max(len(line) for line in text.splitlines())


def test_columns_100_fits_the_data_center_and_the_query_list(
    seed_store: GraphStore,
) -> None:
    env = {**os.environ, "COLUMNS": "100", "GKG_HOME": str(seed_store.home)}  # type: ignore[attr-defined]
    env = {k: v for k, v in env.items() if not k.startswith("NEO4J_")}
    answer = subprocess.run(
        [GKG, "query", "data-center"], capture_output=True, text=True, env=env, cwd=ROOT, check=True
    ).stdout
    assert _max_width(answer) <= 100
    assert "National AI Data Center" in answer and "88.5" in answer and "107" in answer
    listing = subprocess.run(
        [GKG, "queries"], capture_output=True, text=True, env=env, cwd=ROOT, check=True
    ).stdout
    assert _max_width(listing) <= 100
    lines = listing.splitlines()
    for query in Catalogue.load([]):  # every name whole, under its theme's heading
        assert any(line.split()[:1] == [query.name] for line in lines), query.name
    themes = [line.split(" (")[0] for line in lines if line and not line.startswith(" ")]
    assert themes[:3] == ["infrastructure", "industry", "money"]
    # without COLUMNS, piped output is plain text at its natural width (no records view)
    del env["COLUMNS"]
    wide = subprocess.run(
        [GKG, "query", "funding-totals"], capture_output=True, text=True, env=env, cwd=ROOT,
        check=True,
    ).stdout  # fmt: skip
    assert not wide.startswith("-[ RECORD")


def test_safe_text_leaves_ordinary_text_alone() -> None:
    assert safe_text("국가AI데이터센터 — NHN Cloud & co.") == "국가AI데이터센터 — NHN Cloud & co."
    assert safe_text("a\tb\nc\x00") == "a\\tb\\nc\\x00"
