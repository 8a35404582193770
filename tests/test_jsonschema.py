"""The JSON Schema of seed files (``gkg schema --format json-schema``) accepts the shipped
seed and rejects every structurally invalid input that gkg's validator rejects."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest

from gkg import shipped
from gkg.loaders.parse import parse
from gkg.schema.jsonschema import seed_json_schema
from tests.helpers.bad_input import BAD_INPUT
from tests.helpers.common import GKG, ROOT, SEED, SMALL

#: Cases of tests/helpers/bad_input.py's bad input that are about structure, not about what the
#: other parts of the file say (a missing node, a duplicate id, an undeclared source).
STRUCTURAL = {
    "not-a-mapping",
    "unknown-section",
    "unknown-label",
    "unknown-type",
    "unknown-field",
    "missing-required",
    "wrong-type",
    "node-without-source",
    "relationship-without-source",
    "invalid-date",
    "negative-amount",
}
SCHEMA_LINE = "# yaml-language-server: $schema=seed.schema.json"


def validator() -> jsonschema.Draft202012Validator:
    schema = seed_json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def test_the_cli_writes_the_schema_and_it_accepts_the_shipped_seed() -> None:
    done = subprocess.run(
        [GKG, "schema", "--format", "json-schema"], capture_output=True, text=True, check=True
    )
    assert json.loads(done.stdout) == seed_json_schema()
    for path in (SEED, SMALL):
        errors = list(validator().iter_errors(parse(path.read_text(encoding="utf-8"))))
        assert errors == [], f"{path}: {[e.message for e in errors[:3]]}"


def test_the_shipped_seed_and_the_readme_point_editors_at_the_schema() -> None:
    assert SEED.read_text(encoding="utf-8").splitlines()[0] == SCHEMA_LINE
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"```yaml\n{SCHEMA_LINE}\n" in readme
    # the copy beside the shipped seed is the schema gkg generates now
    beside = shipped.seed_path().parent / "seed.schema.json"
    assert json.loads(beside.read_text(encoding="utf-8")) == seed_json_schema()


def _plain(prop: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    """A property's schema for a plain value (the first of: plain, a claim, claims)."""
    if "$ref" in prop:  # a property every label shares is written once
        prop = defs[prop["$ref"].rsplit("/", 1)[1]]
    return prop["anyOf"][0] if "anyOf" in prop and "type" not in prop else prop


def test_the_schema_knows_types_units_choices_and_ends() -> None:
    defs = seed_json_schema()["$defs"]
    budget = {k: _plain(v, defs) for k, v in defs["Budget"]["properties"].items()}
    assert budget["amountKrw"]["type"] == "integer" and budget["amountKrw"]["minimum"] == 0
    assert "KRW" in budget["amountKrw"]["description"]
    status = defs["DataCenter"]["properties"]["status"]
    assert "in-operation" in _plain(status, defs)["enum"]
    claim = defs[status["$ref"].rsplit("/", 1)[1]]["anyOf"][1]
    assert claim["properties"]["value"]["enum"] == _plain(status, defs)["enum"]
    assert claim["allOf"] == [{"$ref": "#/$defs/claim"}]
    assert "rank" in defs["claim"]["properties"] and "validFrom" in defs["claim"]["properties"]
    assert "DataCenter" in defs["EQUIPPED_WITH"]["properties"]["from"]["description"]


@pytest.mark.parametrize(("case", "edit"), [(c[0], c[1]) for c in BAD_INPUT if c[0] in STRUCTURAL])
def test_the_schema_rejects_structurally_invalid_input(
    case: str, edit: Callable[[str], str], tmp_path: Path
) -> None:
    text = edit(SMALL.read_text(encoding="utf-8"))
    assert not validator().is_valid(parse(text)), case
