"""Graph stores: the interface (:mod:`.base`), the one place an engine is chosen
(:mod:`.factory`), ingestion Cypher from the schema (:mod:`.ingest`) and one folder per
engine (:mod:`.falkordb`, :mod:`.neo4j`) that alone imports that engine's client."""
