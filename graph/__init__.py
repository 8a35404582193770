"""gkg, the Gwangju AI-ecosystem knowledge graph.

``gkg.open()`` gives a :class:`gkg.core.KnowledgeGraph`, the one application core the
command line, the report and the notebooks share. Submodules are imported only when used,
so ``import gkg`` stays cheap for the command line.
"""

from __future__ import annotations

from typing import Any

__all__ = ["KnowledgeGraph", "open"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from gkg import core

        return getattr(core, name)
    raise AttributeError(f"module 'gkg' has no attribute {name!r}")
