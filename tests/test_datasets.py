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


def test_validate_checks_files_as_a_load_of_them_would(gkg: Gkg, tmp_path: Path) -> None:
    extra = tmp_path / "extra.yaml"
    extra.write_text(EXTRA, encoding="utf-8")
    empty = gkg("validate", str(extra))  # nothing stored: the seed's nodes are not there
    assert empty.returncode == 2
    assert "node 'nhn-cloud' does not exist in any loaded file nor in the stored graph" in (
        empty.stderr
    )
    gkg("load", "--quiet", check=True)
    stored = gkg("export", check=True).stdout
    checked = gkg("validate", str(extra), check=True).stdout
    assert checked == (
        "valid: 1 node and 1 relationship in 1 file; "
        "checked against the stored datasets a load would keep: seed\n"
    )
    for alone in (["--alone"], ["--replace"]):  # without the seed's nodes: refused
        done = gkg("validate", *alone, str(extra))
        assert done.returncode == 2 and "node 'nhn-cloud' does not exist" in done.stderr
    assert gkg("export", check=True).stdout == stored  # validating wrote nothing
    gkg("load", str(extra), check=True)  # what validate passed, load accepts


def test_validate_refuses_what_a_load_would_refuse(gkg: Gkg, tmp_path: Path) -> None:
    base, user, changed = (tmp_path / f"{name}.yaml" for name in ("base", "user", "changed"))
    base.write_text("dataset: base\n" + ALONE, encoding="utf-8")
    user.write_text(
        "dataset: user\nnodes:\n  - {id: user-co, label: Company, name: User Co, "
        "sources: [{doc: doc-x, quote: x}]}\nrelationships:\n  - {type: PARTNER_OF, "
        "from: user-co, to: only-one, sources: [{doc: doc-x, quote: x}]}\n",
        encoding="utf-8",
    )
    gkg("load", "--quiet", str(base), str(user), check=True)
    stored = gkg("export", check=True).stdout
    # base without only-one would leave user's relationship without its end
    changed.write_text("dataset: base\n" + ALONE.replace("only-one", "another"), encoding="utf-8")
    checked, loaded = gkg("validate", str(changed)), gkg("load", str(changed))
    assert checked.returncode == loaded.returncode == 2
    assert "other datasets still refer to its nodes" in checked.stderr
    assert checked.stderr == loaded.stderr
    # declaring an id another stored dataset declares: refused by both too
    clash = tmp_path / "clash.yaml"
    clash.write_text("dataset: clash\n" + ALONE.replace("doc-x", "doc-y"), encoding="utf-8")
    checked, loaded = gkg("validate", str(clash)), gkg("load", str(clash))
    assert checked.returncode == loaded.returncode == 2
    assert "'only-one' is already declared by dataset 'base'" in checked.stderr
    assert checked.stderr == loaded.stderr
    assert gkg("export", check=True).stdout == stored


def test_validate_without_a_reachable_store_says_how_to_check_the_files_alone(gkg: Gkg) -> None:
    unreachable = {"NEO4J_URI": "bolt://127.0.0.1:1", "NEO4J_PASSWORD": "x"}
    done = gkg("validate", env=unreachable)
    assert done.returncode == 2 and "cannot connect to Neo4j at bolt://127.0.0.1:1" in done.stderr
    assert "`gkg validate --alone` checks the files without the store" in done.stderr
    alone = gkg("validate", "--alone", env=unreachable, check=True).stdout
    assert alone.startswith("valid: 189 nodes and 277 relationships in 1 file; checked on")
