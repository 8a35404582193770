"""Index set-up for FalkorDB, generated from the declared labels."""

from __future__ import annotations

from gkg.schema import ENTITY_LABEL, labels


def schema_statements() -> list[str]:
    """One ``id`` index per declared label, and one on the shared ``Entity`` label."""
    return [f"CREATE INDEX FOR (n:{label}) ON (n.id)" for label in [ENTITY_LABEL, *labels()]]
