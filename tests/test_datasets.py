"""Datasets side by side on the embedded store: the Python scenario, and the CLI as a user
runs it with the shipped seed (the issue's must-show)."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

from gkg.stores.falkordb.store import FalkorStore
from tests.helpers.datasets import exercise_datasets

Gkg = Callable[..., subprocess.CompletedProcess[str]]

EXTRA = """\
# yaml-language-server: $schema=seed.schema.json
nodes:
  - id: example-ai
    label: Company
    name: Example AI
    sector: cloud
    sources: [{doc: herald-2023-06-05, quote: "NHN Cloud is building a national AI data center"}]
relationships:
  - type: PARTNER_OF
    from: example-ai
    to: nhn-cloud
    sources: [{doc: herald-2023-06-05, quote: "NHN Cloud is building a national AI data center"}]
"""

ALONE = """\
sources:
  - {id: doc-x, name: X, publisher: X, title: X, publishedDate: 2025-01-01, language: en}
nodes:
  - {id: only-one, label: Company, name: Only One, sources: [{doc: doc-x, quote: x}]}
"""


def test_datasets_live_side_by_side(
    make_store: Callable[[str], FalkorStore], tmp_path: Path
) -> None:
    exercise_datasets(make_store("datasets"), tmp_path)


def test_the_cli_adds_lists_unloads_and_replaces_datasets(gkg: Gkg, tmp_path: Path) -> None:
    extra = tmp_path / "extra.yaml"
    extra.write_text(EXTRA, encoding="utf-8")
    gkg("load", "--quiet", check=True)
    seed_alone = gkg("export", check=True).stdout

    added = gkg("load", str(extra), check=True).stdout
    assert f"dataset {extra}: added" in added
    assert "loaded: nodes +1 ~0 -0, relationships +1 ~0 -0" in added
    assert re.search(rf"Company \|\s+1 \|\s+0 \|\s+0 \|\s+0 \| {re.escape(str(extra))}", added)
    exported = json.loads(gkg("export", check=True).stdout)
    assert (len(exported["nodes"]), len(exported["relationships"])) == (190, 278)
    assert "seed" in {n["properties"]["dataset"] for n in exported["nodes"]}

    listed = json.loads(gkg("datasets", "--format", "json", check=True).stdout)
    assert [(d["name"], d["nodes"], d["relationships"]) for d in listed] == [
        (str(extra), 1, 1),
        ("seed", 189, 277),
    ]
    assert all(len(d["digest"]) == 64 and d["loadedAt"] for d in listed)

    again = gkg("load", str(extra), check=True).stdout
    assert "loaded (no changes)" in again and f"dataset {extra}: unchanged" in again

    refused = gkg("unload", "seed")
    assert refused.returncode == 2
    assert "example-ai|PARTNER_OF|nhn-cloud" in refused.stderr
    assert "nothing changed" in refused.stderr

    gone = gkg("unload", str(extra), check=True).stdout
    assert "nodes -1, relationships -1" in gone
    assert gkg("export", check=True).stdout == seed_alone

    alone = tmp_path / "alone.yaml"
    alone.write_text(ALONE, encoding="utf-8")
    replaced = gkg("load", "--replace", str(alone), check=True).stdout
    assert "replaced the whole stored graph" in replaced and "dataset seed" in replaced
    assert "removed" in replaced
    listed = json.loads(gkg("datasets", "--format", "json", check=True).stdout)
    assert [d["name"] for d in listed] == [str(alone)]


def test_dataset_names_are_checked(gkg: Gkg, tmp_path: Path) -> None:
    one, two = tmp_path / "one.yaml", tmp_path / "two.yaml"
    one.write_text("dataset: same\n" + ALONE, encoding="utf-8")
    two.write_text("dataset: same\n" + ALONE.replace("only-one", "other"), encoding="utf-8")
    done = gkg("validate", str(one), str(two))
    assert done.returncode == 2
    assert f"{two}:1: dataset: dataset 'same' is also {one}" in done.stderr
    bad = tmp_path / "bad.yaml"
    bad.write_text("dataset: '../x y'\n" + ALONE, encoding="utf-8")
    done = gkg("validate", str(bad))
    assert f"{bad}:1: dataset: expected 1 to 100 letters" in done.stderr
