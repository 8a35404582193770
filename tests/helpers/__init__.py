"""Helpers the tests share: paths, the small seed's expected graph, the named queries'
answer checks, page parsing, synthetic seeds and a Bolt protocol stub. Imported as
``tests.helpers.NAME``."""

import pkgutil

import pytest

# Assertions in the shared checks report their values, as in test modules.
pytest.register_assert_rewrite(*(f"{__name__}.{m.name}" for m in pkgutil.iter_modules(__path__)))
