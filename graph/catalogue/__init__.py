"""Named queries: folders of ``.cypher`` files turned into a catalogue.

Each file holds one query under a small ``//`` header, parsed in :mod:`.query`; parameter
values are typed in :mod:`.values`, and the folders become a :class:`Catalogue` in
:mod:`.registry`. Built-in queries ship with gkg (:mod:`gkg.shipped`); analysts add folders
with ``GKG_QUERIES`` (``os.pathsep``-separated) or ``--queries DIR``. :mod:`gkg.runner`
answers them.
"""

from __future__ import annotations

from gkg.catalogue.query import (
    ENGINES,
    PARAM_TYPES,
    RESULT_KINDS,
    Engine,
    NamedQuery,
    Param,
    ParamType,
    ResultKind,
    parse_query,
)
from gkg.catalogue.registry import ENV_VAR, Catalogue, builtin_dir, env_dirs, query_files
from gkg.catalogue.values import convert, parse_assignments

__all__ = [
    "ENGINES",
    "ENV_VAR",
    "PARAM_TYPES",
    "RESULT_KINDS",
    "Catalogue",
    "Engine",
    "NamedQuery",
    "Param",
    "ParamType",
    "ResultKind",
    "builtin_dir",
    "convert",
    "env_dirs",
    "parse_assignments",
    "parse_query",
    "query_files",
]
