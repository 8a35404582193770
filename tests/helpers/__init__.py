"""Helpers the tests share: the small seed's expected graph, page parsing, synthetic
seeds and a Bolt protocol stub. Imported as ``tests.helpers.NAME``."""
