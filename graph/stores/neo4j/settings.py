"""Where and how to reach Neo4j, from arguments and the ``NEO4J_*`` variables."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import ClassVar

from gkg.model import StoreKind


@dataclass(frozen=True)
class Neo4jSettings:
    """Where and how to reach Neo4j. The password is never printed (see ``__repr__``)."""

    kind: ClassVar[StoreKind] = "neo4j"
    uri: str
    username: str = "neo4j"
    password: str = ""
    database: str | None = None

    def __repr__(self) -> str:
        return (
            f"Neo4jSettings(uri={self.uri!r}, username={self.username!r}, "
            f"password=<hidden>, database={self.database!r})"
        )

    def describe(self) -> str:
        return f"Neo4j at {self.uri}"


def neo4j_settings_from_env(
    uri: str | None = None, username: str | None = None, database: str | None = None
) -> Neo4jSettings | None:
    """Neo4j settings from arguments and ``NEO4J_*`` variables; None when no URI is set."""
    uri = uri or os.environ.get("NEO4J_URI")
    if not uri:
        return None
    return Neo4jSettings(
        uri=uri,
        username=username or os.environ.get("NEO4J_USERNAME") or "neo4j",
        password=os.environ.get("NEO4J_PASSWORD", ""),
        database=database or os.environ.get("NEO4J_DATABASE") or None,
    )
