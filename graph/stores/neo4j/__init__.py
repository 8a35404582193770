"""Neo4j 5 (server, Aura or cluster) through the official ``neo4j`` driver."""
