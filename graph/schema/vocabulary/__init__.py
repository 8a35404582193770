"""The Gwangju AI-ecosystem vocabulary, as data: node labels (:mod:`.nodes`) and
relationship types (:mod:`.relationships`). Add a label or a type here; the loader, the
stores' indexes and ``gkg schema`` follow."""

from __future__ import annotations

from gkg.schema.vocabulary.nodes import NODE_TYPES
from gkg.schema.vocabulary.relationships import REL_TYPES

__all__ = ["NODE_TYPES", "REL_TYPES"]
