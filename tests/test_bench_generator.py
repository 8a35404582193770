"""The benchmarks' synthetic ecosystems stay loadable: a generated file passes the same
validation a user's file does (the 100k file of one benchmark run no longer did after the
schema grew, and nothing said so until the next run)."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.generate import generate
from gkg.loaders.validate import validate_files


@pytest.mark.parametrize("seed", [7, 11])
def test_a_generated_ecosystem_is_a_valid_seed(tmp_path: Path, seed: int) -> None:
    path = tmp_path / "eco.yaml"
    size = generate(3000, path, seed=seed)
    data = validate_files([path])
    assert len(data.nodes) == size.nodes == 3000
    assert len(data.relationships) == size.relationships
