"""Index set-up for FalkorDB, generated from the declared labels."""

from __future__ import annotations

from gkg.schema import CLAIM_LABEL, ENTITY_LABEL, labels
from gkg.stores.ingest import CLAIM_INDEXED


def schema_statements() -> list[str]:
    """One ``id`` index per declared label, one on the shared ``Entity`` label, and the
    claim indexes (id, subject)."""
    return [f"CREATE INDEX FOR (n:{label}) ON (n.id)" for label in [ENTITY_LABEL, *labels()]] + [
        f"CREATE INDEX FOR (c:{CLAIM_LABEL}) ON (c.{prop})" for prop in CLAIM_INDEXED
    ]
