// name: single-source-facts
// title: Facts resting on a single source
// description: Nodes and relationships cited by one source document only, with that source
//   and its quote: the facts a second source would strengthen.
// param: kind (str) = null; example: Budget
//   Only this node label or relationship type (e.g. Budget, FUNDS); unset: all.
// result: table
// engine: cypher
MATCH (n:Entity)
WHERE NOT n:SourceDocument
  AND all(x IN n.sourceIds WHERE x = n.sourceIds[0])
  AND ($kind IS NULL OR $kind IN labels(n))
RETURN 'node' AS element,
       [l IN labels(n) WHERE l <> 'Entity'][0] AS kind,
       n.name AS fact,
       n.sourceIds[0] AS source,
       n.sourceQuotes[0] AS quote
ORDER BY kind, fact
UNION ALL
MATCH (a:Entity)-[r]->(b:Entity)
WHERE all(x IN r.sourceIds WHERE x = r.sourceIds[0])
  AND ($kind IS NULL OR type(r) = $kind)
RETURN 'relationship' AS element,
       type(r) AS kind,
       a.name + ' -' + type(r) + '-> ' + b.name AS fact,
       r.sourceIds[0] AS source,
       r.sourceQuotes[0] AS quote
ORDER BY kind, fact
