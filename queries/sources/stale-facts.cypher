// name: stale-facts
// title: Facts older than a given date
// description: Nodes and relationships whose asOf date (when the facts held, by default the
//   date of the newest source citing them) is before the given date: what may be out of
//   date and worth checking against newer sources.
// param: before (date) = 2024-01-01; example: 2025-01-01
//   The cut-off date (YYYY-MM-DD; YYYY or YYYY-MM also work).
// result: table
// engine: cypher
MATCH (n:Entity)
WHERE n.asOf < $before AND NOT n:SourceDocument
RETURN 'node' AS element,
       [l IN labels(n) WHERE l <> 'Entity'][0] AS kind,
       n.name AS fact,
       n.asOf AS asOf,
       n.sourceIds AS sources
ORDER BY asOf, kind, fact
UNION ALL
MATCH (a:Entity)-[r]->(b:Entity)
WHERE r.asOf < $before
RETURN 'relationship' AS element,
       type(r) AS kind,
       a.name + ' -' + type(r) + '-> ' + b.name AS fact,
       r.asOf AS asOf,
       r.sourceIds AS sources
ORDER BY asOf, kind, fact
