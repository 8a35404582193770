"""gkg, the Gwangju AI-ecosystem knowledge graph.

``gkg.open()`` gives a :class:`gkg.core.KnowledgeGraph`, the one application core the
command line, the report and the notebooks share. Submodules are imported only when used,
so ``import gkg`` stays cheap for the command line.
"""

from __future__ import annotations

#: ``typing`` is not imported at run time (it costs the command line a few milliseconds);
#: type checkers take this name as true.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

__all__ = ["KnowledgeGraph", "open"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from gkg import core

        return getattr(core, name)
    raise AttributeError(f"module 'gkg' has no attribute {name!r}")
