"""Errors a user can act on. The CLI prints them as one clear message and exits with 2."""

from __future__ import annotations

from dataclasses import dataclass


class GkgError(Exception):
    """A problem the user can fix: bad input, an unknown name, a store that is not ready."""

    exit_code = 2


class SchemaError(GkgError):
    """A label, relationship type or property that the declared schema does not have."""


class StoreError(GkgError):
    """The graph store cannot be reached, or refused a query."""


class QueryError(GkgError):
    """A query that is unknown, badly parameterised or rejected by the engine."""


class UnknownEntityError(QueryError):
    """A name that matches no entity (in the graph asked: a past view may not know it yet)."""


@dataclass(frozen=True)
class Problem:
    """One located problem in an input file."""

    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


class ValidationError(GkgError):
    """Every problem found in the input, reported together."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        count = len(problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the input; nothing was written"
        super().__init__("\n".join([head, *(f"  {p}" for p in problems)]))
