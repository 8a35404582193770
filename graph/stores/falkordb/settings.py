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

    @classmethod
    def from_env(cls, home: str | Path | None = None) -> EmbeddedSettings:
        """``home`` if given, else ``GKG_HOME``, else ``./.gkg``; always absolute."""
        return cls(Path(home).absolute() if home else default_home())

    def describe(self) -> str:
        return f"the embedded store in {self.home}"
