"""gkg, the Gwangju AI-ecosystem knowledge graph.

``graph.open()`` gives a :class:`graph.api.KnowledgeGraph`. Submodules are imported only
when used, so ``import graph`` stays cheap for the command line.
"""

from __future__ import annotations

from typing import Any

__all__ = ["KnowledgeGraph", "open"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from graph import api

        return getattr(api, name)
    raise AttributeError(f"module 'graph' has no attribute {name!r}")
