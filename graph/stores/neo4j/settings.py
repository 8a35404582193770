"""Where and how to reach Neo4j, from arguments and the ``NEO4J_*`` variables."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import ClassVar
from urllib.parse import unquote

from gkg.model import StoreKind


@dataclass(frozen=True)
class Neo4jSettings:
    """Where and how to reach Neo4j. The password is never printed (see ``__repr__``)."""

    kind: ClassVar[StoreKind] = "neo4j"
    uri: str
    username: str = "neo4j"
    password: str = ""
    database: str | None = None
    #: Seconds a query may run (None: ``GKG_TIMEOUT``, else 30).
    timeout_s: float | None = None

    def __repr__(self) -> str:
        return (
            f"Neo4jSettings(uri={self.shown_uri!r}, username={self.username!r}, "
            f"password=<hidden>, database={self.database!r})"
        )

    @property
    def shown_uri(self) -> str:
        """The URI as it may be printed: credentials written into it are hidden."""
        return redact_uri(self.uri)

    def secrets(self) -> list[str]:
        """Every text that must never be printed: the password, and any in the URI."""
        found = [self.password] if self.password else []
        userinfo = _USERINFO.search(self.uri)
        if userinfo:
            found += [userinfo.group(0)[:-1]]
            _user, _, password = userinfo.group(0)[:-1].partition(":")
            if password:
                found += [password, unquote(password)]
        return sorted(found, key=len, reverse=True)

    def describe(self) -> str:
        return f"Neo4j at {self.shown_uri}"


#: ``user:password@`` (or ``token@``) after the scheme of a URI.
_USERINFO = re.compile(r"(?<=://)[^/?#\s]*@")


def redact_uri(uri: str) -> str:
    """``uri`` with any credentials in it replaced by ``<hidden>``."""
    return _USERINFO.sub("<hidden>@", uri)


def neo4j_settings_from_env(
    uri: str | None = None,
    username: str | None = None,
    database: str | None = None,
    timeout_s: float | None = None,
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
        timeout_s=timeout_s,
    )
