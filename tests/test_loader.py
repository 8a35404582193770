"""The loader without a store: every problem of a seed reported in one run, duplicate ids
across files, and ``gkg validate``. Loading itself (exact graphs, idempotence, stale removal,
bad input leaving the graph) is tested on both engines in tests/test_contract.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from gkg.errors import ValidationError
from gkg.loaders.validate import validate_files
from tests.helpers.bad_input import SMALL_TEXT
from tests.helpers.common import SMALL


def test_every_problem_is_reported_in_one_run(tmp_path: Path) -> None:
    text = SMALL_TEXT.replace("label: Product", "label: Gadget")
    text = text.replace("computePetaflops: 88.5", "computePetaflops: lots")
    text = text.replace("amountKrw: 15300000000\n    year", "amountKrw: -5\n    year")
    path = tmp_path / "many.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        validate_files([path])
    fields = {p.field for p in caught.value.problems}
    assert {"label", "computePetaflops", "amountKrw"} <= fields
    assert "3 problems" in str(caught.value).splitlines()[0] or len(caught.value.problems) >= 3


def test_a_duplicate_id_across_files_names_both_places(tmp_path: Path) -> None:
    extra = tmp_path / "extra.yaml"
    extra.write_text(
        "nodes:\n  - id: nvidia\n    label: Company\n    name: NVIDIA again\n"
        "    sources: [{doc: doc-b, quote: again}]\n",
        encoding="utf-8",
    )
    with pytest.raises(ValidationError) as caught:
        validate_files([SMALL, extra])
    (problem,) = caught.value.problems
    assert problem.file == str(extra) and problem.line == 2
    assert f"{SMALL}:44" in problem.message


def test_cli_validate_writes_nothing(gkg) -> None:
    done = gkg("validate", str(SMALL), check=True)
    assert "valid: 8 nodes and 5 relationships" in done.stdout
    assert "not loaded yet" in gkg("doctor", check=True).stdout
