"""Where the files shipped with gkg are: the built-in queries and the seed.

Installed (a wheel, ``pip install .``) they are package data, ``gkg/queries/`` and
``gkg/data/``, found through the import system. In an editable install or a source
checkout ``gkg`` is the ``graph/`` folder and they are its neighbours ``queries/`` and
``data/`` (setuptools' editable finder cannot import folders without Python in them).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from gkg.errors import GkgError

#: The built-in named queries.
QUERIES = "queries"
#: The shipped seed's folder.
DATA = "data"
SEED_FILE = "seed.yaml"


def folder(name: str) -> Path:
    """The shipped folder ``name`` (``queries`` or ``data``)."""
    spec = importlib.util.find_spec(f"gkg.{name}")
    if spec is not None and spec.submodule_search_locations:
        for location in spec.submodule_search_locations:
            if Path(location).is_dir():
                return Path(location)
    checkout = Path(__file__).resolve().parent.parent
    if (checkout / "pyproject.toml").is_file() and (checkout / name).is_dir():
        return checkout / name
    raise GkgError(f"gkg is installed without its {name!r} folder; reinstall gkg")


def queries_dir() -> Path:
    """The folder of the named queries shipped with gkg."""
    return folder(QUERIES)


def seed_path() -> Path:
    """The seed shipped with gkg."""
    return folder(DATA) / SEED_FILE
