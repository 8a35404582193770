// name: overview
// title: What the graph holds: nodes per label, relationships per type
// description: Counts of nodes by their own label and of relationships by type.
// result: table
// engine: cypher
MATCH (n:Entity)
RETURN 'node' AS element, [l IN labels(n) WHERE l <> 'Entity'][0] AS kind, count(n) AS count
ORDER BY kind
UNION ALL
MATCH (:Entity)-[r]->(:Entity)
RETURN 'relationship' AS element, type(r) AS kind, count(r) AS count
ORDER BY kind
