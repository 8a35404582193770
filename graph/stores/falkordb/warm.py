"""Import FalkorDB's client ahead of use (for the resident gkg, :mod:`gkg.resident`)."""

from __future__ import annotations


def import_client() -> None:
    """Import the falkordb client, redis and its hiredis parser, and read their versions
    once (each new client asks for them; the package folders are then listed already)."""
    from importlib.metadata import version

    import falkordb  # noqa: F401
    import hiredis  # noqa: F401
    import redis  # noqa: F401

    for package in ("redis", "falkordb"):
        version(package)
