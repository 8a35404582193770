"""Every named query passes Neo4j's own Cypher linter (Cypher 5), in one node process.

The linter (npm ``@neo4j-cypher/language-support``, pinned in tests/lint/package.json) is
installed into tests/lint/node_modules on first use. It is given gkg's declared labels,
relationship types, property keys and which labels each relationship type joins, so a
typo in a label or property, a relationship drawn between the wrong labels, an unknown
function, a syntax error or a deprecated construct all fail the test. Without node the
test skips with its reason, except under CI, where it fails.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from gkg import schema as gschema
from gkg.catalogue import Catalogue
from tests.helpers.common import need_program

LINT_DIR = Path(__file__).resolve().parent / "lint"
PACKAGE = "@neo4j-cypher/language-support"
VERSION = "2.0.0-next.38"


def lint_schema() -> dict:
    """gkg's declared schema in the linter's DbSchema shape."""
    props = {p.name for p in gschema.COMMON_NODE_PROPS + gschema.COMMON_REL_PROPS}
    for node_type in gschema.NODE_TYPES:
        props |= {p.name for p in node_type.props}
    for rel in gschema.REL_TYPES:
        props |= {p.name for p in rel.props}
    props |= {*gschema.STORED_META_PROPS, gschema.LOOKUP_KEYS_PROP, *gschema.CLAIM_PROPS}
    entity = gschema.ENTITY_LABEL
    return {
        "labels": [entity, *gschema.labels(), gschema.CLAIM_LABEL],
        "relationshipTypes": gschema.rel_types(),
        "propertyKeys": sorted(props),
        "graphSchema": [
            {"from": start, "to": end, "relType": rel.type}
            for rel in gschema.REL_TYPES
            for start in (*rel.start, entity)
            for end in (*rel.end, entity)
        ],
    }


def _installed() -> bool:
    manifest = LINT_DIR / "node_modules" / PACKAGE / "package.json"
    return manifest.exists() and json.loads(manifest.read_text())["version"] == VERSION


@pytest.fixture(scope="session")
def node() -> str:
    """The node program, with the linter installed from the committed lock file."""
    node = need_program("node", "the Cypher lint test runs Neo4j's linter under node")
    if not _installed():
        npm = need_program("npm", "the Cypher lint test installs Neo4j's linter with npm")
        done = subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=LINT_DIR,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if done.returncode != 0 or not _installed():
            pytest.fail(f"npm ci in {LINT_DIR} failed:\n{done.stdout}\n{done.stderr}")
    return node


def lint(node: str, queries: dict[str, str]) -> dict[str, list[str]]:
    """Problems per query name (empty list: clean). Errors and all warnings count."""
    payload = {
        "schema": lint_schema(),
        "queries": [{"name": n, "text": t} for n, t in queries.items()],
    }
    done = subprocess.run(
        [node, str(LINT_DIR / "lint.mjs")],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        cwd=LINT_DIR,
        timeout=300,
    )
    assert done.returncode == 0, f"the linter crashed:\n{done.stderr}"
    return {
        item["name"]: [
            f"{d['line']}:{d['column']}: {d['severity']}"
            f"{' (deprecated)' if d['deprecated'] else ''}: {d['message']}"
            for d in item["diagnostics"]
        ]
        for item in json.loads(done.stdout)
    }


@pytest.fixture(scope="session")
def catalogue_lint(node: str) -> dict[str, list[str]]:
    """The linter's verdict on every built-in query file (header comments included, so
    line numbers are the file's), plus the BROKEN and CLEAN examples."""
    texts = {q.name: q.path.read_text(encoding="utf-8") for q in Catalogue.load()}
    texts.update(BROKEN)
    texts.update(CLEAN)
    return lint(node, texts)


#: Queries the linter must reject, one reason each (the test of the test).
BROKEN = {
    "broken:syntax": "MATCH (n:Entity) RETURN n ORDER",
    "broken:deprecated-id": "MATCH (n:Entity) RETURN id(n)",
    "broken:unknown-function": "MATCH (n:Entity) RETURN frobnicate(n.name)",
    "broken:label-typo": "MATCH (n:Compnay) RETURN n.name",
    "broken:property-typo": "MATCH (n:Company) RETURN n.nmae",
    "broken:wrong-endpoints": "MATCH (p:Person)-[:EQUIPPED_WITH]->(x:Product) RETURN p.name",
    "broken:exists-function": "MATCH (n:Entity) WHERE exists(n.name) RETURN n.name",
}

#: Queries that must lint clean: parameters are not "undefined", the schema is gkg's.
CLEAN = {
    "clean:entity-parameter": "MATCH (n:Entity) WHERE toLower($entity) IN n.lookupKeys RETURN n",
    "clean:declared-endpoints": "MATCH (p:Product)-[:MADE_BY]->(c:Company) RETURN p.name, c.name",
}


def test_every_named_query_lints_clean(catalogue_lint: dict[str, list[str]]) -> None:
    names = [q.name for q in Catalogue.load()]
    assert len(names) >= 25
    problems = {name: catalogue_lint[name] for name in names if catalogue_lint[name]}
    report = "\n".join(
        f"{Catalogue.load().get(n).path}:\n  " + "\n  ".join(p) for n, p in problems.items()
    )
    assert not problems, f"Neo4j's linter rejects these queries:\n{report}"


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_the_linter_rejects_a_broken_query(catalogue_lint: dict[str, list[str]], name: str) -> None:
    assert catalogue_lint[name], f"{name} should fail the lint: {BROKEN[name]}"


@pytest.mark.parametrize("name", sorted(CLEAN))
def test_the_linter_accepts_what_gkg_relies_on(
    catalogue_lint: dict[str, list[str]], name: str
) -> None:
    assert catalogue_lint[name] == [], CLEAN[name]
