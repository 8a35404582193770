"""Where the embedded store keeps its data: ``GKG_HOME``, or ``.gkg`` in the working folder."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from gkg.model import StoreKind

#: The environment variable naming the embedded store's data folder.
HOME_ENV = "GKG_HOME"


def default_home() -> Path:
    """The embedded store's data folder: ``GKG_HOME`` or ``.gkg`` in the working directory."""
    return Path(os.environ.get(HOME_ENV) or ".gkg").absolute()


@dataclass(frozen=True)
class EmbeddedSettings:
    """The data folder of one embedded store (and so of its one server)."""

    kind: ClassVar[StoreKind] = "embedded"
    home: Path
    #: Seconds a query may run (None: ``GKG_TIMEOUT``, else 30).
    timeout_s: float | None = None

    @classmethod
    def from_env(
        cls, home: str | Path | None = None, timeout_s: float | None = None
    ) -> EmbeddedSettings:
        """``home`` if given, else ``GKG_HOME``, else ``./.gkg``; always absolute."""
        return cls(Path(home).absolute() if home else default_home(), timeout_s)

    def describe(self) -> str:
        return f"the embedded store in {self.home}"


#: Address space the embedded server may use (``GKG_SERVER_MEMORY_MB``): a runaway query
#: makes the server fail (gkg restarts it from the last save), never the whole machine.
DEFAULT_SERVER_MEMORY_MB = 4096
#: Memory one query may use (``GKG_QUERY_MEMORY_MB``), enforced by FalkorDB itself.
DEFAULT_QUERY_MEMORY_MB = 1024


@dataclass(frozen=True)
class ServerLimits:
    """The memory limits the embedded server is started with."""

    server_memory_mb: int = DEFAULT_SERVER_MEMORY_MB
    query_memory_mb: int = DEFAULT_QUERY_MEMORY_MB

    @classmethod
    def from_env(cls) -> ServerLimits:
        server = _megabytes("GKG_SERVER_MEMORY_MB", DEFAULT_SERVER_MEMORY_MB)
        query = _megabytes("GKG_QUERY_MEMORY_MB", min(DEFAULT_QUERY_MEMORY_MB, server // 4))
        return cls(server, min(query, server))


def _megabytes(name: str, default: int) -> int:
    from gkg.errors import StoreError

    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or not 256 <= int(raw) <= 1 << 30:
        raise StoreError(f"{name} must be a whole number of megabytes, at least 256; got {raw!r}")
    return int(raw)
