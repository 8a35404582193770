"""Benchmarks of gkg: load throughput against a raw baseline, query latency, rendering.

Run them with ``make bench`` (``python -m benchmarks.run``); they are never part of
``make test``. Results go to ``benchmarks/results/*.json``; ``benchmarks/README.md``
explains how to read them.
"""
