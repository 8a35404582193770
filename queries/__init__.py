"""The built-in named Cypher queries: one ``.cypher`` file per query, grouped by theme."""
